import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { createDatabase, type Database, migrationsFolder } from './client.ts';
import { parseSecretsKey } from './crypto/tenant-secrets.ts';
import * as schema from './schema/index.ts';

/** A fixed key for tests: ciphertexts differ per run anyway (random IVs). */
export const testSecretsKey = parseSecretsKey('11'.repeat(32));

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or, when
 * DATABASE_URL is set, a new Postgres database created for the file and dropped on close,
 * so files running in parallel never see each other's rows.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) return createDatabase({ dataDir: 'memory://', snapshot: await migratedSnapshot() });

  const name = `flywheel_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(url, (client) => client.query(`create database ${name}`));
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = await createDatabase({ databaseUrl: testUrl.toString(), maxConnections: 20 });
  return {
    ...database,
    close: async () => {
      await database.close();
      await withAdminClient(url, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withAdminClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A dump of an empty, fully migrated PGlite, made once per set of migrations and kept in the OS
 * temp folder: loading it takes about a second, where a fresh PGlite's initdb and the migrations
 * take four to six (more on a loaded machine), in every test file.
 */
async function migratedSnapshot(): Promise<Blob> {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash.update(file).update(readFileSync(join(migrationsFolder, file)));
  }
  hash.update(readFileSync(join(migrationsFolder, 'meta/_journal.json')));
  const path = join(tmpdir(), `flywheel-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
  if (existsSync(path)) return new Blob([readFileSync(path)]);
  // One builder per migration set, across every test file and package starting at once: dozens of
  // files migrating their own PGlite together took longer than a hook may on two cores. The
  // others wait for the dump; a builder that died leaves a lock that is taken over after a minute.
  const lock = `${path}.lock`;
  if (!takeLock(lock)) {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      if (existsSync(path)) return new Blob([readFileSync(path)]);
      if (lockAgeMs(lock) > 60_000) {
        rmSync(lock, { force: true });
        if (takeLock(lock)) break;
      }
    }
  }
  try {
    const client = new PGlite('memory://');
    await migrate(drizzle({ client, schema }), { migrationsFolder });
    const dump = await client.dumpDataDir('none');
    await client.close();
    // Written aside and renamed: a reader never sees a half-written dump.
    const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path);
    return dump;
  } finally {
    rmSync(lock, { force: true });
  }
}

function takeLock(lock: string): boolean {
  try {
    closeSync(openSync(lock, 'wx'));
    return true;
  } catch {
    return false;
  }
}

/** How long ago the lock was taken; a lock gone meanwhile counts as stale (its builder gave up). */
function lockAgeMs(lock: string): number {
  try {
    return Date.now() - statSync(lock).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
