import { exposureDimensions } from '@flywheel/contracts/flag-attributes';
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
    // The headline test takes half of its namespace: some of these customers are in it, some not.
    let inExperiment = 0;
    for (const sub of ['alice', 'bob', 'carol', 'dan', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy']) {
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
      const evaluated = browser.evalFeature('referral-center.headline');
      expect(offer.variationId).toBe(evaluated.experimentResult?.inExperiment ? evaluated.experimentResult.key : null);
      const exposures = await world.database.db
        .select()
        .from(schema.events)
        .where(and(eq(schema.events.userId, sub), eq(schema.events.event, 'experiment_viewed')));
      if (!offer.variationId) {
        expect(exposures).toHaveLength(0);
        continue;
      }
      inExperiment++;
      expect(exposures).toHaveLength(1);
      expect(exposures[0]?.properties).toEqual({
        experiment_id: 'referral-center-headline',
        variation_id: offer.variationId,
        source: 'server',
        // The same dimensions a browser exposure records (locale, plan, tier…), for breakdowns.
        ...exposureDimensions(browser.getAttributes()),
      });
    }
    expect(inExperiment).toBeGreaterThan(0);
  });

  it('keeps a customer’s variation when the coverage narrows (sticky buckets in the database)', async () => {
    const marketer = await consoleCallerAs('marketer@flywheel.test');
    const customers = Array.from({ length: 60 }, (_, i) => `sticky-${i}`);
    const first = new Map<string, string | null>();
    for (const sub of customers) first.set(sub, (await (await customerCallerAs(sub)).referral.offer({})).variationId);
    const inIt = customers.filter((sub) => first.get(sub) !== null);
    await marketer.console.experiments.ramp({ key: 'referral-center.headline', coverage: 0.1 });
    world.deps.flags.store.invalidate(world.tenantId);
    for (const sub of inIt) expect((await (await customerCallerAs(sub)).referral.offer({})).variationId).toBe(first.get(sub));
    expect(new Set(inIt.map((sub) => first.get(sub))).size).toBe(2);
  });
});
