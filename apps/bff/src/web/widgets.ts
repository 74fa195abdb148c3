import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RemoteEntry } from '@flywheel/contracts/remotes';

export type LocalWidget = { name: string; version: string; devPort: number; distDir: string };

/**
 * The widget apps of this repository: every `apps/<name>` whose package.json says
 * `"flywheel": { "widget": true, "devPort": … }`. That one line is all a new widget needs to be
 * served and registered by `pnpm start` and `pnpm dev`.
 */
export function discoverWidgets(appsDir: string): LocalWidget[] {
  if (!existsSync(appsDir)) return [];
  return readdirSync(appsDir, { withFileTypes: true }).flatMap((dir) => {
    const manifest = join(appsDir, dir.name, 'package.json');
    if (!dir.isDirectory() || !existsSync(manifest)) return [];
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string; flywheel?: { widget?: boolean; devPort?: number } };
    if (!pkg.flywheel?.widget || !pkg.flywheel.devPort) return [];
    return [{ name: dir.name, version: pkg.version ?? '0.0.0', devPort: pkg.flywheel.devPort, distDir: join(appsDir, dir.name, 'dist') }];
  });
}

export type RegistrySource =
  /** A fixed list from REMOTE_REGISTRY (remotes on a CDN). */
  | { kind: 'configured'; entries: RemoteEntry[] }
  /** The repository's built widgets, served by this BFF under /remotes/<name>/. */
  | { kind: 'built'; widgets: LocalWidget[] }
  /** The repository's widgets on their dev servers (`pnpm dev`). */
  | { kind: 'dev'; widgets: LocalWidget[] };

/** What `GET /api/remotes` answers, with manifest URLs absolute against the BFF's public origin. */
export function registryEntries(source: RegistrySource, publicOrigin: string): RemoteEntry[] {
  if (source.kind === 'configured') return source.entries;
  if (source.kind === 'dev') {
    return source.widgets.map((w) => ({
      name: w.name,
      version: `${w.version}-dev`,
      manifestUrl: `http://localhost:${w.devPort}/mf-manifest.json`,
    }));
  }
  return source.widgets
    .filter((w) => existsSync(join(w.distDir, 'mf-manifest.json')))
    .map((w) => ({ name: w.name, version: w.version, manifestUrl: `${publicOrigin}/remotes/${w.name}/mf-manifest.json` }));
}
