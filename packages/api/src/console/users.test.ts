import { DEMO, verifyPassword } from '@flywheel/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCustomerToken } from '../identity/index.ts';
import { consoleCaller, createTestWorld, type TestWorld } from '../testing.ts';

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
      message: 'email: someone already uses this email',
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
});
