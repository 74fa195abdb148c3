import { flagAttributes } from '@flywheel/contracts/flag-attributes';
import { DEMO, schema } from '@flywheel/db';
import { GrowthBook } from '@growthbook/growthbook';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestBatch } from '../events/index.ts';
import { consoleCaller, createTestWorld, customerCaller, type TestWorld } from '../testing.ts';
import { refreshInsights } from './refresh.ts';
import { quintileScores, tierOf } from './rfm.ts';
import { sampleTenant } from './sample.ts';
import { DEFAULT_SETTINGS, saveInsightSettings } from './settings.ts';

let world: TestWorld;
const now = new Date();
const sample = sampleTenant({ customers: 260, seed: 3, now });

/** Arranges the sample tenant's customers (with their real ages) and events in the demo tenant. */
async function arrangeSample(tenantId: string) {
  await world.database.db
    .insert(schema.customers)
    .values(sample.customers.map((c) => ({ tenantId, externalId: c.externalId, firstSeenAt: c.firstSeenAt })));
  const events = sample.events.map(({ from: _from, ...event }) => event);
  for (let i = 0; i < events.length; i += 100) await ingestBatch(world.deps, tenantId, { kind: 'server' }, events.slice(i, i + 100));
  await saveInsightSettings(world.database.db, tenantId, { ...DEFAULT_SETTINGS, featureEvents: sample.featureEvents });
}

beforeAll(async () => {
  world = await createTestWorld();
  await arrangeSample(world.tenantId);
}, 120_000);
afterAll(() => world.close());

describe('RFM scoring', () => {
  it('scores by quintile within the tenant, equal values alike, recency the lower the better', () => {
    expect(quintileScores([0, 0, 0, 0, 10, 20, 30, 40, 50, 60])).toEqual([1, 1, 1, 1, 3, 3, 4, 4, 5, 5]);
    expect(quintileScores([1, 100, 5, 30, 60], false)).toEqual([5, 1, 4, 3, 2]);
  });

  it('names the tiers as RFM practice reads them', () => {
    expect(tierOf({ r: 5, f: 5, m: 4 }, 200)).toBe('champions');
    expect(tierOf({ r: 3, f: 4, m: 1 }, 200)).toBe('loyal');
    expect(tierOf({ r: 1, f: 4, m: 2 }, 200)).toBe('at_risk');
    expect(tierOf({ r: 2, f: 1, m: 1 }, 200)).toBe('hibernating');
    expect(tierOf({ r: 4, f: 2, m: 2 }, 200)).toBe('potential');
    expect(tierOf({ r: 5, f: 5, m: 5 }, 10)).toBe('new');
  });
});

describe('the insights refresh', () => {
  it('computes every customer’s features, tier and predicted value, and trains a model that finds high value in usage', async () => {
    const summary = await refreshInsights(world.database.db, world.tenantId, { now, train: 'now' });
    expect(summary.training).toMatchObject({ version: 1 });
    const auc = summary.training && 'rocAuc' in summary.training ? summary.training.rocAuc : null;
    // Usage predicts value in the sample: far better than chance on the held-out 30 %.
    expect(auc).toBeGreaterThan(0.75);

    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    const overview = await marketer.console.insights.overview();
    expect(overview.tiers.reduce((a, t) => a + t.customers, 0)).toBeGreaterThanOrEqual(sample.customers.length);
    expect(overview.model).toMatchObject({ version: 1, skippedReason: null, customers: expect.any(Number) });
    const importances = overview.model?.importances ?? {};
    expect(Object.values(importances).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    // The article's three features are among what the model leans on.
    expect((importances.login_freq ?? 0) + (importances.feature_usage ?? 0) + (importances.frequency ?? 0)).toBeGreaterThan(0.3);

    const one = sample.customers[0]?.externalId ?? '';
    const page = await marketer.console.insights.customer({ customer: one });
    expect(page.insight?.features).toMatchObject({ login_freq: expect.any(Number), feature_usage: expect.any(Number) });
    expect(page.segments.tier).toBe(page.insight?.tier);
    expect(page.segments.valueBand).toBe(page.insight?.valueBand);
  }, 120_000);

  it('the browser and the server give a customer the same tier and value band, and a tier-targeted experiment reaches only that tier', async () => {
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    await marketer.console.experiments.configure({ key: 'referral-center.headline', targeting: { tier: 'champions' }, coverage: 1 });
    await marketer.console.experiments.launch({ key: 'referral-center.headline' });
    const payload = await world.deps.flags.store.payloadFor(world.tenantId);
    let champions = 0;
    for (const { externalId } of sample.customers.slice(0, 60)) {
      const customer = await customerCaller(world, externalId);
      const me = await customer.customer.me();
      // The browser: widget-kit builds its attributes from customer.me, as here.
      const browser = new GrowthBook({
        attributes: flagAttributes({
          customerId: me.id,
          publishableKey: DEMO.publishableKey,
          traits: me.traits,
          segments: me.segments,
          locale: 'en',
          widgets: ['referral-center'],
        }),
      }).initSync({ payload });
      const [stored] = await world.database.db
        .select({ tier: schema.customerInsights.tier, band: schema.customerInsights.valueBand })
        .from(schema.customerInsights)
        .innerJoin(schema.customers, eq(schema.customers.id, schema.customerInsights.customerId))
        .where(and(eq(schema.customers.tenantId, world.tenantId), eq(schema.customers.externalId, externalId)));
      expect(browser.getAttributes()).toMatchObject({ tier: stored?.tier, valueBand: stored?.band ?? undefined });
      // The server: referral.offer evaluates the same payload on the server's attributes.
      const offer = await customer.referral.offer({ locale: 'en' });
      const inBrowser = browser.evalFeature('referral-center.headline').experimentResult?.inExperiment ?? false;
      expect(offer.variationId !== null).toBe(inBrowser);
      if (stored?.tier !== 'champions') expect(inBrowser).toBe(false);
      else champions++;
      browser.destroy();
    }
    expect(champions).toBeGreaterThan(0);
    await marketer.console.experiments.stop({ key: 'referral-center.headline', shipVariationId: null, outcome: 'inconclusive' });
  }, 120_000);

  it('does not train below the minimum of labelled customers, and says why', async () => {
    await world.database.db.insert(schema.customers).values(
      Array.from({ length: 37 }, (_, i) => ({
        tenantId: world.otherTenantId,
        externalId: `few-${i}`,
        firstSeenAt: new Date(now.getTime() - 90 * 86_400_000),
      })),
    );
    const summary = await refreshInsights(world.database.db, world.otherTenantId, { now, train: 'now' });
    expect(summary.training).toEqual({ skipped: 'needs 200 labelled customers; has 37' });
    expect(summary.tiers).toEqual({ hibernating: 37 });
  });
});

describe('segments between refreshes', () => {
  // A world of its own: draining the sample tenant's thousands of deliveries would take a minute.
  let fresh: TestWorld;
  beforeAll(async () => {
    fresh = await createTestWorld();
  });
  afterAll(() => fresh.close());

  it('moves a customer’s NPS group as soon as they answer', async () => {
    const customer = await customerCaller(fresh, 'nps-fan');
    await customer.customer.me();
    await fresh.database.db.transaction((tx) =>
      fresh.deps.platform.emit(tx, {
        tenantId: fresh.tenantId,
        messageId: 'nps:nps-fan:test',
        event: 'nps_answered',
        userId: 'nps-fan',
        properties: { score: 10, group: 'promoter' },
      }),
    );
    await fresh.drain();
    const marketer = await consoleCaller(fresh, 'marketer@flywheel.test');
    expect((await marketer.console.insights.customer({ customer: 'nps-fan' })).segments).toEqual({ npsGroup: 'promoter' });
    expect((await customer.customer.me()).segments).toEqual({ npsGroup: 'promoter' });
  });
});
