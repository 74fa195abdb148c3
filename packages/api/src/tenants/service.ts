import { type CreateTenantInput, createTenantInput } from '@flywheel/contracts/tenant';
import { createStarterPrograms, type Db, insertTenant, type SecretsKey } from '@flywheel/db';
import { addConsoleUser } from '../console/index.ts';

/**
 * Creates a tenant ready to use: fresh keys (test or live), its first owner (with a one-time
 * password), and a program for every widget to start from (@flywheel/db's starter.ts), so its widgets open and
 * someone can sign in to the console to change them. The secret key and the password in
 * the result are the only time they are ever shown.
 */
export async function createTenant(db: Db, secretsKey: SecretsKey, input: CreateTenantInput & { owner?: { email: string; name: string } }) {
  const { name, allowedOrigins, mode } = createTenantInput.parse(input);
  const created = await insertTenant(db, secretsKey, { name, allowedOrigins, mode });
  // Random 143-bit keys do not collide; reaching this means something else is wrong.
  if (!created) throw new Error('publishable key collision');
  await createStarterPrograms(db, created.id, allowedOrigins[0] ? `${new URL(allowedOrigins[0]).origin}/` : 'https://example.com/');
  const owner = input.owner ? await addConsoleUser(db, created.id, { ...input.owner, role: 'owner' }) : null;
  return { ...created, owner: owner ? { email: owner.user.email, temporaryPassword: owner.temporaryPassword } : null };
}
