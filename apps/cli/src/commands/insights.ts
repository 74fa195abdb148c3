import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { insights, tenantIdByKey } from '@flywheel/api';
import { MultiBar, Presets } from 'cli-progress';
import { openDatabase } from '../database.ts';
import { UsageError } from '../usage-error.ts';

export const insightsHelp = `flywheel insights export <publishable key> [--out customer_data.csv]
flywheel insights train <publishable key>

  export: writes every customer's features with the article's column names (login_freq,
  feature_usage, support_tickets, high_value, and recency_days, frequency, monetary,
  referrals_sent, streak, accepted_ugc, tier), so pandas and scikit-learn read it as it is.
  train: recomputes every customer now, retrains the high-value model and prints its evaluation
  on the held-out 30 % (ROC AUC, precision and recall, feature importances).`;

const percent = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)} %`);

export async function insightsCommand(argv: string[], env: Record<string, string | undefined>): Promise<string> {
  const [sub, key, ...rest] = argv;
  if (sub !== 'export' && sub !== 'train') throw new UsageError(`insights: unknown subcommand "${sub ?? ''}"`);
  if (!key?.startsWith('pk_')) throw new UsageError("insights: the tenant's publishable key (pk_…) comes first");
  const { values } = parseArgs({ args: rest, options: { out: { type: 'string', default: 'customer_data.csv' } }, strict: true });
  const { database } = await openDatabase(env);
  try {
    const tenantId = await tenantIdByKey(database.db, key);
    if (!tenantId) throw new UsageError(`insights: no tenant with the publishable key ${key}`);
    if (sub === 'export') {
      const csv = await insights.featureTableCsv(database.db, tenantId, new Date());
      await writeFile(values.out, csv);
      return `Wrote ${csv.split('\n').length - 2} customers to ${values.out}`;
    }
    // Awaited here, so the database closes only after training.
    return await train(database.db, tenantId, env);
  } finally {
    await database.close();
  }
}

async function train(db: Parameters<typeof insights.refreshInsights>[0], tenantId: string, env: Record<string, string | undefined>) {
  // A bar per step on the terminal (stderr): the output itself stays what scripts read.
  const bars = new MultiBar(
    { format: '{step} [{bar}] {value}/{total}', hideCursor: true, noTTYOutput: env.CI === 'true' },
    Presets.shades_classic,
  );
  const shown = new Map<string, ReturnType<MultiBar['create']>>();
  const summary = await insights
    .refreshInsights(db, tenantId, {
      now: new Date(),
      train: 'now',
      onProgress: (step, done, total) => {
        const bar = shown.get(step) ?? bars.create(total, 0, { step: step.padEnd(8) });
        shown.set(step, bar);
        bar.setTotal(total);
        bar.update(done, { step: step.padEnd(8) });
      },
    })
    .finally(() => bars.stop());
  const lines = [`Refreshed ${summary.customers} customers in ${(summary.ms / 1000).toFixed(1)} s`];
  lines.push(
    `  tiers: ${Object.entries(summary.tiers)
      .map(([tier, n]) => `${tier} ${n}`)
      .join(', ')}`,
  );
  if (!summary.training || 'skipped' in summary.training) {
    lines.push(`  model: not trained (${summary.training && 'skipped' in summary.training ? summary.training.skipped : 'not due'})`);
    return lines.join('\n');
  }
  const run = await insights.lastModelRun(db, tenantId);
  const evaluation = run?.evaluation as
    | { rocAuc: number | null; heldOut: number; atThreshold: { threshold: number; precision: number | null; recall: number | null } }
    | undefined;
  lines.push(
    `  model v${summary.training.version}: ROC AUC ${summary.training.rocAuc?.toFixed(3) ?? '—'} on ${evaluation?.heldOut ?? 0} held-out customers`,
  );
  if (evaluation) {
    const { threshold, precision, recall } = evaluation.atThreshold;
    lines.push(`  at ${threshold}: precision ${percent(precision)}, recall ${percent(recall)}`);
  }
  const importances = Object.entries(run?.importances ?? {}).sort((a, b) => b[1] - a[1]);
  lines.push(`  importances: ${importances.map(([name, weight]) => `${name} ${percent(weight)}`).join(', ')}`);
  return lines.join('\n');
}
