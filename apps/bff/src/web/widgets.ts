import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalWidget } from '@flywheel/config/widgets';
import type { RemoteEntry } from '@flywheel/contracts/remotes';

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

/** Origins other than the BFF's that serve remotes: the pages' CSP must let their scripts run. */
export function remoteOrigins(source: RegistrySource): string[] {
  const urls =
    source.kind === 'configured'
      ? source.entries.map((e) => e.manifestUrl)
      : source.kind === 'dev'
        ? registryEntries(source, '').map((e) => e.manifestUrl)
        : [];
  return [...new Set(urls.map((url) => new URL(url).origin))];
}
