import { DEMO, schema } from '@flywheel/db';
import { flagAttributes } from '@flywheel/flags';
import { GrowthBook } from '@growthbook/growthbook';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleCaller, createTestWorld, customerCaller, type TestWorld } from '../testing.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(() => world.close());

const consoleCallerAs = (email: string) => consoleCaller(world, email);
const customerCallerAs = (sub: string) => customerCaller(world, sub);

const payload = () => world.deps.flags.store.payloadFor(world.tenantId);

describe('console.flags', () => {
  it('lists every feature with its runtime state (draft by default)', async () => {
    const features = await (await consoleCallerAs('viewer@flywheel.test')).console.flags.list();
    expect(features.find((f) => f.key === 'referral-center.headline')).toMatchObject({
      widget: 'referral-center',
      variations: [{ id: 'control' }, { id: 'give-get' }],
      state: { status: 'draft', phase: 0 },
    });
  });

  it('refuses viewers and moderators, directly at the procedure', async () => {
    for (const email of ['viewer@flywheel.test', 'moderator@flywheel.test']) {
      const caller = await consoleCallerAs(email);
      await expect(caller.console.flags.update({ key: 'referral-center.headline', status: 'running' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
  });

  it('names the bad field of a change', async () => {
    const caller = await consoleCallerAs('marketer@flywheel.test');
    await expect(caller.console.flags.update({ key: 'referral-center.headline', weights: [0.5, 0.3, 0.2] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'weights: needs one weight per variation (2)',
    });
    await expect(caller.console.flags.update({ key: 'referral-center.enabled', releasedVariationId: 'maybe' })).rejects.toMatchObject({
      message: 'releasedVariationId: must be one of on, off',
    });
    await expect(caller.console.flags.update({ key: 'nope.nope', status: 'running' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('launches an experiment, moves dateUpdated only on a real change, and audits who did what', async () => {
    const caller = await consoleCallerAs('marketer@flywheel.test');
    const before = await payload();
    await caller.console.flags.update({ key: 'referral-center.headline', status: 'running' });
    world.deps.flags.store.invalidate(world.tenantId);
    const launched = await payload();
    expect(launched.dateUpdated).not.toBe(before.dateUpdated);
    expect(launched.features['referral-center.headline']?.rules).toHaveLength(1);

    world.deps.flags.store.invalidate(world.tenantId);
    expect((await payload()).dateUpdated).toBe(launched.dateUpdated);

    const history = await caller.console.flags.history({ key: 'referral-center.headline' });
    expect(history.at(-1)).toMatchObject({
      changedBy: 'marketer@flywheel.test',
      before: { status: 'draft' },
      after: { status: 'running' },
    });
  });
});

describe('server-side evaluation', () => {
  it('referral.offer picks the same variation as the browser SDK on the same payload, and records the exposure once', async () => {
    const tenantPayload = await payload();
    for (const sub of ['alice', 'bob', 'carol', 'dan', 'erin']) {
      const caller = await customerCallerAs(sub);
      const offer = await caller.referral.offer({ locale: 'en' });
      await caller.referral.offer({ locale: 'en' });
      const me = await caller.customer.me();
      const browser = new GrowthBook({
        attributes: flagAttributes({
          customerId: sub,
          publishableKey: DEMO.publishableKey,
          traits: me.traits,
          locale: 'en',
          widgets: ['referral-center'],
        }),
      }).initSync({ payload: tenantPayload });
      expect(offer.variationId).toBe(browser.evalFeature('referral-center.headline').experimentResult?.key);
      const exposures = await world.database.db
        .select()
        .from(schema.events)
        .where(and(eq(schema.events.userId, sub), eq(schema.events.event, 'experiment_viewed')));
      expect(exposures).toHaveLength(1);
      expect(exposures[0]?.properties).toEqual({
        experiment_id: 'referral-center-headline',
        variation_id: offer.variationId,
        source: 'server',
      });
    }
  });

  it('keeps a customer’s variation when the weights change (sticky buckets in the database)', async () => {
    const marketer = await consoleCallerAs('marketer@flywheel.test');
    const customers = Array.from({ length: 30 }, (_, i) => `sticky-${i}`);
    const first = new Map<string, string | null>();
    for (const sub of customers) first.set(sub, (await (await customerCallerAs(sub)).referral.offer({})).variationId);
    await marketer.console.flags.update({ key: 'referral-center.headline', weights: [0.05, 0.95] });
    world.deps.flags.store.invalidate(world.tenantId);
    for (const sub of customers) expect((await (await customerCallerAs(sub)).referral.offer({})).variationId).toBe(first.get(sub));
    expect(new Set(first.values()).size).toBe(2);
  });
});
