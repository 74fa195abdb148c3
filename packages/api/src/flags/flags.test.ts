import { DEMO, schema } from '@flywheel/db';
import { flagAttributes } from '@flywheel/flags';
import { GrowthBook } from '@growthbook/growthbook';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleCaller, createTestWorld, customerCaller, type TestWorld } from '../testing.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
  await (await consoleCaller(world, 'marketer@flywheel.test')).console.experiments.launch({ key: 'referral-center.headline' });
});
afterAll(() => world.close());

const consoleCallerAs = (email: string) => consoleCaller(world, email);
const customerCallerAs = (sub: string) => customerCaller(world, sub);

const payload = () => world.deps.flags.store.payloadFor(world.tenantId);

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
    await marketer.console.experiments.ramp({ key: 'referral-center.headline', weights: [0.05, 0.95] });
    world.deps.flags.store.invalidate(world.tenantId);
    for (const sub of customers) expect((await (await customerCallerAs(sub)).referral.offer({})).variationId).toBe(first.get(sub));
    expect(new Set(first.values()).size).toBe(2);
  });
});
