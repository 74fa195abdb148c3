import { type CreateTenantInput, createTenantInput } from '@flywheel/contracts/tenant';
import { type Db, insertTenant, type SecretsKey } from '@flywheel/db';

/**
 * Creates a tenant with fresh keys. The secret key in the result is the only time it is ever
 * shown; afterwards only its ciphertext exists.
 */
export async function createTenant(db: Db, secretsKey: SecretsKey, input: CreateTenantInput) {
  const { name, allowedOrigins } = createTenantInput.parse(input);
  const created = await insertTenant(db, secretsKey, { name, allowedOrigins });
  // Random 143-bit keys do not collide; reaching this means something else is wrong.
  if (!created) throw new Error('publishable key collision');
  return created;
}
