import { schema } from '@flywheel/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleCaller, createTestWorld, type TestWorld } from '../testing.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(() => world.close());

const as = (email: string) => consoleCaller(world, email);
const payload = () => {
  world.deps.flags.store.invalidate(world.tenantId);
  return world.deps.flags.store.payloadFor(world.tenantId);
};
const HEADLINE = 'referral-center.headline';

describe('console.experiments', () => {
  it('lists every feature with its effective setup, draft by default', async () => {
    const features = await (await as('viewer@flywheel.test')).console.experiments.list();
    expect(features.find((f) => f.key === HEADLINE)).toMatchObject({
      widget: 'referral-center',
      variations: [{ id: 'control' }, { id: 'give-get' }],
      state: { status: 'draft', phase: 0 },
      experiment: {
        key: 'referral-center-headline',
        weights: [0.5, 0.5],
        coverage: 1,
        goalMetrics: ['referral_invite_sent'],
        guardrailMetrics: ['widget_errors'],
        daysRunning: null,
        units: [0, 0],
        health: 'not-enough-traffic',
      },
    });
    expect(features.find((f) => f.key === 'referral-center.enabled')?.experiment).toBeNull();
  });

  it('refuses viewers and moderators every change, directly at the procedure', async () => {
    for (const email of ['viewer@flywheel.test', 'moderator@flywheel.test']) {
      const caller = await as(email);
      for (const attempt of [
        () => caller.console.experiments.launch({ key: HEADLINE }),
        () => caller.console.experiments.stop({ key: HEADLINE }),
        () => caller.console.experiments.ramp({ key: HEADLINE, coverage: 0.5 }),
        () => caller.console.experiments.configure({ key: HEADLINE, coverage: 0.5 }),
        () => caller.console.experiments.rollout({ key: HEADLINE, variationId: 'give-get' }),
      ]) {
        await expect(attempt()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      }
    }
    const [audit] = await world.database.db.select().from(schema.featureStateChanges);
    expect(audit).toBeUndefined();
  });

  it('names the bad field of a change', async () => {
    const caller = await as('marketer@flywheel.test');
    await expect(caller.console.experiments.configure({ key: HEADLINE, weights: [0.5, 0.3, 0.2] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'weights: needs one weight per variation (2)',
    });
    await expect(caller.console.experiments.configure({ key: HEADLINE, goalMetrics: ['revenue'] })).rejects.toMatchObject({
      message: 'goalMetrics: no metric "revenue" in experiments/metrics.yaml',
    });
    await expect(caller.console.experiments.rollout({ key: 'referral-center.enabled', variationId: 'maybe' })).rejects.toMatchObject({
      message: 'variationId: must be one of on, off',
    });
    await expect(caller.console.experiments.launch({ key: 'referral-center.enabled' })).rejects.toMatchObject({
      message: 'key: "referral-center.enabled" has no experiment in experiments/',
    });
    await expect(caller.console.experiments.ramp({ key: HEADLINE, coverage: 0.5 })).rejects.toMatchObject({
      message: 'status: only a running experiment can be ramped',
    });
    await expect(caller.console.experiments.launch({ key: 'nope.nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      caller.console.experiments.configure({ key: HEADLINE, targeting: { $or: [{ plan: { $where: 'this.plan' } }] } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('$where is not a GrowthBook condition operator') });
  });

  it('configures, launches, ramps, stops and relaunches, moving the payload and auditing who did what', async () => {
    const caller = await as('marketer@flywheel.test');
    const before = await payload();
    await caller.console.experiments.configure({
      key: HEADLINE,
      coverage: 0.4,
      targeting: { plan: { $in: ['pro'] } },
      goalMetrics: ['referral_link_copied'],
    });
    expect((await payload()).dateUpdated).toBe(before.dateUpdated); // a draft serves nothing new

    const { state } = await caller.console.experiments.launch({ key: HEADLINE });
    expect(state).toMatchObject({ status: 'running', phase: 0, coverage: 0.4, goalMetrics: ['referral_link_copied'] });
    const launched = await payload();
    expect(launched.dateUpdated).not.toBe(before.dateUpdated);
    expect(launched.features[HEADLINE]?.rules?.[0]).toMatchObject({ coverage: 0.4, condition: { plan: { $in: ['pro'] } } });
    await expect(caller.console.experiments.launch({ key: HEADLINE })).rejects.toMatchObject({
      message: 'status: the experiment is already running',
    });
    await expect(caller.console.experiments.configure({ key: HEADLINE, coverage: 1 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    await caller.console.experiments.ramp({ key: HEADLINE, coverage: 1 });
    expect((await payload()).features[HEADLINE]?.rules?.[0]).toMatchObject({ coverage: 1 });
    await caller.console.experiments.stop({ key: HEADLINE });
    expect((await payload()).features[HEADLINE]?.rules ?? []).toHaveLength(0);
    const relaunched = await caller.console.experiments.launch({ key: HEADLINE });
    expect(relaunched.state.phase).toBe(1);

    const history = await caller.console.experiments.history({ key: HEADLINE });
    expect(history.map((h) => [h.changedBy, h.before?.status, h.after?.status])).toEqual([
      ['marketer@flywheel.test', 'draft', 'draft'],
      ['marketer@flywheel.test', 'draft', 'running'],
      ['marketer@flywheel.test', 'running', 'running'],
      ['marketer@flywheel.test', 'running', 'stopped'],
      ['marketer@flywheel.test', 'stopped', 'running'],
    ]);
  });

  it('rolling out a winner ends the experiment and serves that variation to everyone it targets', async () => {
    // Its own feature, launched here: no other test touches referral-center.reward.
    const REWARD = 'referral-center.reward';
    const caller = await as('owner@flywheel.test');
    await caller.console.experiments.launch({ key: REWARD });
    const { state } = await caller.console.experiments.rollout({ key: REWARD, variationId: 'generous', targeting: { tier: 'champion' } });
    expect(state).toMatchObject({ status: 'stopped', releasedVariationId: 'generous' });
    expect((await payload()).features[REWARD]?.rules).toEqual([{ force: 30, condition: { tier: 'champion' } }]);
  });
});
