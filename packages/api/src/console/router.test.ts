import { DEMO, hashPassword, schema } from '@flywheel/db';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_GRANTS } from '../capabilities.ts';
import { createContextInner } from '../context.ts';
import { appRouter } from '../root.ts';
import { consoleCaller, createTestWorld, type TestWorld } from '../testing.ts';
import { createCallerFactory, withRoles } from '../trpc.ts';
import { findSession, readSessionCookie } from './sessions.ts';
import { addConsoleUser } from './users.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(() => world.close());

const createCaller = createCallerFactory(appRouter);

async function signedIn(email: string) {
  const resHeaders = new Headers();
  const result = await createCaller(createContextInner(world.deps, { resHeaders })).console.auth.signIn({
    email,
    password: DEMO.consolePassword,
  });
  if (result.status !== 'signed-in') throw new Error(`${email} has accounts in several tenants`);
  const { csrfToken } = result;
  const token = /fw_session=([^;]+)/.exec(resHeaders.get('set-cookie') ?? '')?.[1] ?? '';
  const session = await findSession(world.database.db, token);
  return { token, csrfToken, session, resHeaders };
}

describe('console auth', () => {
  it('signs in with email and password and sets an HttpOnly SameSite=Strict cookie', async () => {
    const { resHeaders, session, csrfToken } = await signedIn('Marketer@Flywheel.test');
    expect(resHeaders.get('set-cookie')).toMatch(/^fw_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=604800$/);
    expect(session).toMatchObject({ email: 'marketer@flywheel.test', role: 'marketer', csrfToken });
  });

  it('in production, names the cookie __Host- and marks it Secure, and reads only that name', async () => {
    const resHeaders = new Headers();
    const production = { ...world.deps, isProduction: true };
    await createCaller(createContextInner(production, { resHeaders })).console.auth.signIn({
      email: 'viewer@flywheel.test',
      password: DEMO.consolePassword,
    });
    const cookie = resHeaders.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-fw_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=604800; Secure$/);
    const token = cookie.split(';')[0]?.split('=')[1] ?? '';
    expect(readSessionCookie(`__Host-fw_session=${token}`, true)).toBe(token);
    expect(readSessionCookie(`fw_session=${token}`, true)).toBeNull();
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const caller = createCaller(createContextInner(world.deps));
    await expect(caller.console.auth.signIn({ email: 'owner@flywheel.test', password: 'nope' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Wrong email or password.',
    });
    await expect(caller.console.auth.signIn({ email: 'ghost@flywheel.test', password: 'nope' })).rejects.toMatchObject({
      message: 'Wrong email or password.',
    });
  });

  // Each attempt is a real scrypt (at the suites' cost, PASSWORD_SCRYPT_N), queued for the one
  // hashing thread, whose lowered priority yields to every other package's tests beside them.
  const failTimes = (n: number, attempt: () => Promise<unknown>) =>
    Promise.all(Array.from({ length: n }, () => expect(attempt()).rejects.toMatchObject({ code: 'UNAUTHORIZED' })));

  it('locks an address after 10 failed sign-ins, and a later success clears its count', async () => {
    const owner = await consoleCaller(world, 'owner@flywheel.test');
    const { user, temporaryPassword } = await owner.console.users.add({ email: 'lock.me@flywheel.test', name: 'Lock Me', role: 'viewer' });
    const anonymousCaller = createCaller(createContextInner(world.deps, { resHeaders: new Headers() }));
    const attempt = (email: string, password: string) => anonymousCaller.console.auth.signIn({ email, password });

    // Nine failures, then the right password still works and clears the count.
    await failTimes(9, () => attempt(user.email, 'wrong'));
    await expect(attempt(user.email, temporaryPassword)).resolves.toMatchObject({ status: 'signed-in' });
    await failTimes(10, () => attempt(user.email, 'wrong'));
    // Locked: refused before the password is even checked, the right one included.
    const resHeaders = new Headers();
    const locked = createCaller(createContextInner(world.deps, { resHeaders })).console.auth.signIn({
      email: user.email,
      password: temporaryPassword,
    });
    await expect(locked).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many failed sign-ins for this address. Try again in 15 minutes.',
    });
    expect(Number(resHeaders.get('retry-after'))).toBeGreaterThan(800);
  }, 120_000);

  it('locks an address without an account the same way, so locking reveals nothing', async () => {
    const attempt = () =>
      createCaller(createContextInner(world.deps, { resHeaders: new Headers() })).console.auth.signIn({
        email: 'nobody@flywheel.test',
        password: 'x',
      });
    await failTimes(10, attempt);
    await expect(attempt()).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  }, 120_000);

  it('keeps addresses per tenant: the same person may have an account in each, and sign-in asks which', async () => {
    const email = 'agency@flywheel.test';
    const demo = await addConsoleUser(world.database.db, world.tenantId, { email, name: 'Agency', role: 'marketer' });
    // Adding the address to another tenant is not refused, nor does it say the address is taken.
    const other = await addConsoleUser(world.database.db, world.otherTenantId, { email, name: 'Agency', role: 'viewer' });
    const signInWith = (password: string, tenantId?: string) =>
      createCaller(createContextInner(world.deps, { resHeaders: new Headers() })).console.auth.signIn({ email, password, tenantId });
    // Different passwords: each opens its own tenant, with no question.
    const intoOther = await signInWith(other.temporaryPassword);
    expect(intoOther.status).toBe('signed-in');
    // The same password for both: the answer lists the tenants it opens, and the chosen one signs in.
    const shared = 'one password for both consoles';
    await world.database.db
      .update(schema.consoleUsers)
      .set({ passwordHash: await hashPassword(shared) })
      .where(inArray(schema.consoleUsers.id, [demo.user.id, other.user.id]));
    const asked = await signInWith(shared);
    expect(asked).toEqual({
      status: 'choose-tenant',
      tenants: expect.arrayContaining([
        { id: world.tenantId, name: expect.any(String) },
        { id: world.otherTenantId, name: 'Other Corp' },
      ]),
    });
    const resHeaders = new Headers();
    const chosen = await createCaller(createContextInner(world.deps, { resHeaders })).console.auth.signIn({
      email,
      password: shared,
      tenantId: world.otherTenantId,
    });
    expect(chosen.status).toBe('signed-in');
    const token = /fw_session=([^;]+)/.exec(resHeaders.get('set-cookie') ?? '')?.[1] ?? '';
    expect((await findSession(world.database.db, token))?.tenantId).toBe(world.otherTenantId);
    // A wrong password is wrong, whichever tenant it is sent for.
    await expect(signInWith('not it', world.tenantId)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  }, 120_000);

  it('rejects malformed sign-in input naming the field', async () => {
    const caller = createCaller(createContextInner(world.deps));
    await expect(caller.console.auth.signIn({ email: 'not-an-email', password: 'x' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('email'),
    });
  });

  it('refuses a sign-in posted from another site', async () => {
    const ctx = createContextInner(world.deps, { console: { session: null, sessionToken: null, csrfToken: null, sameOrigin: false } });
    await expect(
      createCaller(ctx).console.auth.signIn({ email: 'owner@flywheel.test', password: DEMO.consolePassword }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('needs the CSRF token for mutations, and signs out only this session', async () => {
    const { token, csrfToken, session } = await signedIn('viewer@flywheel.test');
    const base = { session, sessionToken: token, sameOrigin: true };
    const withoutCsrf = createCaller(createContextInner(world.deps, { console: { ...base, csrfToken: null } }));
    await expect(withoutCsrf.console.auth.session()).resolves.toMatchObject({ role: 'viewer' });
    await expect(withoutCsrf.console.auth.signOut()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const withCsrf = createCaller(createContextInner(world.deps, { console: { ...base, csrfToken } }));
    await expect(withCsrf.console.auth.signOut()).resolves.toEqual({ signedOut: true });
    expect(await findSession(world.database.db, token)).toBeNull();
  });

  it('withRoles lets the named roles and owners through, and no one else', async () => {
    const { router } = await import('../trpc.ts');
    const guarded = createCallerFactory(router({ launch: withRoles('marketer').query(() => 'launched') }));
    for (const [email, allowed] of [
      ['owner@flywheel.test', true],
      ['marketer@flywheel.test', true],
      ['moderator@flywheel.test', false],
      ['viewer@flywheel.test', false],
    ] as const) {
      const { token, csrfToken, session } = await signedIn(email);
      const call = guarded(
        createContextInner(world.deps, { console: { session, sessionToken: token, csrfToken, sameOrigin: true } }),
      ).launch();
      if (allowed) await expect(call).resolves.toBe('launched');
      else await expect(call).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('tells the console what the signed-in role may do, from the same table the procedures check', async () => {
    const can = async (email: string) => (await consoleCaller(world, email)).console.auth.session().then((s) => s.can);
    // Every capability in the table, and a viewer has none of them.
    expect(await can('viewer@flywheel.test')).toEqual(
      Object.fromEntries(Object.keys(ROLE_GRANTS).map((capability) => [capability, false])),
    );
    expect(await can('marketer@flywheel.test')).toMatchObject({ changeExperiments: true, reviewReferrals: false, manageUsers: false });
    expect(await can('moderator@flywheel.test')).toMatchObject({ changeExperiments: false, reviewReferrals: true });
    expect(Object.values(await can('owner@flywheel.test')).every(Boolean)).toBe(true);
  });
});
