import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, customerCaller, type TestWorld } from './testing.ts';

/**
 * Every statement a widget's read sends, explained on a tenant the size of a real one: 100,000
 * customers and 1,000,000 events. A sequential scan of a big table in a read is O(n) per request
 * (the referral rewards read was one: 25 requests/s at 100,000 customers), however fast it looks
 * on a seed. Postgres only: PGlite's planner is Postgres's, but loading a million rows into it
 * here would take minutes, and the plans are what `pnpm start` on Postgres runs.
 */
const onPostgres = Boolean(process.env.DATABASE_URL);
const CUSTOMERS = 100_000;
const EVENTS = 1_000_000;
const SLICE = 50_000;
/** Tables under this many rows may be scanned: the planner rightly prefers it for a handful of rows. */
const SMALL_TABLE_ROWS = 10_000;

type Statement = { text: string; values: unknown[] };
/** node-postgres's pool, as drizzle holds it (`db.$client`): the one door every read goes through. */
type Pool = { query: (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> };
type PlanNode = { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] };

function scannedTables(node: PlanNode): string[] {
  const own = node['Node Type'] === 'Seq Scan' && node['Relation Name'] ? [node['Relation Name']] : [];
  return [...own, ...(node.Plans ?? []).flatMap(scannedTables)];
}

describe.runIf(onPostgres)('widget reads at 100,000 customers and 1,000,000 events', () => {
  let world: TestWorld;
  let pool: Pool;
  let bigTables: Set<string>;

  beforeAll(async () => {
    world = await createTestWorld();
    pool = (world.database.db as unknown as { $client: Pool }).$client;
    // In slices of 50,000 rows: each statement stays within the pool's timeouts on a busy machine.
    const { db } = world.database;
    for (let from = 1; from <= CUSTOMERS; from += SLICE) {
      await db.execute(sql`
        insert into customers (tenant_id, external_id, email, name, traits)
        select ${world.tenantId}::uuid, 'load-' || n, 'load-' || n || '@example.com', 'Customer ' || n, jsonb_build_object('plan', 'free')
        from generate_series(${from}::int, ${from + SLICE - 1}::int) n`);
    }
    for (let from = 1; from <= EVENTS; from += SLICE) {
      await db.execute(sql`
        insert into events (tenant_id, message_id, type, producer, event, user_id, properties, "timestamp", received_at)
        select ${world.tenantId}::uuid, 'load-' || n, 'track', 'server', (array['page_viewed', 'widget_clicked', 'subscription_started'])[1 + n % 3],
          'load-' || (n % ${CUSTOMERS}), jsonb_build_object('position', n % 50), now() - make_interval(secs => n % 2592000), now()
        from generate_series(${from}::int, ${from + SLICE - 1}::int) n`);
    }
    await pool.query('analyze customers, events');
    const sizes = await pool.query(
      `select relname from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace and reltuples > $1`,
      [SMALL_TABLE_ROWS],
    );
    bigTables = new Set(sizes.rows.map((r) => String(r.relname)));
  }, 600_000);

  afterAll(() => world.close());

  /** Runs `read`, recording what it sent through the pool (reads need no transaction, so they all go there). */
  async function statementsOf(read: () => Promise<unknown>): Promise<Statement[]> {
    const sent: Statement[] = [];
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    pool.query = ((config: unknown, values?: unknown[], ...rest: unknown[]) => {
      const text = typeof config === 'string' ? config : (config as { text: string }).text;
      const params = (typeof config === 'object' && config && 'values' in config ? (config as { values: unknown[] }).values : values) ?? [];
      sent.push({ text, values: params });
      return query(config, values, ...rest);
    }) as typeof pool.query;
    try {
      await read();
    } finally {
      pool.query = query as typeof pool.query;
    }
    return sent;
  }

  it('scans no big table in any widget read', async () => {
    expect([...bigTables].sort()).toEqual(expect.arrayContaining(['customers', 'events']));
    // A customer among the 100,000, with a history, as a widget would ask on their behalf.
    const customer = await customerCaller(world, 'load-4242');
    await customer.customer.me();
    const reads: Record<string, () => Promise<unknown>> = {
      'customer.me': () => customer.customer.me(),
      'referral.summary': () => customer.referral.summary(),
      'points.balance': () => customer.points.balance(),
      'points.history': () => customer.points.history({}),
      'achievements.wall': () => customer.achievements.wall(),
      'achievements.leaderboard': () => customer.achievements.leaderboard(),
      'successPlan.plan': () => customer.successPlan.plan(),
      'successPlan.npsDue': () => customer.successPlan.npsDue(),
      'ugc.mine': () => customer.ugc.mine(),
    };
    const scans: string[] = [];
    for (const [name, read] of Object.entries(reads)) {
      const statements = await statementsOf(read);
      expect(statements.length, `${name} sent no statement`).toBeGreaterThan(0);
      for (const { text, values } of statements) {
        if (!/^\s*(select|with)\b/i.test(text)) continue;
        const { rows } = await pool.query(`explain (format json) ${text}`, values);
        const plan = (rows[0]?.['QUERY PLAN'] as [{ Plan: PlanNode }] | undefined)?.[0].Plan;
        for (const table of plan ? scannedTables(plan) : []) if (bigTables.has(table)) scans.push(`${name}: ${table} in ${text}`);
      }
    }
    expect(scans).toEqual([]);
  }, 120_000);
});
