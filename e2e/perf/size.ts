import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { verdict } from './verdict.ts';

/**
 * `pnpm bench:size`: what a page downloads, gzipped, against DESIGN.md's budgets. Reads the
 * production builds (run `pnpm build` first): embed.js, the embed host (the Module Federation
 * runtime and the shared singletons), each widget's own code, and the totals for one and for all
 * widgets on a bare page. Exits 1 when a budget is exceeded.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const KB = 1024;
const gz = (file: string) => gzipSync(readFileSync(file), { level: 6 }).length;

type Manifest = {
  shared: { name: string; assets: { js: { sync: string[]; async: string[] } } }[];
  exposes: { name: string; assets: { js: { sync: string[]; async: string[] } } }[];
  metaData: { remoteEntry: { name: string } };
};

const widgetDirs = readdirSync(join(root, 'apps')).filter((name) => {
  const pkg = join(root, 'apps', name, 'package.json');
  return existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).flywheel?.widget;
});

const rows: { item: string; bytes: number; budget?: number }[] = [];
const embedJs = gz(join(root, 'packages/embed/dist/embed.js'));
// The embed host is one file (its shared singletons are eager, docs/decisions/030): the Module
// Federation runtime, the loader and every singleton the page's widgets share.
const hostDist = join(root, 'packages/embed/dist/host');
const hostManifest = JSON.parse(readFileSync(join(hostDist, 'mf-manifest.json'), 'utf8')) as Manifest;
const embedHost = gz(join(hostDist, 'static/js/host.js'));
rows.push({ item: 'embed.js (before it loads anything)', bytes: embedJs, budget: 6 * KB });
rows.push({
  item: `embed host (host.js, once per page): MF runtime, loader, ${hostManifest.shared.map((s) => s.name).join(', ')}`,
  bytes: embedHost,
});
const widgetOwn = new Map<string, number>();
for (const name of widgetDirs) {
  const dist = join(root, 'apps', name, 'dist');
  const manifest = JSON.parse(readFileSync(join(dist, 'mf-manifest.json'), 'utf8')) as Manifest;
  const own = new Set<string>([manifest.metaData.remoteEntry.name]);
  for (const expose of manifest.exposes) for (const f of [...expose.assets.js.sync, ...expose.assets.js.async]) own.add(f);
  const sharedHere = new Set(manifest.shared.flatMap((s) => [...s.assets.js.sync, ...s.assets.js.async]));
  for (const f of sharedHere) own.delete(f);
  const bytes = [...own].reduce((sum, f) => sum + gz(join(dist, f)), 0);
  widgetOwn.set(name, bytes);
  rows.push({ item: `widget ${name}: its own JavaScript (remoteEntry + exposed chunks)`, bytes, budget: 25 * KB });
}
const firstWidget = Math.max(...widgetOwn.values());
rows.push({
  item: 'bare page, first widget: embed.js + embed host + widget',
  bytes: embedJs + embedHost + firstWidget,
  budget: 150 * KB,
});
const all = [...widgetOwn.values()].reduce((a, b) => a + b, 0);
rows.push({
  item: `bare page, all ${widgetOwn.size} widgets (runtime and singletons once)`,
  bytes: embedJs + embedHost + all,
});

const width = Math.max(...rows.map((r) => r.item.length));
console.log(`${'artifact'.padEnd(width)}  ${'gzip'.padStart(9)}  ${'budget'.padStart(9)}  ratio`);
for (const { item, bytes, budget } of rows) {
  const ratio = budget ? (bytes / budget).toFixed(2) : '';
  const flag = budget && bytes > budget ? '  OVER BUDGET' : '';
  console.log(
    `${item.padEnd(width)}  ${(bytes / KB).toFixed(1).padStart(7)} KB  ${budget ? `${(budget / KB).toFixed(0).padStart(6)} KB` : ' '.repeat(9)}  ${ratio}${flag}`,
  );
}
for (const { item, bytes, budget } of rows) {
  if (budget) verdict(`gzip size: ${item}`, `${(bytes / KB).toFixed(1)} KB`, `≤ ${(budget / KB).toFixed(0)} KB`, bytes <= budget);
}
