import { pluginPrecompress } from '@flywheel/config/rsbuild';
import { defineConfig } from '@rsbuild/core';

// embed.js itself: one small classic script with no dependencies; everything heavy is loaded
// later through the embed host (rsbuild.host.config.ts).
export default defineConfig({
  plugins: [pluginPrecompress()],
  source: { entry: { embed: './src/embed.ts' } },
  tools: { htmlPlugin: false },
  performance: { chunkSplit: { strategy: 'all-in-one' } },
  output: {
    distPath: { root: 'dist', js: '' },
    filename: { js: '[name].js' },
    filenameHash: false,
    cleanDistPath: false,
    assetPrefix: '/',
  },
});
