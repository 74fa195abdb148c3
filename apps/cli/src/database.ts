import { createDatabase, DEVELOPMENT_SECRETS_KEY, parseSecretsKey } from '@flywheel/db';

/**
 * The same database and secrets key the BFF uses, from the same variables. PGlite keeps one
 * process per data folder: stop `pnpm start` before a command that writes, or use DATABASE_URL.
 */
export async function openDatabase(env: Record<string, string | undefined>) {
  if (env.NODE_ENV === 'production' && !env.TENANT_SECRETS_KEY) throw new Error('TENANT_SECRETS_KEY: is required in production');
  const secretsKey = parseSecretsKey(env.TENANT_SECRETS_KEY ?? DEVELOPMENT_SECRETS_KEY);
  const database = await createDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR || undefined });
  return { database, secretsKey };
}
