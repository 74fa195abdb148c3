import { schema } from '@flywheel/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleCaller, createTestWorld, customerCaller, type TestWorld } from '../testing.ts';

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
        () => caller.console.experiments.stop({ key: HEADLINE, shipVariationId: null, outcome: 'inconclusive' }),
        () => caller.console.experiments.addCopy({ key: HEADLINE, variationId: 'spring', texts: { en: 'Spring', 'zh-CN': '春' } }),
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
    await caller.console.experiments.stop({ key: HEADLINE, shipVariationId: null, outcome: 'inconclusive' });
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

  it('stops with a decision that ships the winner in the same step, so nobody is served the default in between', async () => {
    // Its own feature, launched here: no other test touches referral-center.reward.
    const REWARD = 'referral-center.reward';
    const caller = await as('owner@flywheel.test');
    await caller.console.experiments.launch({ key: REWARD });
    await expect(caller.console.experiments.rollout({ key: REWARD, variationId: 'generous' })).rejects.toMatchObject({
      message: expect.stringContaining('status: the experiment is running: stop it with a decision'),
    });
    await expect(caller.console.experiments.stop({ key: REWARD, shipVariationId: 'huge', outcome: 'won' })).rejects.toMatchObject({
      message: 'shipVariationId: must be one of standard, generous',
    });
    const { state } = await caller.console.experiments.stop({
      key: REWARD,
      shipVariationId: 'generous',
      outcome: 'won',
      writeUp: ' More shares, paid for by the qualified friends. ',
    });
    expect(state).toMatchObject({
      status: 'stopped',
      releasedVariationId: 'generous',
      decision: { outcome: 'won', shippedVariationId: 'generous', writeUp: 'More shares, paid for by the qualified friends.' },
    });
    // One payload version after the other: the experiment rule is replaced by the winner, never by nothing.
    expect((await payload()).features[REWARD]?.rules).toEqual([{ force: 30 }]);
    const relaunched = await caller.console.experiments.launch({ key: REWARD });
    expect(relaunched.state).toMatchObject({ status: 'running', releasedVariationId: null, decision: null, phase: 1 });
  });

  it('launches the setup it is given and refuses, naming the field, what the checklist would fail', async () => {
    const FEATURED = 'ugc-showcase.featured';
    const caller = await as('marketer@flywheel.test');
    await expect(caller.console.experiments.launch({ key: FEATURED, weights: [0.7, 0.4] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('must add up to 1'),
    });
    await expect(caller.console.experiments.launch({ key: FEATURED, coverage: 0 })).rejects.toMatchObject({
      message: 'coverage: must include some customers (more than 0 %)',
    });
    await customerCaller(world, 'reach-pro', { name: 'Pro', email: 'pro@example.com' });
    await world.database.db
      .update(schema.customers)
      .set({ traits: { plan: 'pro' } })
      .where(eq(schema.customers.externalId, 'reach-pro'));
    const reach = await caller.console.experiments.reach({ targeting: { plan: 'no-such-plan' } });
    expect(reach).toMatchObject({ matching: 0 });
    expect(reach.customers).toBeGreaterThan(0);
    await expect(caller.console.experiments.launch({ key: FEATURED, targeting: { plan: 'no-such-plan' } })).rejects.toMatchObject({
      message: expect.stringMatching(/^targeting: matches none of the \d+ customers/),
    });
    expect((await caller.console.experiments.reach({ targeting: { plan: 'pro' } })).matching).toBeGreaterThanOrEqual(1);

    // Unsaved 70/30 is what goes live.
    const { state } = await caller.console.experiments.launch({ key: FEATURED, weights: [0.7, 0.3] });
    expect(state).toMatchObject({ status: 'running', weights: [0.7, 0.3] });
    expect((await payload()).features[FEATURED]?.rules?.[0]).toMatchObject({ weights: [0.7, 0.3] });

    // New weights re-randomise (a new phase); wider coverage does not.
    const widened = await caller.console.experiments.ramp({ key: FEATURED, coverage: 0.9 });
    expect(widened.state.phase).toBe(0);
    const reweighted = await caller.console.experiments.ramp({ key: FEATURED, weights: [0.5, 0.5] });
    expect(reweighted.state.phase).toBe(1);
    expect((await payload()).features[FEATURED]?.rules?.[0]).toMatchObject({ seed: 'ugc-showcase-featured:1', bucketVersion: 1 });
  });

  it('creates a copy experiment in the console: new copy in both languages, tested against control', async () => {
    const SUCCESS = 'success-plan.template';
    const caller = await as('marketer@flywheel.test');
    await expect(
      caller.console.experiments.addCopy({ key: 'referral-center.enabled', variationId: 'maybe', texts: { en: 'Maybe', 'zh-CN': '也许' } }),
    ).rejects.toMatchObject({ message: expect.stringContaining('key: "referral-center.enabled" is a boolean feature') });
    await expect(
      caller.console.experiments.addCopy({ key: SUCCESS, variationId: 'guided', texts: { en: 'Guided', 'zh-CN': '' } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await caller.console.experiments.addCopy({ key: SUCCESS, variationId: 'guided', texts: { en: 'Guided', 'zh-CN': '引导式' } });
    // Widgets read the text of the variation they are served; a feature with no console copy has none.
    const customer = await customerCaller(world, 'copy-reader');
    // Widgets read the copy cached with the payload; the BFF's LISTEN drops it on every change.
    world.deps.flags.store.invalidate(world.tenantId);
    expect(await customer.copy.texts({ key: SUCCESS })).toEqual({ guided: { en: 'Guided', 'zh-CN': '引导式' } });
    expect(await customer.copy.texts({ key: HEADLINE })).toEqual({});
    await expect(customer.copy.texts({ key: '../secrets' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      caller.console.experiments.addCopy({ key: SUCCESS, variationId: 'guided', texts: { en: 'Again', 'zh-CN': '再次' } }),
    ).rejects.toMatchObject({ message: 'variationId: "guided" is already a variation of success-plan.template' });

    const spec = {
      key: SUCCESS,
      experimentKey: 'success-plan-guided',
      hypothesis: 'A guided plan gets more milestones completed.',
      variations: ['by-audience', 'guided'],
      goalMetrics: ['milestones_completed'],
    };
    await expect(caller.console.experiments.create({ ...spec, variations: ['by-audience', 'nope'] })).rejects.toMatchObject({
      message: expect.stringMatching(/^variations\.1: must be one of /),
    });
    await expect(caller.console.experiments.create({ ...spec, experimentKey: 'referral-center-headline' })).rejects.toMatchObject({
      message: 'experimentKey: is already the tracking key of referral-center.headline',
    });
    await expect(caller.console.experiments.create({ ...spec, namespace: { name: 'growth', range: [0.4, 0.6] } })).rejects.toMatchObject({
      message: expect.stringContaining('namespace.range: overlaps'),
    });
    await caller.console.experiments.create(spec);
    const listed = (await caller.console.experiments.list()).find((f) => f.key === SUCCESS);
    expect(listed?.experiment).toMatchObject({ key: 'success-plan-guided', variations: ['by-audience', 'guided'], createdInConsole: true });
    expect(listed?.variations.find((v) => v.id === 'guided')?.texts).toEqual({ en: 'Guided', 'zh-CN': '引导式' });
    await caller.console.experiments.launch({ key: SUCCESS });
    expect((await payload()).features[SUCCESS]?.rules?.[0]).toMatchObject({
      key: 'success-plan-guided',
      variations: ['', 'guided'],
      meta: [{ key: 'by-audience' }, { key: 'guided' }],
    });
    const history = await caller.console.experiments.history({ key: SUCCESS });
    expect(history[0]?.after).toMatchObject({ createdExperiment: 'success-plan-guided', status: 'draft' });

    // Discarding it brings back the file's experiment (still testing the file's variations), never mid-run.
    await expect(caller.console.experiments.discard({ key: SUCCESS })).rejects.toMatchObject({
      message: 'status: stop the experiment with a decision before discarding it',
    });
    await caller.console.experiments.stop({ key: SUCCESS, shipVariationId: null, outcome: 'inconclusive' });
    await caller.console.experiments.discard({ key: SUCCESS });
    const reverted = (await caller.console.experiments.list()).find((f) => f.key === SUCCESS);
    expect(reverted?.experiment).toMatchObject({ key: 'success-plan-template', createdInConsole: false });
    expect(reverted?.state).toMatchObject({ status: 'draft', phase: 0 });
    expect((await payload()).features[SUCCESS]?.rules ?? []).toEqual([]);
    expect((await caller.console.experiments.history({ key: SUCCESS })).at(-1)?.after).toMatchObject({
      discardedExperiment: 'success-plan-guided',
    });
    await expect(caller.console.experiments.discard({ key: SUCCESS })).rejects.toMatchObject({
      message: 'key: "success-plan.template" has no experiment created in the console',
    });
  });
});

describe('console periods', () => {
  it('refuse a `to` before `from` with a 400 naming `to`, for results and the K-factor alike', async () => {
    const viewer = await as('viewer@flywheel.test');
    const backwards = { from: '2026-11-30T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' };
    await expect(viewer.console.results.get({ key: HEADLINE, ...backwards })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { issues: [expect.objectContaining({ path: ['to'], message: 'must not be before from' })] },
    });
    await expect(viewer.console.referrals.kFactor(backwards)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
