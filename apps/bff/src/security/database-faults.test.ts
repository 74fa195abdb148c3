import { createServer, type Server, Socket } from 'node:net';
import { createFlagsRuntime, TenantDirectory } from '@flywheel/api';
import { consoleCaller } from '@flywheel/api/testing';
import { createDatabase, type Database, queryRows } from '@flywheel/db';
import { testSecretsKey } from '@flywheel/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app.ts';
import { createTestApp, type TestApp, widgetHeaders } from '../test-app.ts';

/**
 * A TCP proxy in front of Postgres that a test can freeze (nothing passes either way, as with a
 * hung server or a dead network path) and reset (every connection torn down mid-stream).
 */
async function faultyProxy(target: { host: string; port: number }) {
  const pairs = new Set<[Socket, Socket]>();
  let frozen = false;
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    upstream.connect(target.port, target.host, () => {
      client.pipe(upstream);
      upstream.pipe(client);
      if (frozen) for (const socket of pair) socket.pause();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    freeze() {
      frozen = true;
      for (const pair of pairs) for (const socket of pair) socket.pause();
    },
    thaw() {
      frozen = false;
      for (const pair of pairs) for (const socket of pair) socket.resume();
    },
    reset() {
      for (const [client, upstream] of [...pairs]) {
        client.resetAndDestroy();
        upstream.destroy();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const [client, upstream] of pairs) {
          client.destroy();
          upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
}

// Only Postgres has connections to lose; PGlite runs in the process.
describe.runIf(process.env.DATABASE_URL)('a replica whose database connection fails', () => {
  let t: TestApp;
  let proxy: Awaited<ReturnType<typeof faultyProxy>>;
  let replica: { database: Database; app: App; stop: () => Promise<void> };

  beforeAll(async () => {
    t = await createTestApp();
    const [current] = await queryRows<{ name: string }>(t.database.db, sql`select current_database() as name`);
    const direct = new URL(process.env.DATABASE_URL as string);
    proxy = await faultyProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const url = new URL(direct);
    url.port = String(proxy.port);
    url.pathname = `/${current?.name}`;
    // Short timeouts, so a frozen database fails requests in a second rather than the default 15 s.
    const database = await createDatabase({
      databaseUrl: url.toString(),
      maxConnections: 4,
      timeouts: { connectMs: 500, statementMs: 1_000, idleInTransactionMs: 2_000 },
    });
    const flags = createFlagsRuntime(database.db, t.deps.flags.definitions);
    const stopFlags = await flags.store.listen(database);
    const api = { ...t.deps, db: database.db, flags, tenants: new TenantDirectory(database.db, testSecretsKey, 0) };
    replica = {
      database,
      app: t.appWith({ database, api }),
      stop: async () => {
        await stopFlags();
        await database.close();
      },
    };
  });
  afterAll(async () => {
    await replica.stop();
    await proxy.close();
    await t.close();
  });

  const me = async () => replica.app.request('/trpc/customer.me', { headers: widgetHeaders(await t.tokenFor('alice')) });
  const enabledOnReplica = async () => {
    const res = await replica.app.request('/api/features/pk_test_demo');
    const body = (await res.json()) as { features: Record<string, { rules?: { force?: unknown }[] }> };
    return body.features['referral-center.enabled']?.rules?.[0]?.force;
  };

  it('survives a connection reset in the middle of a transaction, and serves again', async () => {
    expect((await me()).status).toBe(200);
    const held = replica.database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      await tx.execute(sql`select pg_sleep(5)`);
    });
    // The transaction holds its connection now; tear every connection down under it.
    await expect
      .poll(
        async () =>
          (
            await queryRows<{ n: number }>(
              t.database.db,
              sql`select count(*)::int as n from pg_stat_activity where query like '%pg_sleep(5)%' and state = 'active' and pid <> pg_backend_pid()`,
            )
          )[0]?.n,
      )
      .toBe(1);
    proxy.reset();
    await expect(held).rejects.toThrow();
    await expect.poll(async () => (await me()).status, { timeout: 5_000 }).toBe(200);
  });

  it('answers 503 with Retry-After while the database hangs, says not ready within 2 s, and recovers', async () => {
    proxy.freeze();
    try {
      const started = Date.now();
      const ready = await replica.app.request('/readyz');
      expect(ready.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(2_500);
      const res = await me();
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      const events = await replica.app.request('/api/events', {
        method: 'POST',
        headers: widgetHeaders(await t.tokenFor('alice')),
        body: JSON.stringify({ batch: [{ type: 'track', event: 'page_viewed', messageId: crypto.randomUUID() }] }),
      });
      expect(events.status).toBe(503);
    } finally {
      proxy.thaw();
      proxy.reset();
    }
    await expect.poll(async () => (await replica.app.request('/readyz')).status, { timeout: 5_000 }).toBe(200);
  });

  it('hears flag changes again after its LISTEN connection was lost: a kill switch reaches it within 2 s', async () => {
    expect(await enabledOnReplica()).toBeUndefined();
    proxy.reset();
    const marketer = await consoleCaller(t, 'marketer@flywheel.test');
    try {
      // Thrown after the blip, through another replica (the test's own, direct connection).
      await marketer.console.experiments.rollout({ key: 'referral-center.enabled', variationId: 'off' });
      await expect.poll(enabledOnReplica, { timeout: 2_000, interval: 100 }).toBe(false);
    } finally {
      await marketer.console.experiments.rollout({ key: 'referral-center.enabled', variationId: null });
    }
  });
});
