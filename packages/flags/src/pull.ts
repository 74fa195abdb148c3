import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { type Authored, tenantDefinitions } from './authored.ts';
import { defaultExperimentsDir, loadDefinitions, type Problem } from './definitions.ts';

/**
 * Writes what a tenant's marketers created in the console into experiments/, for teams who review
 * experiments as code: each copy variation joins its feature's `variations` (value = id, with its
 * texts) and a console-created experiment replaces the file's `experiment`, as the console wrote
 * it. Comments and the rest of each file stay as they are. Nothing is written while experiments/
 * or any console addition fails validation.
 */
export function pullAuthored(authored: Authored, dir: string = defaultExperimentsDir): { written: string[]; problems: Problem[] } {
  const base = loadDefinitions(dir);
  const { problems } = tenantDefinitions(base, authored);
  if (base.problems.length > 0 || problems.length > 0) return { written: [], problems: [...base.problems, ...problems] };
  const written: string[] = [];
  for (const feature of base.features) {
    const copy = authored.copy.filter((c) => c.featureKey === feature.key && !feature.variations.some((v) => v.id === c.variationId));
    const experiment = authored.experiments.get(feature.key);
    if (copy.length === 0 && experiment === undefined) continue;
    const file = [`${feature.key}.yaml`, `${feature.key}.yml`].find((name) => existsSync(join(dir, name)));
    if (!file) {
      problems.push({ file: `${feature.key}.json`, path: '(file)', message: 'pull writes YAML: convert this file to YAML first' });
      continue;
    }
    const document = parseDocument(readFileSync(join(dir, file), 'utf8'));
    for (const c of copy) document.addIn(['variations'], document.createNode({ id: c.variationId, value: c.variationId, texts: c.texts }));
    if (experiment !== undefined) document.set('experiment', document.createNode(experiment));
    writeFileSync(join(dir, file), document.toString({ lineWidth: 100 }));
    written.push(file);
  }
  return { written, problems };
}
