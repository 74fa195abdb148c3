import type { MetricDefinition } from '@flywheel/contracts/experiments';
import { frequentistTest } from '@flywheel/stats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestBatch } from '../events/index.ts';
import { consoleCaller, createTestWorld, type TestWorld } from '../testing.ts';
import { aggregateExperiment, aggregateExperimentSlices, IMPLAUSIBLE_EVENTS_PER_UNIT } from './experiment-aggregate.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(() => world.close());

const t0 = new Date('2026-11-10T12:00:00Z');
const at = (hours: number) => new Date(t0.getTime() + hours * 3600_000).toISOString();
let seq = 0;
const exposure = (
  unit: { userId?: string; anonymousId?: string },
  variation: string,
  hours = 0,
  experiment = 'copy-exp',
  dimensions: Record<string, string> = {},
) => ({
  type: 'track' as const,
  event: 'experiment_viewed',
  messageId: `m${seq++}`,
  ...unit,
  timestamp: at(hours),
  properties: { experiment_id: experiment, variation_id: variation, ...dimensions },
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
      implausibleUnits: 0,
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

describe('units no person could be', () => {
  it('leaves out a unit with more metric events than a person produces, and counts it for the health tab', async () => {
    const flood = Array.from({ length: IMPLAUSIBLE_EVENTS_PER_UNIT + 1 }, () => track({ userId: 'bot' }, 'link_copied', 1));
    const rows = [
      exposure({ userId: 'bot' }, 'give-get', 0, 'flood-exp'),
      exposure({ userId: 'person' }, 'give-get', 0, 'flood-exp'),
      track({ userId: 'person' }, 'link_copied', 1),
      ...flood,
    ];
    for (let i = 0; i < rows.length; i += 100) await ingestBatch(world.deps, world.tenantId, { kind: 'server' }, rows.slice(i, i + 100));
    const totals = await aggregateExperiment(world.database.db, {
      tenantId: world.tenantId,
      experimentKey: 'flood-exp',
      metrics: metrics.slice(1, 2),
      from: new Date(at(-24)),
      to: new Date(at(24 * 30)),
    });
    expect(totals).toEqual({
      multipleExposureUnits: 0,
      implausibleUnits: 1,
      variations: [{ variationId: 'give-get', users: 1, metrics: { copies: { sum: 1, sumSquares: 1 } } }],
    });
  });
});

describe('experiment aggregation by slice', () => {
  const sliced = (id: string, variation: string, hours: number, dimensions: Record<string, string> = {}) =>
    exposure({ userId: id }, variation, hours, 'sliced-exp', dimensions);
  const input = () => ({
    tenantId: world.tenantId,
    experimentKey: 'sliced-exp',
    metrics: metrics.slice(0, 1),
    from: new Date(at(-24)),
    to: new Date(at(24 * 30)),
  });
  const users = (totals: { variations: { variationId: string; users: number; metrics: Record<string, { sum: number }> }[] }) =>
    Object.fromEntries(totals.variations.map((v) => [v.variationId, [v.users, v.metrics.invite?.sum]]));

  beforeAll(async () => {
    // t0 is 12:00 UTC on 10 November; +14 h is the next day.
    await ingestBatch(world.deps, world.tenantId, { kind: 'server' }, [
      sliced('s1', 'control', 0, { plan: 'free' }),
      sliced('s2', 'give-get', 1, { plan: 'pro' }),
      track({ userId: 's2' }, 'invite_sent', 2),
      // Upgraded after the first exposure: the unit stays in the slice it was first exposed in.
      sliced('s6', 'control', 2, { plan: 'free' }),
      sliced('s6', 'control', 20, { plan: 'pro' }),
      sliced('s3', 'control', 14, { plan: 'pro' }),
      sliced('s4', 'give-get', 15),
      track({ userId: 's4' }, 'invite_sent', 40),
      sliced('s5', 'control', 16),
      sliced('s5', 'give-get', 17),
    ]);
  });

  it('by day of first exposure: each unit counted once, on its first day, with all its conversions', async () => {
    const days = await aggregateExperimentSlices(world.database.db, input(), { by: 'day' });
    expect(days.map((d) => [d.slice, users(d.totals), d.totals.multipleExposureUnits])).toEqual([
      ['2026-11-10', { control: [2, 0], 'give-get': [1, 1] }, 0],
      ['2026-11-11', { control: [1, 0], 'give-get': [1, 1] }, 1],
    ]);
  });

  it('by a dimension the exposures recorded, at its value on the first exposure; units without it apart', async () => {
    const plans = await aggregateExperimentSlices(world.database.db, input(), { by: 'dimension', dimension: 'plan' });
    expect(plans.map((p) => [p.slice, users(p.totals), p.totals.multipleExposureUnits])).toEqual([
      ['free', { control: [2, 0] }, 0],
      ['pro', { control: [1, 0], 'give-get': [1, 1] }, 0],
      [null, { 'give-get': [1, 1] }, 1],
    ]);
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

describe('console.results.timeline and console.results.breakdown', () => {
  const range = { key: 'referral-center.headline', from: at(24 * 10), to: at(24 * 14) };
  beforeAll(async () => {
    // Three days of a headline test, ten days after the other fixtures: 20 customers a day per
    // arm, give-get converting more; plans alternate.
    const rows = [0, 1, 2].flatMap((day) =>
      Array.from({ length: 20 }, (_, i) => [
        exposure({ userId: `tc${day}-${i}` }, 'control', 240 + day * 24, 'referral-center-headline', { plan: i % 2 ? 'pro' : 'free' }),
        exposure({ userId: `tt${day}-${i}` }, 'give-get', 240 + day * 24, 'referral-center-headline', { plan: i % 2 ? 'pro' : 'free' }),
        ...(i < 4 ? [track({ userId: `tc${day}-${i}` }, 'referral_invite_sent', 241 + day * 24)] : []),
        ...(i < 8 ? [track({ userId: `tt${day}-${i}` }, 'referral_invite_sent', 241 + day * 24)] : []),
      ]).flat(),
    );
    await ingestBatch(world.deps, world.tenantId, { kind: 'server' }, rows);
  });

  it('accumulates day by day, ending where the whole-range results are', async () => {
    const caller = await consoleCaller(world, 'viewer@flywheel.test');
    const timeline = await caller.console.results.timeline(range);
    const whole = await caller.console.results.get(range);
    expect(timeline.days.map((d) => [d.day, d.units, d.cumulativeUnits])).toEqual([
      ['2026-11-20', [20, 20], [20, 20]],
      ['2026-11-21', [20, 20], [40, 40]],
      ['2026-11-22', [20, 20], [60, 60]],
    ]);
    const invitesOn = (day: number) =>
      timeline.days[day]?.metrics.find((m) => m.key === 'referral_invite_sent')?.variations.find((v) => v.id === 'give-get');
    // Day two's point is packages/stats on the first two days' counts: 8/40 against 16/40.
    const dayTwo = frequentistTest({ kind: 'proportion', n: 40, sum: 8 }, { kind: 'proportion', n: 40, sum: 16 });
    expect(invitesOn(1)?.frequentist?.expected).toBeCloseTo(dayTwo.expected, 12);
    const last = whole.metrics.find((m) => m.key === 'referral_invite_sent')?.variations[1]?.frequentist;
    expect(invitesOn(2)?.frequentist).toEqual({ expected: last?.expected, ci: last?.ci, verdict: last?.verdict });
  });

  it('breaks results down by plan, each slice compared on its own counts', async () => {
    const caller = await consoleCaller(world, 'viewer@flywheel.test');
    const breakdown = await caller.console.results.breakdown({ ...range, dimension: 'plan' });
    // Even i are free: 2 of each day's 4 control and 4 of its 8 give-get conversions.
    expect(breakdown.slices.map((s) => [s.value, s.units])).toEqual([
      ['free', [30, 30]],
      ['pro', [30, 30]],
    ]);
    const free = breakdown.slices[0]?.metrics.find((m) => m.key === 'referral_invite_sent');
    expect(free?.variations.map((v) => [v.units, v.total])).toEqual([
      [30, 6],
      [30, 12],
    ]);
    const stats = frequentistTest({ kind: 'proportion', n: 30, sum: 6 }, { kind: 'proportion', n: 30, sum: 12 });
    expect(free?.variations[1]?.frequentist?.expected).toBeCloseTo(stats.expected, 12);
    expect(free?.variations[1]?.frequentist?.pValue).toBeCloseTo(stats.pValue, 12);
  });

  it('refuses a dimension exposures do not record, naming the field', async () => {
    const caller = await consoleCaller(world, 'viewer@flywheel.test');
    await expect(caller.console.results.breakdown({ ...range, dimension: 'email' as 'plan' })).rejects.toThrow(/dimension/);
  });
});
