import { spawnSync } from 'node:child_process';
import { TenantDirectory } from '@flywheel/api';
import { insertTenant, schema } from '@flywheel/db';
import { createTestDatabase, testSecretsKey } from '@flywheel/db/testing';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { prepareData } from './startup.ts';

describe('start-up data', () => {
  // Its own database and a full seed (password hashing included): slow on a loaded machine.
  it('seeds the demo tenant outside production, and refuses to start in production while it exists', { timeout: 60_000 }, async () => {
    const database = await createTestDatabase();
    try {
      await prepareData(database.db, testSecretsKey, false);
      await expect(prepareData(database.db, testSecretsKey, true)).rejects.toThrow(/demo tenant \(pk_test_demo\) exists/);
      await database.db.delete(schema.tenants).where(eq(schema.tenants.publishableKey, 'pk_test_demo'));
      const real = await insertTenant(database.db, testSecretsKey, { name: 'Real Co', allowedOrigins: ['https://real.example'] });
      // A tenant from before secret keys had digests gets its digest, so the REST API finds it by its key.
      await database.db.update(schema.tenants).set({ secretKeyDigest: null });
      await expect(prepareData(database.db, testSecretsKey, true)).resolves.toBeUndefined();
      const directory = new TenantDirectory(database.db, testSecretsKey, 0);
      expect((await directory.bySecretKey(real?.secretKey ?? ''))?.name).toBe('Real Co');
    } finally {
      await database.close();
    }
  });
});

describe('starting against a database that is not there', () => {
  // Starts the real BFF in a child process (compiling it with tsx): slow on a loaded machine.
  it('exits 1 with a message naming DATABASE_URL, without the password', { timeout: 60_000 }, () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: new URL('..', import.meta.url),
      env: { ...process.env, DATABASE_URL: 'postgres://postgres:s3cret@127.0.0.1:1/nowhere', PORT: '3999', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL: cannot connect to postgres://postgres:***@127.0.0.1:1/nowhere');
    expect(run.stderr).not.toContain('s3cret');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
