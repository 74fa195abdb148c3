import { type Database, DEMO, insertTenant, seedDemo } from '@flywheel/db';
import { createTestDatabase, testSecretsKey } from '@flywheel/db/testing';
import { loadDefinitions } from '@flywheel/flags';
import type { ApiDeps } from './context.ts';
import { createFlagsRuntime } from './flags/runtime.ts';
import { signCustomerToken } from './identity/customer-token.ts';
import { TenantDirectory } from './identity/tenant-directory.ts';

export const OTHER_TENANT = {
  publishableKey: 'pk_test_other',
  secretKey: 'sk_test_other',
  origin: 'https://other.example',
};

export type TestWorld = {
  database: Database;
  deps: ApiDeps;
  /** The demo tenant (pk_test_demo) and a second tenant that must never see its data. */
  tenantId: string;
  otherTenantId: string;
  /** A token for a customer of the demo tenant, signed as its server would sign it. */
  tokenFor(sub: string, extra?: { name?: string; email?: string; ttlSeconds?: number }): Promise<string>;
  otherTenantTokenFor(sub: string): Promise<string>;
  close(): Promise<void>;
};

/**
 * A migrated database (PGlite, or Postgres with DATABASE_URL) holding the demo seed and a second
 * tenant, plus the deps the API needs. One per test file: PGlite takes about two seconds to start.
 */
export async function createTestWorld(): Promise<TestWorld> {
  const database = await createTestDatabase();
  const { tenantId } = await seedDemo(database.db, testSecretsKey, 'test');
  const other = await insertTenant(database.db, testSecretsKey, {
    name: 'Other Corp',
    publishableKey: OTHER_TENANT.publishableKey,
    secretKey: OTHER_TENANT.secretKey,
    allowedOrigins: [OTHER_TENANT.origin],
  });
  if (!other) throw new Error('second tenant already exists');
  const deps: ApiDeps = {
    db: database.db,
    // No caching in tests: a test that changes a tenant sees the change at once.
    tenants: new TenantDirectory(database.db, testSecretsKey, 0),
    isProduction: false,
    flags: createFlagsRuntime(database.db, loadDefinitions()),
  };
  return {
    database,
    deps,
    tenantId,
    otherTenantId: other.id,
    tokenFor: (sub, extra = {}) => signCustomerToken(DEMO.secretKey, { sub, ttlSeconds: 3600, ...extra }),
    otherTenantTokenFor: (sub) => signCustomerToken(OTHER_TENANT.secretKey, { sub, ttlSeconds: 3600 }),
    close: () => database.close(),
  };
}
