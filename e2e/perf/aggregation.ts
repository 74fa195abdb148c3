import { aggregateExperiment } from '@flywheel/api';
import type { MetricDefinition } from '@flywheel/contracts/experiments';
import { createDatabase, DEMO, DEVELOPMENT_SECRETS_KEY, parseSecretsKey, schema, seedDemo } from '@flywheel/db';
import { eq, sql } from 'drizzle-orm';
import { verdict } from './verdict.ts';

/**
 * `pnpm --filter @flywheel/e2e bench:aggregation`: experiment results for 10 metrics × 3
 * variations over 1,000,000 generated events (DESIGN.md budget: ≤ 1 s). Runs on Postgres with
 * DATABASE_URL (a scratch schema's rows are deleted afterwards), else on in-memory PGlite. The
 * baseline, measured in the same run on the same rows, is one plain GROUP BY scan of them.
 */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const UNITS = Math.round(EVENTS / 10);
const RUNS = 3;

const database = await createDatabase(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: 'memory://' });
const { db } = database;
await seedDemo(db, parseSecretsKey(DEVELOPMENT_SECRETS_KEY));
const [tenant] = await db
  .select({ id: schema.tenants.id })
  .from(schema.tenants)
  .where(eq(schema.tenants.publishableKey, DEMO.publishableKey));
if (!tenant) throw new Error('demo tenant missing');
const experimentKey = `bench-${Date.now()}`;
const metrics: MetricDefinition[] = Array.from({ length: 10 }, (_, i) => ({
  key: `metric_${i}`,
  event: `bench_event_${i}`,
  type: (['binomial', 'count', 'mean'] as const)[i % 3] ?? 'count',
  ...(i % 3 === 2 ? { property: 'amount' } : {}),
  conversionWindowHours: 72,
  goal: 'increase',
}));

const started = performance.now();
// One exposure per unit (3 variations, a few units exposed twice), the rest conversions.
await db.execute(sql`
  insert into events (tenant_id, message_id, type, event, user_id, properties, "timestamp")
  select ${tenant.id}::uuid, ${experimentKey}::text || ':x:' || g, 'track', 'experiment_viewed', 'u' || g,
         jsonb_build_object('experiment_id', ${experimentKey}::text, 'variation_id', 'v' || (g % 3)),
         now() - interval '10 days' + (g % 1000) * interval '1 minute'
  from generate_series(1, ${UNITS}::int) g`);
await db.execute(sql`
  insert into events (tenant_id, message_id, type, event, user_id, properties, "timestamp")
  select ${tenant.id}::uuid, ${experimentKey}::text || ':e:' || g, 'track', 'bench_event_' || (g % 10), 'u' || (1 + (g::bigint * 7919) % ${UNITS}::int),
         jsonb_build_object('amount', (g % 50)::double precision),
         now() - interval '10 days' + (g % 5000) * interval '1 minute'
  from generate_series(1, ${EVENTS - UNITS}::int) g`);
await db.execute(sql`analyze events`);
const loadSeconds = (performance.now() - started) / 1000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
async function time(run: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

const from = new Date(Date.now() - 30 * 24 * 3600_000);
const to = new Date();
const baselineMs = await time(() => db.execute(sql`select event, count(*) from events where tenant_id = ${tenant.id} group by event`));
let variations = 0;
const aggregationMs = await time(async () => {
  const totals = await aggregateExperiment(db, { tenantId: tenant.id, experimentKey, metrics, from, to });
  variations = totals.variations.length;
});

console.log(`driver                 ${database.driver}`);
console.log(
  `events                 ${EVENTS.toLocaleString('en')} (${UNITS.toLocaleString('en')} units; generated in ${loadSeconds.toFixed(1)} s)`,
);
console.log(`baseline GROUP BY scan ${baselineMs.toFixed(0)} ms (median of ${RUNS})`);
console.log(
  `results: 10 metrics × ${variations} variations  ${aggregationMs.toFixed(0)} ms (median of ${RUNS}), ${Math.round(EVENTS / (aggregationMs / 1000)).toLocaleString('en')} events/s`,
);
console.log(`ratio to baseline      ${(aggregationMs / baselineMs).toFixed(2)}×`);
verdict(
  `results, 10 metrics × ${variations} variations, ${EVENTS.toLocaleString('en')} events (${database.driver})`,
  `${aggregationMs.toFixed(0)} ms`,
  '≤ 1000 ms',
  aggregationMs <= 1000,
);

await db.execute(sql`delete from events where tenant_id = ${tenant.id} and message_id like ${`${experimentKey}:%`}`);
await database.close();
