import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema/index.ts';

/** The Drizzle database, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A transaction on a `Db`: what `db.transaction(async (tx) => …)` hands its callback. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type Database = {
  db: Db;
  /** `pglite` (embedded, the default) or `postgres` (DATABASE_URL). */
  driver: 'pglite' | 'postgres';
  /** Resolves when the database answers a trivial query; rejects otherwise. Used by /readyz. */
  ping(): Promise<void>;
  /**
   * Postgres LISTEN: calls `handler` with each NOTIFY payload on `channel`, from any process
   * using the same database. Resolves to the function that stops listening.
   */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

/**
 * Runs a raw SQL query and returns its rows as `T`: both drivers answer `{ rows }`. For the
 * read-side queries (aggregations, analytics) that the query builder cannot express.
 */
export async function queryRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Sends a NOTIFY every listener of `channel` receives, in this process and in the others. */
export async function notify(db: Db, channel: string, payload: string) {
  await db.execute(sql`select pg_notify(${channel}, ${payload})`);
}

export type DatabaseOptions = {
  /** A Postgres connection string. When absent, PGlite runs in-process. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; `memory://` keeps nothing. Ignored with databaseUrl. */
  dataDir?: string | undefined;
  /** PGlite only: start from this dump of a data folder (`dumpDataDir`) instead of an empty one. */
  snapshot?: Blob | undefined;
  /** node-postgres pool size. */
  maxConnections?: number;
};

export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/** `.data/` at the repository root: where `pnpm start` keeps the embedded database. */
export const defaultDataDir = fileURLToPath(new URL('../../../.data', import.meta.url));

// Any 64-bit number unique to Flywheel: replicas starting together take turns migrating.
const MIGRATION_LOCK_ID = 7_461_626_901;

/**
 * Opens the database and brings its schema up to date: Postgres when `databaseUrl` is given,
 * otherwise PGlite under `dataDir` (default `.data/`).
 */
export async function createDatabase(options: DatabaseOptions = {}): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.maxConnections ?? 10);
  return openPglite(options.dataDir ?? defaultDataDir, options.snapshot);
}

async function openPglite(dataDir: string, snapshot: Blob | undefined): Promise<Database> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite({ dataDir, ...(snapshot ? { loadDataDir: snapshot } : {}) });
  const db = drizzlePglite({ client, schema });
  await migratePglite(db, { migrationsFolder });
  return {
    db,
    driver: 'pglite',
    ping: async () => {
      await client.query('select 1');
    },
    listen: async (channel, handler) => {
      const stop = await client.listen(channel, handler);
      return async () => stop();
    },
    close: () => client.close(),
  };
}

async function openPostgres(connectionString: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzleNodePostgres({ client: pool, schema });
  const listeners = new Set<pg.Client>();
  const lockClient = await pool.connect();
  try {
    await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await migrateNodePostgres(db, { migrationsFolder });
  } finally {
    await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
    lockClient.release();
  }
  return {
    db,
    driver: 'postgres',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    listen: async (channel, handler) => {
      // LISTEN holds its connection for as long as it listens: a dedicated client, not the pool's.
      const client = new pg.Client({ connectionString });
      client.on('error', () => {});
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) handler(message.payload ?? '');
      });
      await client.query(`listen "${channel.replace(/"/g, '')}"`);
      listeners.add(client);
      return async () => {
        listeners.delete(client);
        await client.end();
      };
    },
    close: async () => {
      await Promise.all([...listeners].map((client) => client.end()));
      await pool.end();
    },
  };
}
