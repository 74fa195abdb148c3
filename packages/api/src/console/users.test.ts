import { DEMO, hashPassword, insertTenant, schema, verifyPassword } from '@flywheel/db';
import { testSecretsKey } from '@flywheel/db/testing';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner } from '../context.ts';
import { ingestBatch } from '../events/index.ts';
import { verifyCustomerToken } from '../identity/index.ts';
import { appRouter } from '../root.ts';
import { consoleCaller, createTestWorld, type TestWorld } from '../testing.ts';
import { createCallerFactory } from '../trpc.ts';
import { createSession, findSession } from './sessions.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(() => world.close());

describe('console.users', () => {
  it('lets only owners list, add, change and remove users', async () => {
    for (const email of ['marketer@flywheel.test', 'moderator@flywheel.test', 'viewer@flywheel.test']) {
      const caller = await consoleCaller(world, email);
      await expect(caller.console.users.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(caller.console.users.add({ email: 'x@flywheel.test', name: 'X', role: 'owner' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
  });

  it('adds a user with a one-time password that signs in, changes their role, and removes them', async () => {
    const owner = await consoleCaller(world, 'owner@flywheel.test');
    const { user, temporaryPassword } = await owner.console.users.add({
      email: 'New.Analyst@Flywheel.test',
      name: 'New Analyst',
      role: 'viewer',
    });
    expect(user).toMatchObject({ email: 'new.analyst@flywheel.test', role: 'viewer' });
    const [row] = await world.database.db.query.consoleUsers.findMany({ where: (u, { eq }) => eq(u.id, user.id) });
    expect(await verifyPassword(temporaryPassword, row?.passwordHash ?? '')).toBe(true);
    await expect(owner.console.users.add({ email: 'new.analyst@flywheel.test', name: 'Again', role: 'viewer' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'email: this console already has a user with this email',
    });

    expect(await owner.console.users.setRole({ userId: user.id, role: 'marketer' })).toMatchObject({ role: 'marketer' });
    await owner.console.users.remove({ userId: user.id });
    expect((await owner.console.users.list()).map((u) => u.email)).not.toContain('new.analyst@flywheel.test');
  });

  it('keeps at least one owner, and an owner cannot remove themselves', async () => {
    const owner = await consoleCaller(world, 'owner@flywheel.test');
    const me = (await owner.console.users.list()).find((u) => u.email === 'owner@flywheel.test');
    if (!me) throw new Error('demo owner missing');
    await expect(owner.console.users.setRole({ userId: me.id, role: 'viewer' })).rejects.toMatchObject({
      message: 'role: the console needs at least one owner',
    });
    await expect(owner.console.users.remove({ userId: me.id })).rejects.toMatchObject({ message: 'userId: you cannot remove yourself' });
  });
});

describe('the last owner, under concurrency', () => {
  /** A tenant of its own with exactly two owners, so no other test's users count. */
  async function twoOwners(prefix: string) {
    const tenant = await insertTenant(world.database.db, testSecretsKey, { name: `${prefix} Co`, allowedOrigins: [] });
    if (!tenant) throw new Error('tenant not created');
    const emails = [`${prefix}.a@owners.test`, `${prefix}.b@owners.test`];
    const passwordHash = await hashPassword('not-used-here');
    const users = await world.database.db
      .insert(schema.consoleUsers)
      .values(emails.map((email) => ({ tenantId: tenant.id, email, name: email, passwordHash, role: 'owner' as const })))
      .returning({ id: schema.consoleUsers.id });
    const callers = await Promise.all(emails.map((email) => consoleCaller(world, email)));
    return { ids: users.map((u) => u.id) as [string, string], callers: callers as [(typeof callers)[0], (typeof callers)[0]] };
  }
  const ownersAmong = async (ids: string[]) =>
    (
      await world.database.db
        .select({ id: schema.consoleUsers.id })
        .from(schema.consoleUsers)
        .where(and(inArray(schema.consoleUsers.id, ids), eq(schema.consoleUsers.role, 'owner')))
    ).length;

  it('two owners demoting each other at once: exactly one succeeds, one owner stays', async () => {
    const { ids, callers } = await twoOwners('demote');
    const results = await Promise.allSettled([
      callers[0].console.users.setRole({ userId: ids[1], role: 'viewer' }),
      callers[1].console.users.setRole({ userId: ids[0], role: 'viewer' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await ownersAmong(ids)).toBe(1);
  });

  it('removing the only other owner while being demoted by them: one wins, one owner stays', async () => {
    const { ids, callers } = await twoOwners('remove');
    const results = await Promise.allSettled([
      callers[0].console.users.remove({ userId: ids[1] }),
      callers[1].console.users.setRole({ userId: ids[0], role: 'viewer' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await ownersAmong(ids)).toBe(1);
  });
});

describe('passwords', () => {
  /** A caller for one session token, reading the session afresh, as every HTTP request does. */
  const asSession = async (token: string, csrfToken: string) =>
    createCallerFactory(appRouter)(
      createContextInner(world.deps, {
        console: { session: await findSession(world.database.db, token), sessionToken: token, csrfToken, sameOrigin: true },
      }),
    );

  it('makes a new user replace the temporary password before anything else, and signs every other session out', async () => {
    const owner = await consoleCaller(world, 'owner@flywheel.test');
    const { user, temporaryPassword } = await owner.console.users.add({
      email: 'new.hire@flywheel.test',
      name: 'New Hire',
      role: 'marketer',
    });
    const first = await createSession(world.database.db, user.id);
    const other = await createSession(world.database.db, user.id);
    const signedIn = await asSession(first.token, first.csrfToken);
    expect((await signedIn.console.auth.session()).mustChangePassword).toBe(true);
    await expect(signedIn.console.referrals.program()).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Change your temporary password first.',
    });

    await expect(
      signedIn.console.auth.changePassword({ currentPassword: 'not-it', newPassword: 'a long new passphrase' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^currentPassword: /) });
    await expect(signedIn.console.auth.changePassword({ currentPassword: temporaryPassword, newPassword: 'short' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('newPassword'),
    });
    expect(
      await signedIn.console.auth.changePassword({ currentPassword: temporaryPassword, newPassword: 'a long new passphrase' }),
    ).toEqual({ changed: true });

    const after = await asSession(first.token, first.csrfToken);
    expect((await after.console.auth.session()).mustChangePassword).toBe(false);
    expect(await after.console.referrals.program()).toBeTruthy();
    await expect((await asSession(other.token, other.csrfToken)).console.auth.session()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const [stored] = await world.database.db.select().from(schema.consoleUsers).where(eq(schema.consoleUsers.id, user.id));
    expect(await verifyPassword('a long new passphrase', stored?.passwordHash ?? '')).toBe(true);
  }, 60_000);
});

describe('console.preview.token', () => {
  it('signs a short-lived token for the console user’s preview customer, with the traits picked', async () => {
    const viewer = await consoleCaller(world, 'viewer@flywheel.test');
    const { token, expiresInSeconds } = await viewer.console.preview.token({ traits: { plan: 'pro', country: 'CN' } });
    const claims = await verifyCustomerToken(token, DEMO.secretKey);
    expect(claims.sub).toMatch(/^preview-/);
    expect(claims.traits).toEqual({ plan: 'pro', country: 'CN', preview: true });
    expect(expiresInSeconds).toBe(900);
    await expect(viewer.console.preview.token({ traits: { country: 'China' } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('must be an ISO 3166 two-letter code'),
    });
  });

  it('cannot record events: a preview never enters results', async () => {
    const viewer = await consoleCaller(world, 'viewer@flywheel.test');
    const claims = await verifyCustomerToken((await viewer.console.preview.token({})).token, DEMO.secretKey);
    const exposure = {
      type: 'track' as const,
      event: 'experiment_viewed',
      messageId: 'preview-exposure',
      properties: { experiment_id: 'x', variation_id: 'b' },
    };
    await expect(ingestBatch(world.deps, world.tenantId, { kind: 'customer', claims }, [exposure])).rejects.toThrow(
      'batch.0: a console preview records no events',
    );
  });

  it('holds no referral code and sends no invites: nothing a preview shares can be rewarded', async () => {
    const viewer = await consoleCaller(world, 'viewer@flywheel.test');
    const claims = await verifyCustomerToken((await viewer.console.preview.token({})).token, DEMO.secretKey);
    const tenant = await world.deps.tenants.byPublishableKey(DEMO.publishableKey);
    if (!tenant) throw new Error('demo tenant missing');
    const preview = createCallerFactory(appRouter)(
      createContextInner(world.deps, { widget: { status: 'ok', tenant, caller: { kind: 'customer', claims } } }),
    );
    expect((await preview.referral.summary()).code).toBe('PREVIEW0');
    const codes = await world.database.db
      .select()
      .from(schema.referralCodes)
      .innerJoin(schema.customers, eq(schema.customers.id, schema.referralCodes.customerId))
      .where(eq(schema.customers.externalId, claims.sub));
    expect(codes).toEqual([]);
    await expect(preview.referral.inviteByEmail({ email: 'friend@example.org' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
