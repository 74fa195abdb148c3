import { createHostConfig } from '@flywheel/config/rsbuild';
import { mergeRsbuildConfig } from '@rsbuild/core';

// The Module Federation host embed.js loads on demand: the runtime, the shared singletons and the
// loader. Served from /embed/; its entry keeps a fixed name (host.js) so embed.js can find it,
// while every other file is content-hashed.
export default mergeRsbuildConfig(
  createHostConfig({ name: 'flywheel-embed', port: 3002, entry: './src/host/index.ts', assetPrefix: 'auto', distPath: 'dist/host' }),
  {
    html: { template: undefined },
    // The page API's declarations, for host pages written in TypeScript: /embed/flywheel.d.ts.
    output: { copy: [{ from: './flywheel.d.ts' }] },
    tools: {
      htmlPlugin: false,
      rspack: (config) => {
        config.output = { ...config.output, filename: 'static/js/host.js' };
        return config;
      },
    },
  },
);
