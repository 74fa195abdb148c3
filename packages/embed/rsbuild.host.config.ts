import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { createHostConfig, sharedSingletons } from '@flywheel/config/rsbuild';
import { mergeRsbuildConfig } from '@rsbuild/core';

/**
 * The React version preact/compat stands in for on embed.js pages: widgets are built against it
 * and ask the page for `^19`, which this host provides (decision 030).
 */
const require = createRequire(import.meta.url);
const reactVersion: string = require('react/package.json').version;
/** preact/compat's directory, so `react/jsx-runtime` and `react-dom/client` find its files too, from any package. */
const preactCompat = dirname(require.resolve('preact/compat/package.json'));
const asReact = { version: reactVersion, requiredVersion: `^${reactVersion.split('.')[0]}.0.0` };

// The Module Federation host embed.js loads on demand: the runtime, the shared singletons and the
// loader. Served from /embed/; its entry keeps a fixed name (host.js) so embed.js can find it,
// while every other file is content-hashed. Its React is preact/compat: a tenant's page that
// shows one widget downloads 10 KB of it instead of react-dom's 56 KB, and the widgets cannot
// tell (React hosts, the console and the shell, keep React itself).
export default mergeRsbuildConfig(
  createHostConfig({
    name: 'flywheel-embed',
    port: 3002,
    entry: './src/host/index.ts',
    assetPrefix: 'auto',
    distPath: 'dist/host',
    // Eager: the singletons are in host.js itself, not in a dozen chunks fetched in waves after it.
    shared: Object.fromEntries(
      Object.entries({
        ...sharedSingletons,
        react: { ...sharedSingletons.react, ...asReact },
        'react/': { ...sharedSingletons['react/'], ...asReact },
        'react-dom': { ...sharedSingletons['react-dom'], ...asReact },
        'react-dom/': { ...sharedSingletons['react-dom/'], ...asReact },
      }).map(([name, options]) => [name, { ...options, eager: true }]),
    ),
  }),
  {
    html: { template: undefined },
    // One file: embed.js loads host.js by name, and everything the first widget needs is in it.
    performance: { chunkSplit: { strategy: 'all-in-one' } },
    // Every `react`, `react-dom` and their subpaths (jsx-runtime, client), in this host's own code
    // and in the libraries it bundles, resolve to preact/compat's.
    resolve: { alias: { react: preactCompat, 'react-dom': preactCompat } },
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
