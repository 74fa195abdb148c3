import { type CreateTenantInput, createTenantInput } from '@flywheel/contracts/tenant';
import { createStarterPrograms, type Db, insertTenant, type SecretsKey, schema } from '@flywheel/db';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { addConsoleUser } from '../console/index.ts';

/**
 * Creates a tenant ready to use: fresh keys (test or live), its first owner (with a one-time
 * password), and a program for every widget to start from (@flywheel/db's starter.ts), so its widgets open and
 * someone can sign in to the console to change them. The secret key and the password in
 * the result are the only time they are ever shown.
 */
export async function createTenant(db: Db, secretsKey: SecretsKey, input: CreateTenantInput & { owner?: { email: string; name: string } }) {
  const { name, allowedOrigins, mode } = createTenantInput.parse(input);
  // Checked first, so a taken email leaves no tenant without an owner behind.
  if (input.owner) {
    const email = input.owner.email.toLowerCase();
    const [taken] = await db.select({ id: schema.consoleUsers.id }).from(schema.consoleUsers).where(eq(schema.consoleUsers.email, email));
    if (taken) throw new TRPCError({ code: 'CONFLICT', message: 'owner: someone already uses this email for a console account' });
  }
  const created = await insertTenant(db, secretsKey, { name, allowedOrigins, mode });
  // Random 143-bit keys do not collide; reaching this means something else is wrong.
  if (!created) throw new Error('publishable key collision');
  await createStarterPrograms(db, created.id, allowedOrigins[0] ? `${new URL(allowedOrigins[0]).origin}/` : 'https://example.com/');
  const owner = input.owner ? await addConsoleUser(db, created.id, { ...input.owner, role: 'owner' }) : null;
  return { ...created, owner: owner ? { email: owner.user.email, temporaryPassword: owner.temporaryPassword } : null };
}
