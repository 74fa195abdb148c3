import { randomUUID } from 'node:crypto';
import { AnonymousIds, createDomainPlatform, createFlagsRuntime, ingestBatch } from '@flywheel/api';
import { MAX_BATCH_EVENTS } from '@flywheel/contracts/events';
import { createDatabase, DEMO, DEVELOPMENT_SECRETS_KEY, parseSecretsKey, schema, seedDemo } from '@flywheel/db';
import { loadDefinitions } from '@flywheel/flags';
import { eq, like } from 'drizzle-orm';
import { verdict } from './verdict.ts';

/**
 * `pnpm --filter @flywheel/e2e bench:ingest`: how many events per second `POST /api/events`'s
 * ingestion stores durably (one transaction per batch: the events, the identity updates and the
 * deliveries to every matching reaction), against the baseline measured in the same run on the
 * same database: a bare multi-row INSERT of the same rows. The goal is ≥ 0.5×. Runs on
 * Postgres with DATABASE_URL, else on in-memory PGlite; the rows it writes are deleted afterwards.
 */
const BATCHES = Number(process.env.BENCH_BATCHES ?? 200);
/** As large as POST /api/events takes. */
const BATCH_SIZE = MAX_BATCH_EVENTS;
const CONCURRENCY = 4;
const RUNS = 3;

const database = await createDatabase(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: 'memory://' });
const { db } = database;
const secretsKey = parseSecretsKey(DEVELOPMENT_SECRETS_KEY);
await seedDemo(db, secretsKey);
const [tenant] = await db
  .select({ id: schema.tenants.id })
  .from(schema.tenants)
  .where(eq(schema.tenants.publishableKey, DEMO.publishableKey));
if (!tenant) throw new Error('demo tenant missing');
const deps = {
  db,
  anonymousIds: new AnonymousIds(secretsKey),
  platform: createDomainPlatform({
    webhooks: { secretsKey, allowPrivateNetworks: true },
    flags: createFlagsRuntime(db, loadDefinitions()),
  }),
};
const prefix = `bench-ingest-${Date.now()}`;

/** A full batch: clicks of as many customers, plus one server event that reactions listen to. */
function batch(run: string, index: number) {
  return Array.from({ length: BATCH_SIZE }, (_, i) => ({
    type: 'track' as const,
    event: i === 0 ? 'subscription_started' : 'widget_clicked',
    messageId: `${prefix}:${run}:${index}:${i}:${randomUUID()}`,
    userId: `bench-${(index * BATCH_SIZE + i) % 5000}`,
    properties: { widget: 'referral-center', plan: 'free', position: i },
  }));
}

async function inParallel(work: (index: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < BATCHES) await work(next++);
    }),
  );
}

const bare = (run: string) =>
  inParallel((index) =>
    db.insert(schema.events).values(
      batch(run, index).map((e) => ({
        tenantId: tenant.id,
        messageId: e.messageId,
        type: e.type,
        event: e.event,
        userId: e.userId,
        properties: e.properties,
        timestamp: new Date(),
        producer: 'server' as const,
      })),
    ),
  );
const ingest = (run: string) => inParallel((index) => ingestBatch(deps, tenant.id, { kind: 'server' }, batch(run, index)));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const baseline: number[] = [];
const measured: number[] = [];
// Alternate the two so drift on a noisy machine hits both alike.
for (let run = 0; run < RUNS; run++) {
  let started = performance.now();
  await bare(`bare${run}`);
  baseline.push(performance.now() - started);
  started = performance.now();
  await ingest(`ingest${run}`);
  measured.push(performance.now() - started);
}

const events = BATCHES * BATCH_SIZE;
const rate = (ms: number) => Math.round(events / (ms / 1000));
const [deliveries] = await db
  .select({ id: schema.deliveries.id })
  .from(schema.deliveries)
  .innerJoin(schema.events, eq(schema.events.id, schema.deliveries.eventId))
  .where(like(schema.events.messageId, `${prefix}:ingest0:%`))
  .limit(1);
console.log(`driver                ${database.driver}`);
console.log(`events per run        ${events.toLocaleString('en')} (${BATCHES} batches of ${BATCH_SIZE}, ${CONCURRENCY} at a time)`);
console.log(`bare multi-row insert ${rate(median(baseline)).toLocaleString('en')} events/s (median of ${RUNS})`);
console.log(
  `ingestBatch           ${rate(median(measured)).toLocaleString('en')} events/s (median of ${RUNS}), deliveries written: ${deliveries ? 'yes' : 'no'}`,
);
const ratio = median(baseline) / median(measured);
console.log(`ratio to baseline     ${ratio.toFixed(2)}×`);
verdict(`ingest (batches of ${BATCH_SIZE}, ${database.driver}) vs a bare multi-row INSERT`, `${ratio.toFixed(2)}×`, '≥ 0.5×', ratio >= 0.5);

await db.delete(schema.events).where(like(schema.events.messageId, `${prefix}:%`));
await database.close();
