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
   * using the same database. A lost connection is re-established with backoff; `onReconnect` is
   * called then, because notifications sent meanwhile were missed. Resolves to the function that
   * stops listening.
   */
  listen(channel: string, handler: (payload: string) => void, options?: ListenOptions): Promise<() => Promise<void>>;
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

export type ListenOptions = { onReconnect?: () => void };

/**
 * Whether an error means the database is unreachable (refused, reset, timed out, shutting down)
 * rather than that the query was wrong: callers answer 503 and retry instead of 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    const message = typeof e.message === 'string' ? e.message : '';
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return true;
    // Postgres: 08xxx connection exceptions, 57P01-03 shutdown / cannot connect now, 57014 statement timeout.
    if (/^(08|57P0[1-3]|57014)/.test(code)) return true;
    if (
      /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error/i.test(
        message,
      )
    ) {
      return true;
    }
    e = e.cause as typeof e;
  }
  return false;
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
  /** Postgres only; defaults to POSTGRES_TIMEOUTS (fault tests shorten them). */
  timeouts?: PostgresTimeouts;
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
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.maxConnections ?? 10, options.timeouts ?? POSTGRES_TIMEOUTS);
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
    // In-process: this connection cannot be lost, so there is never a reconnect to report.
    listen: async (channel, handler) => {
      const stop = await client.listen(channel, handler);
      return async () => stop();
    },
    close: () => client.close(),
  };
}

/**
 * How long Postgres may take before a request gives up, so a hanging database fails requests
 * (503) instead of hanging them: connecting, one statement, and a transaction left idle.
 */
export const POSTGRES_TIMEOUTS = { connectMs: 5_000, statementMs: 15_000, idleInTransactionMs: 30_000 };
export type PostgresTimeouts = typeof POSTGRES_TIMEOUTS;

async function openPostgres(connectionString: string, max: number, timeouts: PostgresTimeouts): Promise<Database> {
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    // Client-side too: a frozen connection never answers, so the server's timeout never fires.
    query_timeout: timeouts.statementMs + 1_000,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
  });
  // A client losing its connection must not crash the process. pg-pool listens for errors on idle
  // clients only; one checked out by a transaction would emit an unhandled 'error' event. The
  // query in flight fails (and is answered 503); the pool discards the broken client.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = drizzleNodePostgres({ client: pool, schema });
  const listeners = new Set<Listener>();
  // Migrations on their own connection, without the request timeouts: waiting for another
  // replica's migration, or a long one, is normal at start-up.
  const migrator = new pg.Client({ connectionString, connectionTimeoutMillis: timeouts.connectMs });
  await migrator.connect();
  try {
    await migrator.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await migrateNodePostgres(drizzleNodePostgres({ client: migrator, schema }), { migrationsFolder });
  } finally {
    await migrator.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
    await migrator.end();
  }
  return {
    db,
    driver: 'postgres',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    listen: async (channel, handler, options = {}) => {
      const listener = new Listener(connectionString, timeouts.connectMs, channel, handler, options);
      await listener.start();
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
        await listener.stop();
      };
    },
    close: async () => {
      await Promise.all([...listeners].map((listener) => listener.stop()));
      await pool.end();
    },
  };
}

/**
 * One LISTEN on a dedicated connection (it holds it for as long as it listens, so not the
 * pool's), re-established with backoff whenever it is lost: a replica that misses its
 * connection for a moment must not stop hearing flag changes for good.
 */
class Listener {
  #client: pg.Client | null = null;
  #stopped = false;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly connectMs: number,
    private readonly channel: string,
    private readonly handler: (payload: string) => void,
    private readonly options: ListenOptions,
  ) {}

  /** Connects and listens; rejects if the first attempt fails (start-up should say so). */
  async start() {
    await this.#connect();
  }

  async #connect() {
    const client = new pg.Client({ connectionString: this.connectionString, connectionTimeoutMillis: this.connectMs });
    client.on('error', () => this.#lost(client, 0));
    client.on('end', () => this.#lost(client, 0));
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.handler(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`listen "${this.channel.replace(/"/g, '')}"`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => {});
      throw error;
    }
    this.#client = client;
  }

  #lost(client: pg.Client, attempt: number) {
    if (this.#stopped || this.#client !== client) return;
    this.#client = null;
    client.end().catch(() => {});
    this.#retry(attempt);
  }

  #retry(attempt: number) {
    if (this.#stopped) return;
    const delay = Math.min(250 * 2 ** attempt, 10_000);
    this.#retryTimer = setTimeout(() => {
      this.#connect().then(
        () => this.options.onReconnect?.(),
        () => this.#retry(attempt + 1),
      );
    }, delay);
    this.#retryTimer.unref?.();
  }

  async stop() {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }
}
