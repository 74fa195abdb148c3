import { randomBytes } from 'node:crypto';
import { addUserInput, setRoleInput, userIdInput } from '@flywheel/contracts/console';
import { type ConsoleRole, type Db, hashPassword, schema, type Tx } from '@flywheel/db';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { and, asc, eq, ne } from 'drizzle-orm';
import { requires } from '../trpc.ts';

const ownerOnly = requires('manageUsers');

const userColumns = {
  id: schema.consoleUsers.id,
  email: schema.consoleUsers.email,
  name: schema.consoleUsers.name,
  role: schema.consoleUsers.role,
  createdAt: schema.consoleUsers.createdAt,
};

/**
 * Runs a change to a tenant's users with the tenant's row locked: two owners demoting or removing
 * each other at once take turns, so the second sees the first's change and the last owner stays.
 */
function withUsersLocked<T>(db: Db, tenantId: string, change: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.id, tenantId)).for('update');
    return change(tx);
  });
}

/** A tenant must always keep someone who can manage its users. */
async function assertAnotherOwner(db: Db | Tx, tenantId: string, userId: string) {
  const others = await db
    .select({ id: schema.consoleUsers.id })
    .from(schema.consoleUsers)
    .where(and(eq(schema.consoleUsers.tenantId, tenantId), eq(schema.consoleUsers.role, 'owner'), ne(schema.consoleUsers.id, userId)))
    .limit(1);
  if (others.length === 0) throw new TRPCError({ code: 'BAD_REQUEST', message: 'role: the console needs at least one owner' });
}

/**
 * A console user with a one-time password to hand over (no email leaves Flywheel); a CONFLICT
 * naming `email` when this tenant already has a user with that address (other tenants' users are
 * none of its business, and do not block it).
 */
export async function addConsoleUser(db: Db, tenantId: string, input: { email: string; name: string; role: ConsoleRole }) {
  const temporaryPassword = randomBytes(12).toString('base64url');
  const [user] = await db
    .insert(schema.consoleUsers)
    .values({
      ...input,
      email: input.email.toLowerCase(),
      tenantId,
      passwordHash: await hashPassword(temporaryPassword),
      mustChangePassword: true,
    })
    .onConflictDoNothing()
    .returning(userColumns);
  if (!user) throw new TRPCError({ code: 'CONFLICT', message: 'email: this console already has a user with this email' });
  return { user, temporaryPassword };
}

/** Owners manage who can use their tenant's console; every query is scoped to that tenant. */
export const consoleUsersRouter = {
  list: ownerOnly.query(({ ctx }) =>
    ctx.db
      .select(userColumns)
      .from(schema.consoleUsers)
      .where(eq(schema.consoleUsers.tenantId, ctx.session.tenantId))
      .orderBy(asc(schema.consoleUsers.email)),
  ),

  /** Adds a user with a one-time password the owner hands over (no email leaves Flywheel). */
  add: ownerOnly.input(addUserInput).mutation(({ ctx, input }) => addConsoleUser(ctx.db, ctx.session.tenantId, input)),

  setRole: ownerOnly.input(setRoleInput).mutation(({ ctx, input }) =>
    withUsersLocked(ctx.db, ctx.session.tenantId, async (tx) => {
      if (input.role !== 'owner') await assertAnotherOwner(tx, ctx.session.tenantId, input.userId);
      const [user] = await tx
        .update(schema.consoleUsers)
        .set({ role: input.role })
        .where(and(eq(schema.consoleUsers.tenantId, ctx.session.tenantId), eq(schema.consoleUsers.id, input.userId)))
        .returning(userColumns);
      if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: 'userId: no such user' });
      return user;
    }),
  ),

  /** Removing a user also ends their sessions (the foreign key cascades). */
  remove: ownerOnly.input(userIdInput).mutation(async ({ ctx, input }) => {
    if (input.userId === ctx.session.userId) throw new TRPCError({ code: 'BAD_REQUEST', message: 'userId: you cannot remove yourself' });
    return withUsersLocked(ctx.db, ctx.session.tenantId, async (tx) => {
      await assertAnotherOwner(tx, ctx.session.tenantId, input.userId);
      const [user] = await tx
        .delete(schema.consoleUsers)
        .where(and(eq(schema.consoleUsers.tenantId, ctx.session.tenantId), eq(schema.consoleUsers.id, input.userId)))
        .returning({ id: schema.consoleUsers.id });
      if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: 'userId: no such user' });
      return { removed: user.id };
    });
  }),
} satisfies TRPCRouterRecord;
