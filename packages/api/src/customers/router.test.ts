import { DEMO, schema } from '@flywheel/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner } from '../context.ts';
import { appRouter } from '../root.ts';
import { createTestWorld, customerCaller, type TestWorld } from '../testing.ts';
import { createCallerFactory } from '../trpc.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(() => world.close());

const createCaller = createCallerFactory(appRouter);
const callerFor = (sub: string, extra: { name?: string } = {}) => customerCaller(world, sub, extra);

describe('customer router', () => {
  it('me returns the calling customer and nothing else', async () => {
    const me = await (await callerFor('alice')).customer.me();
    expect(me).toEqual({
      id: 'alice',
      name: 'Alice Chen',
      email: 'alice@example.com',
      traits: { plan: 'pro', tier: 'champion', locale: 'en' },
      // What Flywheel computed about her: nothing before the first insights refresh.
      segments: {},
    });
  });

  it('records a token’s claims once: later reads with it only read', async () => {
    const caller = await callerFor('reader', { name: 'Ria Reader' });
    expect((await caller.customer.me()).name).toBe('Ria Reader');
    const seen = new Date('2026-01-01T00:00:00Z');
    const c = schema.customers;
    await world.database.db
      .update(c)
      .set({ name: 'Renamed by the server', lastSeenAt: seen })
      .where(and(eq(c.tenantId, world.tenantId), eq(c.externalId, 'reader')));
    // The same token again: no upsert re-applies its claims or touches the row.
    expect((await caller.customer.me()).name).toBe('Renamed by the server');
    const [row] = await world.database.db
      .select({ lastSeenAt: c.lastSeenAt })
      .from(c)
      .where(and(eq(c.tenantId, world.tenantId), eq(c.externalId, 'reader')));
    expect(row?.lastSeenAt).toEqual(seen);
  });

  it('me creates a customer seen for the first time, from the token', async () => {
    const me = await (await callerFor('newcomer', { name: 'New Comer' })).customer.me();
    expect(me).toMatchObject({ id: 'newcomer', name: 'New Comer', traits: {} });
  });

  it('identify merges traits, stitches the anonymous id and records an identify event', async () => {
    const caller = await callerFor('bob');
    const device = world.anonymousId();
    const updated = await caller.customer.identify({ traits: { locale: 'zh-CN', timeZone: 'Asia/Shanghai' }, anonymousId: device });
    expect(updated.traits).toEqual({ plan: 'starter', tier: 'active', locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    const aliases = await world.database.db.select().from(schema.customerAliases).where(eq(schema.customerAliases.anonymousId, device));
    expect(aliases).toHaveLength(1);
    // Someone else's device cannot be claimed by inventing its id.
    await expect(caller.customer.identify({ traits: {}, anonymousId: 'anon-of-someone-else' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/^anonymousId: was not issued/),
    });
    const identifies = await world.database.db
      .select()
      .from(schema.events)
      .where(and(eq(schema.events.userId, 'bob'), eq(schema.events.type, 'identify')));
    expect(identifies).toHaveLength(1);
  });

  it.each([
    ['traits', {}],
    ['traits.nested', { traits: { nested: { a: 1 } } }],
    ['traits.has space', { traits: { 'has space': 1 } }],
    ['traits.constructor', { traits: { constructor: 'x' } }],
    ['traits.long', { traits: { long: 'x'.repeat(2000) } }],
    ['anonymousId', { traits: {}, anonymousId: '' }],
  ])('identify rejects bad input naming %s', async (field, input) => {
    const caller = await callerFor('carol');
    const error = await caller.customer.identify(input as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    const paths = ((error as { cause: { issues: { path: PropertyKey[] }[] } }).cause.issues ?? []).map((i) => i.path.join('.'));
    expect(paths).toContain(field);
  });

  it.each(['plan', 'email', 'name', 'country'])('never lets a customer rewrite %s, which the tenant owns', async (trait) => {
    const caller = await callerFor('dan');
    const before = await caller.customer.me();
    await expect(caller.customer.identify({ traits: { [trait]: 'enterprise' } })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: `traits.${trait}: is the tenant’s to set (its server or the token it signs), not the customer’s`,
    });
    expect(await caller.customer.me()).toEqual(before);
  });

  it('refuses anonymous callers', async () => {
    const tenant = await world.deps.tenants.byPublishableKey(DEMO.publishableKey);
    if (!tenant) throw new Error('demo tenant missing');
    const caller = createCaller(createContextInner(world.deps, { widget: { status: 'ok', tenant, caller: { kind: 'anonymous' } } }));
    await expect(caller.customer.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(createCaller(createContextInner(world.deps)).customer.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
