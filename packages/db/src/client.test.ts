import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './client.ts';
import { decryptSecret } from './crypto/tenant-secrets.ts';
import { customers, events, tenants } from './schema/index.ts';
import { DEMO, seedDemo } from './seed.ts';
import { insertTenant } from './tenants.ts';
import { createTestDatabase, testSecretsKey } from './testing.ts';

// Runs on in-memory PGlite, and on Postgres when DATABASE_URL is set (.ci/run does both).
let database: Database;
// Every migration drizzle-kit generated has been applied, however many there are.
const journal = JSON.parse(readFileSync(new URL('../drizzle/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] };

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe(`database (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('is migrated and answers ping', async () => {
    await expect(database.ping()).resolves.toBeUndefined();
    // execute() is typed per driver; both return { rows }.
    const result = (await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as { rows: unknown[] };
    expect(result.rows).toEqual([{ n: journal.entries.length }]);
  });

  it('seeds the demo tenant once, with its secret encrypted, however often the seed runs', async () => {
    await seedDemo(database.db, testSecretsKey, 'development');
    await seedDemo(database.db, testSecretsKey, 'development');
    const rows = await database.db.select().from(tenants).where(eq(tenants.publishableKey, DEMO.publishableKey));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.secretKeyCiphertext).not.toContain(DEMO.secretKey);
    expect(decryptSecret(testSecretsKey, rows[0]?.secretKeyCiphertext ?? '')).toBe(DEMO.secretKey);
    const seeded = await database.db
      .select()
      .from(customers)
      .where(eq(customers.tenantId, rows[0]?.id ?? ''));
    expect(seeded.map((c) => c.externalId).sort()).toEqual(['alice', 'bob', 'carol', 'dan', 'erin']);
  });

  it('never seeds demo keys in production', async () => {
    await expect(seedDemo(database.db, testSecretsKey, 'production')).rejects.toThrow(/production/);
  });

  it('generates distinct random keys for new tenants', async () => {
    const a = await insertTenant(database.db, testSecretsKey, { name: 'A', allowedOrigins: [] });
    const b = await insertTenant(database.db, testSecretsKey, { name: 'B', allowedOrigins: [] });
    expect(a?.publishableKey).toMatch(/^pk_live_[A-Za-z0-9]{24}$/);
    expect(a?.secretKey).toMatch(/^sk_live_[A-Za-z0-9]{24}$/);
    expect(a?.publishableKey).not.toBe(b?.publishableKey);
  });

  it('stores a messageId once per tenant, but lets two tenants use the same one', async () => {
    const a = await insertTenant(database.db, testSecretsKey, { name: 'Events A', allowedOrigins: [] });
    const b = await insertTenant(database.db, testSecretsKey, { name: 'Events B', allowedOrigins: [] });
    const row = (tenantId: string) => ({ tenantId, messageId: 'same', type: 'track' as const, event: 'x', timestamp: new Date() });
    await database.db.insert(events).values([row(a?.id ?? ''), row(b?.id ?? '')]);
    await expect(database.db.insert(events).values(row(a?.id ?? ''))).rejects.toThrow();
    const stored = await database.db
      .select()
      .from(events)
      .where(and(eq(events.messageId, 'same'), eq(events.tenantId, a?.id ?? '')));
    expect(stored).toHaveLength(1);
  });
});

describe('LISTEN / NOTIFY', () => {
  it('delivers a notification to a listener, and stops after unlisten', async () => {
    const { notify } = await import('./client.ts');
    const received: string[] = [];
    const witnessed: string[] = [];
    const stop = await database.listen('flywheel_test', (payload) => received.push(payload));
    // A second listener that stays: when it has the next notification, the first would have had it too.
    const stopWitness = await database.listen('flywheel_test', (payload) => witnessed.push(payload));
    await notify(database.db, 'flywheel_test', 'tenant-1');
    await expect.poll(() => received).toEqual(['tenant-1']);
    await stop();
    await notify(database.db, 'flywheel_test', 'tenant-2');
    await expect.poll(() => witnessed).toEqual(['tenant-1', 'tenant-2']);
    await stopWitness();
    expect(received).toEqual(['tenant-1']);
  });
});
