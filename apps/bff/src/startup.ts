import { backfillSecretKeyDigests, type Db, DEMO, type SecretsKey, schema, seedDemo } from '@flywheel/db';
import { eq } from 'drizzle-orm';

/**
 * Outside production the demo tenant is seeded, so a fresh clone works with one command. In
 * production its keys are public knowledge, so their presence stops the start. Tenants made
 * before secret keys had digests get theirs first.
 */
export async function prepareData(db: Db, secretsKey: SecretsKey, isProduction: boolean) {
  await backfillSecretKeyDigests(db, secretsKey);
  if (!isProduction) {
    await seedDemo(db, secretsKey);
    return;
  }
  const [demo] = await db
    .select({ id: schema.tenants.id })
    .from(schema.tenants)
    .where(eq(schema.tenants.publishableKey, DEMO.publishableKey));
  if (demo) {
    throw new Error(`Refusing to start in production: the demo tenant (${DEMO.publishableKey}) exists. Delete it first.`);
  }
}
