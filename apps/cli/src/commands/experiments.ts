import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { authoredFor, tenantIdByKey } from '@flywheel/api';
import { defaultAppsDir, discoverWidgets } from '@flywheel/config/widgets';
import { catalogueEntry } from '@flywheel/contracts/event-catalogue';
import { featureDefinition, metricsFile } from '@flywheel/contracts/experiments';
import { defaultExperimentsDir, loadDefinitions, pullAuthored, pushToGrowthBook, tenantDefinitions } from '@flywheel/flags';
import { z } from 'zod';
import { openDatabase } from '../database.ts';
import { UsageError } from '../usage-error.ts';

export const experimentsHelp = `flywheel experiments check [--dir experiments] [--tenant <publishable key>]
  Validates every feature file and metrics.yaml, and that every widget in apps/ has its kill
  switch (<widget>.enabled) and build flag (<widget>.remote); prints each problem as
  <file>: <field>: <reason>. With --tenant, also what that tenant's marketers created in the
  console (reported as console:<feature key>), by the same schema.

flywheel experiments pull <publishable key> [--dir experiments]
  Writes the copy variations and experiments a tenant's marketers created in the console into
  the feature files, for teams who review experiments as code; comments stay. Once the files are
  deployed, Discard in the console hands the feature back to its file.

flywheel experiments schema [--dir experiments]
  Writes feature.schema.json and metrics.schema.json for editor completion.

flywheel experiments push --api-url <url> [--environment production] [--dir experiments]
  Upserts the features and experiments into a real GrowthBook through its REST API (idempotent).
  The key comes from GROWTHBOOK_SECRET_KEY; --api-url defaults to GROWTHBOOK_API_URL
  (e.g. https://api.growthbook.io/api).`;

/** What a tenant's marketers created in the console, read from the BFF's database. */
async function tenantAuthored(publishableKey: string, flag: string, env: Record<string, string | undefined>) {
  const { database } = await openDatabase(env);
  try {
    const tenantId = await tenantIdByKey(database.db, publishableKey);
    if (!tenantId) throw new UsageError(`${flag}: no tenant has ${publishableKey}`);
    return await authoredFor(database.db, tenantId);
  } finally {
    await database.close();
  }
}

/** The JSON Schemas editors use (`# yaml-language-server: $schema=./feature.schema.json`). */
export function jsonSchemas(): Record<string, string> {
  const schema = (value: z.ZodType) => `${JSON.stringify(z.toJSONSchema(value, { io: 'input', unrepresentable: 'any' }), null, 2)}\n`;
  return { 'feature.schema.json': schema(featureDefinition), 'metrics.schema.json': schema(metricsFile) };
}

export async function experimentsCommand(argv: string[], env: Record<string, string | undefined>): Promise<string> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      dir: { type: 'string' },
      tenant: { type: 'string' },
      'api-url': { type: 'string' },
      environment: { type: 'string', default: 'production' },
    },
    allowPositionals: sub === 'pull',
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
    const consoleProblems = values.tenant
      ? tenantDefinitions({ features, metrics }, await tenantAuthored(values.tenant, '--tenant', env)).problems
      : [];
    const all = [...problems, ...stale, ...unflagged, ...uncatalogued, ...consoleProblems];
    if (all.length > 0) throw new Error(all.map((p) => `${shown(p.file)}: ${p.path}: ${p.message}`).join('\n'));
    return `${features.length} features and ${metrics.length} metrics are valid.`;
  }
  if (sub === 'schema') {
    for (const [file, content] of Object.entries(jsonSchemas())) writeFileSync(join(dir, file), content);
    return `Wrote ${Object.keys(jsonSchemas()).map(shown).join(' and ')}.`;
  }
  if (sub === 'pull') {
    const [publishableKey] = positionals;
    if (!publishableKey) throw new UsageError('<publishable key>: required, the tenant whose console work to pull (e.g. pk_test_demo)');
    const { written, problems } = pullAuthored(await tenantAuthored(publishableKey, '<publishable key>', env), dir);
    if (problems.length > 0) throw new Error(problems.map((p) => `${shown(p.file)}: ${p.path}: ${p.message}`).join('\n'));
    if (written.length === 0) return `Nothing to pull: ${publishableKey} has no console-created copy or experiments.`;
    return [`Wrote what the console created into:`, ...written.map((file) => `  ${shown(file)}`)].join('\n');
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
