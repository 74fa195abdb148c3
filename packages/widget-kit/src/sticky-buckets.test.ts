// @vitest-environment node
import { consoleCaller, createTestWorld, customerCaller, type TestWorld, visitorCaller } from '@flywheel/api/testing';
import { flagAttributes } from '@flywheel/contracts/flag-attributes';
import { GrowthBook } from '@growthbook/growthbook';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BffStickyBucketService } from './sticky-buckets.ts';

// The browser's sticky bucketing against the real BFF procedures (a test world's tRPC callers):
// the service the page session gives its GrowthBook.

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
  await (await consoleCaller(world, 'marketer@flywheel.test')).console.experiments.launch({ key: 'referral-center.headline' });
}, 60_000);
afterAll(() => world.close());

/** A browser (its own device id) of a signed-in customer, evaluating the headline experiment. */
async function headlineIn(sub: string, device: string) {
  const caller = await customerCaller(world, sub);
  // The SDK saves a new assignment without waiting for it: the test waits, before the next device asks.
  const saves: Promise<unknown>[] = [];
  const browser = new GrowthBook({
    attributes: flagAttributes({
      customerId: sub,
      publishableKey: world.publishableKey,
      traits: {},
      widgets: ['referral-center'],
      deviceId: device,
    }),
    stickyBucketService: new BffStickyBucketService({
      get: caller.stickyBuckets.get,
      save: (doc) => {
        const saved = caller.stickyBuckets.save(doc);
        saves.push(saved);
        return saved;
      },
    }),
  });
  await browser.init({ payload: await world.deps.flags.store.payloadFor(world.tenantId) });
  const result = browser.evalFeature('referral-center.headline').experimentResult;
  await Promise.all(saves);
  return result;
}

describe('sticky buckets in the browser', () => {
  it('keeps each customer’s variation on a new device after the marketer narrows the coverage', async () => {
    // The headline test takes half of its namespace: only the customers in it have a variation to keep.
    const customers = Array.from({ length: 40 }, (_, i) => `browser-sticky-${i}`);
    const first = new Map<string, string>();
    for (const sub of customers) {
      const result = await headlineIn(sub, `laptop-${sub}`);
      if (result?.inExperiment) first.set(sub, result.key);
    }
    expect(new Set(first.values()).size).toBe(2);
    await (await consoleCaller(world, 'marketer@flywheel.test')).console.experiments.ramp({
      key: 'referral-center.headline',
      coverage: 0.1,
    });
    world.deps.flags.store.invalidate(world.tenantId);
    for (const [sub, key] of first) {
      const onPhone = await headlineIn(sub, `phone-${sub}`);
      expect(onPhone?.key).toBe(key);
      expect(onPhone?.stickyBucketUsed).toBe(true);
    }
  }, 60_000);

  it('reads and writes only the caller’s own id: another customer’s is refused, and hidden', async () => {
    const mallory = await customerCaller(world, 'mallory');
    await expect(
      mallory.stickyBuckets.save({
        attributeName: 'id',
        attributeValue: 'browser-sticky-0',
        assignments: { 'referral-center-headline__0': '1' },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/^attributeValue: /) });
    expect(await mallory.stickyBuckets.get({ attributes: { id: 'browser-sticky-0' } })).toEqual({});
    // A visitor without a token cannot pass as a known customer either.
    const visitor = await visitorCaller(world);
    expect(await visitor.stickyBuckets.get({ attributes: { id: 'browser-sticky-0' } })).toEqual({});
    await expect(
      visitor.stickyBuckets.save({
        attributeName: 'id',
        attributeValue: 'browser-sticky-0',
        assignments: { 'referral-center-headline__0': '0' },
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      mallory.stickyBuckets.save({ attributeName: 'id', attributeValue: 'mallory', assignments: { 'not a key': '0' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('assignments') });
  });
});
