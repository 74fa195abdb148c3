import type { MetricDefinition } from '@flywheel/contracts/experiments';
import { frequentistTest } from '@flywheel/stats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestBatch } from '../events/index.ts';
import { consoleCaller, createTestWorld, type TestWorld } from '../testing.ts';
import { aggregateExperiment } from './experiment-aggregate.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(() => world.close());

const t0 = new Date('2026-11-10T12:00:00Z');
const at = (hours: number) => new Date(t0.getTime() + hours * 3600_000).toISOString();
let seq = 0;
const exposure = (unit: { userId?: string; anonymousId?: string }, variation: string, hours = 0, experiment = 'copy-exp') => ({
  type: 'track' as const,
  event: 'experiment_viewed',
  messageId: `m${seq++}`,
  ...unit,
  timestamp: at(hours),
  properties: { experiment_id: experiment, variation_id: variation },
});
const track = (unit: { userId?: string; anonymousId?: string }, event: string, hours: number, properties: Record<string, number> = {}) => ({
  type: 'track' as const,
  event,
  messageId: `m${seq++}`,
  ...unit,
  timestamp: at(hours),
  properties,
});

const metrics: MetricDefinition[] = [
  { key: 'invite', event: 'invite_sent', type: 'binomial', conversionWindowHours: 168, goal: 'increase' },
  { key: 'copies', event: 'link_copied', type: 'count', conversionWindowHours: 72, goal: 'increase' },
  { key: 'revenue', event: 'purchase', type: 'mean', property: 'amount', conversionWindowHours: 72, goal: 'increase' },
];

describe('experiment aggregation in SQL (hand-computed fixture)', () => {
  beforeAll(async () => {
    const u = (id: string) => ({ userId: id });
    await ingestBatch(world.deps, world.tenantId, { kind: 'server' }, [
      // control
      exposure(u('c1'), 'control'),
      track(u('c1'), 'invite_sent', 1), // counts
      track(u('c1'), 'purchase', 2, { amount: 10 }),
      exposure(u('c2'), 'control', 5),
      track(u('c2'), 'invite_sent', 4), // before its first exposure: ignored
      exposure(u('c3'), 'control'),
      track(u('c3'), 'invite_sent', 200), // after the 168 h window: ignored
      track(u('c3'), 'link_copied', 10),
      // treatment
      exposure(u('t1'), 'give-get'),
      exposure(u('t1'), 'give-get', 3), // a second exposure of the same variation is fine
      track(u('t1'), 'invite_sent', 1),
      track(u('t1'), 'link_copied', 1),
      track(u('t1'), 'link_copied', 2),
      track(u('t1'), 'purchase', 5, { amount: 30 }),
      track(u('t1'), 'purchase', 6, { amount: 20 }),
      exposure(u('t2'), 'give-get'),
      exposure({ anonymousId: 'device-9' }, 'give-get'),
      track({ anonymousId: 'device-9' }, 'invite_sent', 2),
      // saw both: excluded
      exposure(u('both'), 'control'),
      exposure(u('both'), 'give-get', 1),
      track(u('both'), 'invite_sent', 2),
      // another experiment and another tenant's rows never count
      exposure(u('c1'), 'give-get', 0, 'other-exp'),
    ]);
    await ingestBatch(world.deps, world.otherTenantId, { kind: 'server' }, [
      exposure(u('x1'), 'control'),
      track(u('x1'), 'invite_sent', 1),
    ]);
  });

  it('returns users, sum and sum of squares per variation exactly as computed by hand', async () => {
    const totals = await aggregateExperiment(world.database.db, {
      tenantId: world.tenantId,
      experimentKey: 'copy-exp',
      metrics,
      from: new Date(at(-24)),
      to: new Date(at(24 * 30)),
    });
    expect(totals).toEqual({
      multipleExposureUnits: 1,
      variations: [
        {
          variationId: 'control',
          users: 3,
          metrics: { invite: { sum: 1, sumSquares: 1 }, copies: { sum: 1, sumSquares: 1 }, revenue: { sum: 10, sumSquares: 100 } },
        },
        {
          variationId: 'give-get',
          users: 3,
          metrics: { invite: { sum: 2, sumSquares: 2 }, copies: { sum: 2, sumSquares: 4 }, revenue: { sum: 50, sumSquares: 2500 } },
        },
      ],
    });
  });

  it('respects the date range of exposures', async () => {
    const totals = await aggregateExperiment(world.database.db, {
      tenantId: world.tenantId,
      experimentKey: 'copy-exp',
      metrics,
      from: new Date(at(4)),
      to: new Date(at(6)),
    });
    expect(totals.variations).toEqual([{ variationId: 'control', users: 1, metrics: expect.any(Object) }]);
  });
});

describe('console.results.get', () => {
  it('computes each metric with packages/stats on the aggregated numbers, with SRM health', async () => {
    const headline = (id: string, variation: string) => exposure({ userId: id }, variation, 0, 'referral-center-headline');
    const rows = [
      ...Array.from({ length: 40 }, (_, i) => headline(`hc${i}`, 'control')),
      ...Array.from({ length: 40 }, (_, i) => headline(`ht${i}`, 'give-get')),
      ...Array.from({ length: 10 }, (_, i) => track({ userId: `hc${i}` }, 'referral_invite_sent', 1)),
      ...Array.from({ length: 16 }, (_, i) => track({ userId: `ht${i}` }, 'referral_invite_sent', 1)),
    ];
    await ingestBatch(world.deps, world.tenantId, { kind: 'server' }, rows);
    const caller = await consoleCaller(world, 'viewer@flywheel.test');
    const results = await caller.console.results.get({ key: 'referral-center.headline', from: at(-24), to: at(48) });
    expect(results.variations.map((v) => v.users)).toEqual([40, 40]);
    expect(results.health).toMatchObject({ srm: 'healthy', multipleExposureUnits: 0 });
    const invites = results.metrics.find((m) => m.key === 'referral_invite_sent');
    const treatment = invites?.variations[1];
    // The counts behind each rate, and packages/stats' verdict on exactly those counts.
    expect(invites?.variations[0]).toMatchObject({ units: 40, total: 10, value: 0.25 });
    expect(treatment).toMatchObject({ units: 40, total: 16, value: 0.4 });
    const stats = frequentistTest({ kind: 'proportion', n: 40, sum: 10 }, { kind: 'proportion', n: 40, sum: 16 });
    expect(treatment?.frequentist).toEqual({
      ...stats,
      ci: [Math.max(-1, stats.ci[0]), Math.min(3, stats.ci[1])],
      verdict: 'inconclusive',
    });
    // Planning: at a 25 % rate, +10 % needs 2 · 0.1875 · 7.8489 / 0.025² = 4,709.3, so 4,710 customers per variation.
    expect(invites?.power).toMatchObject({ plannedLift: 0.1, unitsPerVariation: 4710 });
  });
});
