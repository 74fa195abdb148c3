import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, type Database } from './client.ts';
import { parseSecretsKey } from './crypto/tenant-secrets.ts';

/** A fixed key for tests: ciphertexts differ per run anyway (random IVs). */
export const testSecretsKey = parseSecretsKey('11'.repeat(32));

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or, when
 * DATABASE_URL is set, a new Postgres database created for the file and dropped on close,
 * so files running in parallel never see each other's rows.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (!url) return createDatabase({ dataDir: 'memory://' });

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
