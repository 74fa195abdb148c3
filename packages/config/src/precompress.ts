import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { RsbuildPlugin } from '@rsbuild/core';

/** Text formats worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|txt|map|d\.ts)$/;
/** Below this a compressed copy saves less than its own headers cost. */
const MIN_BYTES = 1024;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/**
 * Writes `<file>.br` and `<file>.gz` beside every compressible file of a production build, at the
 * highest levels (it is done once, at build time, not per request), so the BFF (or a CDN) sends
 * the compressed copy the browser accepts with no work per request. Brotli at quality 11 makes
 * JavaScript about 15 % smaller than gzip -9.
 */
export function pluginPrecompress(): RsbuildPlugin {
  return {
    name: 'flywheel:precompress',
    setup(api) {
      api.onAfterBuild(() => {
        if (process.env.NODE_ENV !== 'production') return;
        for (const file of filesUnder(api.context.distPath)) {
          if (!COMPRESSIBLE.test(file) || statSync(file).size < MIN_BYTES) continue;
          const content = readFileSync(file);
          writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
          writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
        }
      });
    },
  };
}
