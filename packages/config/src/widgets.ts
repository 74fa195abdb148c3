import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type LocalWidget = { name: string; version: string; devPort: number; distDir: string };

/** The repository's apps/ folder. */
export const defaultAppsDir = fileURLToPath(new URL('../../../apps', import.meta.url));

/**
 * The widget apps of this repository: every `apps/<name>` whose package.json says
 * `"flywheel": { "widget": true, "devPort": … }`. That one line is all a new widget needs to be
 * served and registered by `pnpm start` and `pnpm dev`, checked by `experiments check`, and
 * driven by the end-to-end suite: they all discover widgets here.
 */
export function discoverWidgets(appsDir: string = defaultAppsDir): LocalWidget[] {
  if (!existsSync(appsDir)) return [];
  return readdirSync(appsDir, { withFileTypes: true }).flatMap((dir) => {
    const manifest = join(appsDir, dir.name, 'package.json');
    if (!dir.isDirectory() || !existsSync(manifest)) return [];
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string; flywheel?: { widget?: boolean; devPort?: number } };
    if (!pkg.flywheel?.widget || !pkg.flywheel.devPort) return [];
    return [{ name: dir.name, version: pkg.version ?? '0.0.0', devPort: pkg.flywheel.devPort, distDir: join(appsDir, dir.name, 'dist') }];
  });
}
