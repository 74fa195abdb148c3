import { insertTenant, schema } from '@flywheel/db';
import { createTestDatabase, testSecretsKey } from '@flywheel/db/testing';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { prepareData } from './startup.ts';

describe('start-up data', () => {
  it('seeds the demo tenant outside production, and refuses to start in production while it exists', async () => {
    const database = await createTestDatabase();
    try {
      await prepareData(database.db, testSecretsKey, false);
      await expect(prepareData(database.db, testSecretsKey, true)).rejects.toThrow(/demo tenant \(pk_test_demo\) exists/);
      await database.db.delete(schema.tenants).where(eq(schema.tenants.publishableKey, 'pk_test_demo'));
      await insertTenant(database.db, testSecretsKey, { name: 'Real Co', allowedOrigins: ['https://real.example'] });
      await expect(prepareData(database.db, testSecretsKey, true)).resolves.toBeUndefined();
    } finally {
      await database.close();
    }
  });
});
