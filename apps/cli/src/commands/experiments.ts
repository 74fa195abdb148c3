import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultAppsDir, discoverWidgets } from '@flywheel/config/widgets';
import { catalogueEntry } from '@flywheel/contracts/event-catalogue';
import { featureDefinition, metricsFile } from '@flywheel/contracts/experiments';
import { defaultExperimentsDir, loadDefinitions, pushToGrowthBook } from '@flywheel/flags';
import { z } from 'zod';
import { UsageError } from '../usage-error.ts';

export const experimentsHelp = `flywheel experiments check [--dir experiments]
  Validates every feature file and metrics.yaml, and that every widget in apps/ has its kill
  switch (<widget>.enabled) and build flag (<widget>.remote); prints each problem as
  <file>: <field>: <reason>.

flywheel experiments schema [--dir experiments]
  Writes feature.schema.json and metrics.schema.json for editor completion.

flywheel experiments push --api-url <url> [--environment production] [--dir experiments]
  Upserts the features and experiments into a real GrowthBook through its REST API (idempotent).
  The key comes from GROWTHBOOK_SECRET_KEY; --api-url defaults to GROWTHBOOK_API_URL
  (e.g. https://api.growthbook.io/api).`;

/** The JSON Schemas editors use (`# yaml-language-server: $schema=./feature.schema.json`). */
export function jsonSchemas(): Record<string, string> {
  const schema = (value: z.ZodType) => `${JSON.stringify(z.toJSONSchema(value, { io: 'input', unrepresentable: 'any' }), null, 2)}\n`;
  return { 'feature.schema.json': schema(featureDefinition), 'metrics.schema.json': schema(metricsFile) };
}

export async function experimentsCommand(argv: string[], env: Record<string, string | undefined>): Promise<string> {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { dir: { type: 'string' }, 'api-url': { type: 'string' }, environment: { type: 'string', default: 'production' } },
    strict: true,
  });
  const dir = values.dir ?? defaultExperimentsDir;
  const shown = (file: string) => relative(process.cwd(), join(dir, file)) || file;

  if (sub === 'check') {
    const { features, metrics, problems } = loadDefinitions(dir);
    const stale = Object.entries(jsonSchemas())
      .filter(([file, content]) => {
        try {
          return readFileSync(join(dir, file), 'utf8') !== content;
        } catch {
          return true;
        }
      })
      .map(([file]) => ({ file, path: '(file)', message: 'is out of date: run `pnpm flywheel experiments schema`' }));
    // Every widget is a feature-flagged microfrontend: a kill switch and a flag naming its build.
    const keys = new Set(features.map((f) => f.key));
    const unflagged = discoverWidgets(env.FLYWHEEL_REPO_ROOT ? join(env.FLYWHEEL_REPO_ROOT, 'apps') : defaultAppsDir).flatMap((widget) =>
      (['enabled', 'remote'] as const)
        .filter((flag) => !keys.has(`${widget.name}.${flag}`))
        .map((flag) => ({
          file: `${widget.name}.${flag}.yaml`,
          path: '(file)',
          message: `is missing: every widget needs ${flag === 'enabled' ? 'its kill switch' : 'the flag naming the build hosts load'} (apps/${widget.name})`,
        })),
    );
    // A metric over an event nobody records would read zero forever: only catalogued events count.
    const uncatalogued = metrics.flatMap((metric, index) =>
      catalogueEntry(metric.event)
        ? []
        : [
            {
              file: 'metrics.yaml',
              path: `metrics.${index}.event`,
              message: `"${metric.event}" is not in the event catalogue (@flywheel/contracts/event-catalogue)`,
            },
          ],
    );
    const all = [...problems, ...stale, ...unflagged, ...uncatalogued];
    if (all.length > 0) throw new Error(all.map((p) => `${shown(p.file)}: ${p.path}: ${p.message}`).join('\n'));
    return `${features.length} features and ${metrics.length} metrics are valid.`;
  }
  if (sub === 'schema') {
    for (const [file, content] of Object.entries(jsonSchemas())) writeFileSync(join(dir, file), content);
    return `Wrote ${Object.keys(jsonSchemas()).map(shown).join(' and ')}.`;
  }
  if (sub === 'push') {
    const apiUrl = values['api-url'] ?? env.GROWTHBOOK_API_URL;
    if (!apiUrl) throw new UsageError('--api-url: required (or GROWTHBOOK_API_URL), e.g. https://api.growthbook.io/api');
    const secretKey = env.GROWTHBOOK_SECRET_KEY;
    if (!secretKey) throw new UsageError('GROWTHBOOK_SECRET_KEY: required (a GrowthBook secret key with write access)');
    const definitions = loadDefinitions(dir);
    if (definitions.problems.length > 0) throw new Error('experiments/ has problems; run `pnpm flywheel experiments check` first.');
    const summary = await pushToGrowthBook({ apiUrl, secretKey, environment: values.environment, definitions });
    const line = (what: string, s: { created: string[]; updated: string[] }) =>
      `${what}: ${s.created.length} created, ${s.updated.length} updated`;
    return [line('Features', summary.features), line('Experiments', summary.experiments)].join('\n');
  }
  throw new UsageError(`experiments: unknown subcommand "${sub ?? ''}"`);
}
