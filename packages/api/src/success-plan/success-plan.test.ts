import { randomUUID } from 'node:crypto';
import { schema } from '@flywheel/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ingestBatch } from '../events/index.ts';
import { consoleCaller, createTestWorld, customerCaller, fromServer, type TestWorld, trackEvent } from '../testing.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(() => world.close());

type Batch = Parameters<typeof ingestBatch>[3];
const server = (events: Batch) => fromServer(world, events);

let people = 0;
/** A new customer of the demo tenant on a plan, as the tenant's server identifies them. */
async function newCustomer(traits: Record<string, string>) {
  const sub = `planner-${++people}`;
  await server([{ type: 'identify', messageId: randomUUID(), userId: sub, traits: { name: `Planner ${people}`, ...traits } }]);
  return { sub, caller: await customerCaller(world, sub) };
}

describe('success plans', () => {
  it('start from the template the customer’s plan fits, once, on their own day', async () => {
    const free = await newCustomer({ plan: 'free', timeZone: 'Asia/Shanghai' });
    expect(await free.caller.successPlan.plan()).toBeNull();
    const plan = await free.caller.successPlan.start();
    expect(plan).toMatchObject({
      template: 'get-started',
      name: 'Get started with Acme',
      day: 0,
      summary: { milestonesDone: 0, milestones: 4 },
    });
    expect((await free.caller.successPlan.start())?.startedOn).toBe(plan?.startedOn);
    const pro = await newCustomer({ plan: 'pro', locale: 'zh-CN' });
    expect(await pro.caller.successPlan.start()).toMatchObject({ template: 'pro-rollout', name: 'Acme 全公司推广计划' });
    const unknown = await newCustomer({});
    expect(await unknown.caller.successPlan.start()).toMatchObject({ template: 'quick-wins' });
  });

  // A reaction, then a job, then a start: a minute on a loaded 2-core machine, a second alone.
  it('start at the tenant’s sign-up event when it starts plans there, before the widget is ever opened', { timeout: 60_000 }, async () => {
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    const settings = await marketer.console.successPlan.healthSettings();
    expect(settings.planStartEvent).toBeNull();
    await marketer.console.successPlan.saveHealthSettings({ ...settings, planStartEvent: 'account_created' });
    try {
      const sub = `signup-${++people}`;
      // A browser cannot start anyone's plan by claiming the sign-up event; only the tenant's server can.
      await server([
        { type: 'identify', messageId: randomUUID(), userId: sub, traits: { plan: 'pro' } },
        trackEvent(sub, 'account_created'),
      ]);
      const caller = await customerCaller(world, sub);
      expect(await caller.successPlan.plan()).toMatchObject({ template: 'pro-rollout', day: 0 });
      // The widget's first open finds the plan the sign-up started.
      expect(await caller.successPlan.start()).toMatchObject({ template: 'pro-rollout' });
      const before = await newCustomer({ plan: 'free' });
      await server([trackEvent(before.sub, 'report_created')]);
      expect(await before.caller.successPlan.plan()).toBeNull();
    } finally {
      await marketer.console.successPlan.saveHealthSettings({ ...settings, planStartEvent: null });
    }
  });

  it('complete milestones from the customer’s events, exactly once, and tick rule tasks by themselves', async () => {
    const ada = await newCustomer({ plan: 'starter' });
    // Events from before the plan started do not count towards it.
    await server([trackEvent(ada.sub, 'dashboard_shared')]);
    await ada.caller.successPlan.start();
    const twice = trackEvent(ada.sub, 'dashboard_shared');
    await server([twice, twice, trackEvent(ada.sub, 'dashboard_shared')]);
    let plan = await ada.caller.successPlan.plan();
    expect(plan?.milestones.find((m) => m.key === 'share-dashboards')).toMatchObject({ state: 'open', progress: 2, target: 3 });
    await server([trackEvent(ada.sub, 'dashboard_shared'), trackEvent(ada.sub, 'report_created'), trackEvent(ada.sub, 'report_scheduled')]);
    plan = await ada.caller.successPlan.plan();
    expect(plan?.milestones.filter((m) => m.state === 'done').map((m) => m.key)).toEqual(['first-report', 'share-dashboards']);
    expect(plan?.tasks.find((t) => t.key === 'schedule-report')).toMatchObject({ done: true, doneBy: 'event', automatic: true });
    const completed = await world.database.db.select().from(schema.events).where(eq(schema.events.event, 'milestone_completed'));
    expect(
      completed
        .filter((e) => e.userId === ada.sub)
        .map((e) => e.properties.milestone)
        .sort(),
    ).toEqual(['first-report', 'share-dashboards']);
  });

  it('let the customer tick and untick their tasks, naming a task that does not exist', async () => {
    const bo = await newCustomer({ plan: 'free' });
    await expect(bo.caller.successPlan.tick({ task: 'watch-tour', done: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await bo.caller.successPlan.start();
    expect((await bo.caller.successPlan.tick({ task: 'watch-tour', done: true }))?.tasks.find((t) => t.key === 'watch-tour')).toMatchObject(
      {
        done: true,
        doneBy: 'customer',
      },
    );
    expect((await bo.caller.successPlan.tick({ task: 'watch-tour', done: false }))?.summary.tasksDone).toBe(0);
    await expect(bo.caller.successPlan.tick({ task: 'fly-to-mars', done: true })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('task'),
    });
  });

  it('shows milestones past their target day as overdue', async () => {
    const cy = await newCustomer({ plan: 'free' });
    await cy.caller.successPlan.start();
    // The plan started five days ago: the first report (day 3) is overdue.
    const [row] = await world.database.db
      .select({ id: schema.successPlans.id, startedOn: schema.successPlans.startedOn })
      .from(schema.successPlans)
      .innerJoin(schema.customers, eq(schema.customers.id, schema.successPlans.customerId))
      .where(eq(schema.customers.externalId, cy.sub));
    const fiveDaysAgo = new Date(Date.parse(`${row?.startedOn}T00:00:00Z`) - 5 * 86_400_000).toISOString().slice(0, 10);
    await world.database.db
      .update(schema.successPlans)
      .set({ startedOn: fiveDaysAgo })
      .where(eq(schema.successPlans.id, row?.id as string));
    const plan = await cy.caller.successPlan.plan();
    expect(plan?.day).toBe(5);
    expect(plan?.milestones.find((m) => m.key === 'first-report')).toMatchObject({ state: 'overdue', targetDay: 3 });
    expect(plan?.summary.overdue).toBe(1);
  });

  it('take templates from marketers only, refusing bad ones naming the field', async () => {
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    const template = {
      slug: 'trial-sprint',
      texts: { en: { name: 'Trial sprint', description: 'Fourteen days to value.' } },
      audience: { plan: 'trial' },
      phases: [{ key: 'sprint', texts: { en: { name: 'Sprint' } }, startDay: 0, endDay: 13 }],
      milestones: [
        {
          key: 'first-report',
          texts: { en: { title: 'First report', description: 'Build one.' } },
          rule: { event: 'report_created', goal: { kind: 'first' as const } },
          target: 1,
          targetDay: 2,
          phase: 'sprint',
        },
      ],
      tasks: [],
    };
    await expect(
      marketer.console.successPlan.saveTemplate({ ...template, tasks: [{ key: 'x', texts: { en: { title: 'X' } }, phase: 'nowhere' }] }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('phase'),
    });
    await marketer.console.successPlan.saveTemplate(template);
    expect(await marketer.console.successPlan.previewAudience({ plan: 'trial', tier: 'new', locale: 'en' })).toEqual({
      template: 'trial-sprint',
    });
    const viewer = await consoleCaller(world, 'viewer@flywheel.test');
    await expect(viewer.console.successPlan.saveTemplate(template)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await viewer.console.successPlan.plans()).length).toBeGreaterThan(0);
  });
});

describe('NPS', () => {
  it('is asked once active, answered once per interval, and keeps the customer’s group as a trait', async () => {
    const di = await newCustomer({ plan: 'free' });
    expect(await di.caller.successPlan.npsDue()).toEqual({ due: false });
    await server([trackEvent(di.sub, 'report_created')]);
    expect(await di.caller.successPlan.npsDue()).toEqual({ due: true });
    await di.caller.successPlan.answerNps({ answer: { score: 9, comment: 'Saves me an hour a week.' } });
    expect(await di.caller.successPlan.npsDue()).toEqual({ due: false });
    await expect(di.caller.successPlan.answerNps({ answer: { score: 3 } })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await di.caller.customer.me()).traits.nps_group).toBe('promoter');
    await expect(di.caller.successPlan.answerNps({ answer: { score: 11 } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('score'),
    });

    const ed = await newCustomer({ plan: 'free', locale: 'zh-CN' });
    await server([trackEvent(ed.sub, 'report_created')]);
    await ed.caller.successPlan.answerNps({ answer: null });
    expect(await ed.caller.successPlan.npsDue()).toEqual({ due: false });

    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    const report = await marketer.console.successPlan.nps({ group: 'promoter' });
    expect(report.comments.map((c) => c.comment)).toContain('Saves me an hour a week.');
    expect(report.distribution.find((d) => d.score === 9)?.n).toBeGreaterThanOrEqual(1);
    expect((await marketer.console.successPlan.nps({ group: 'detractor' })).comments.map((c) => c.comment)).not.toContain(
      'Saves me an hour a week.',
    );
  });
});

describe('value reports', () => {
  it('sum up the quarter against the one before: milestones, usage and what it was worth, badges, friends', async () => {
    const vi = await newCustomer({ plan: 'free' });
    await vi.caller.successPlan.start();
    await server([trackEvent(vi.sub, 'report_created'), trackEvent(vi.sub, 'report_created'), trackEvent(vi.sub, 'report_created')]);
    expect(await vi.caller.successPlan.valueReport()).toBeNull();
    const report = await vi.caller.successPlan.buildValueReport();
    const figure = (key: string) => report.figures.find((f) => f.key === key);
    expect(figure('milestones')).toMatchObject({ current: 1, previous: 0 });
    expect(figure('usage:report_created')).toMatchObject({ current: 3, previous: 0 });
    expect(figure('value:report_created')).toMatchObject({ current: 45, label: { en: 'minutes saved' } });
    expect(figure('friends')).toMatchObject({ current: 0 });
    expect(report.quarter).toMatch(/^\d{4}-Q[1-4]$/);
    expect(await vi.caller.successPlan.valueReport()).toMatchObject({ id: report.id, final: false });
  });
});

describe('the success-plan.template experiment', () => {
  it('gives each customer the template of their variation, and the results page counts them under it', async () => {
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    await marketer.console.experiments.launch({ key: 'success-plan.template' });
    world.deps.flags.store.invalidate(world.tenantId);
    // Twelve new customers on the free plan, identified in one batch by the tenant's server.
    const subs = Array.from({ length: 12 }, () => `planner-${++people}`);
    await server(
      subs.map((sub) => ({ type: 'identify' as const, messageId: randomUUID(), userId: sub, traits: { name: sub, plan: 'free' } })),
    );
    const templates = new Map<string, string>();
    for (const sub of subs) templates.set(sub, (await (await customerCaller(world, sub)).successPlan.start())?.template as string);
    // Each customer's exposure, recorded when the server evaluated the flag, names the template they got.
    const exposures = await world.database.db.select().from(schema.events).where(eq(schema.events.event, 'experiment_viewed'));
    const variationOf = new Map(
      exposures
        .filter((e) => e.properties.experiment_id === 'success-plan-template')
        .map((e) => [e.userId as string, e.properties.variation_id]),
    );
    for (const [sub, template] of templates) {
      expect(variationOf.get(sub), sub).toBe(template === 'quick-wins' ? 'quick-wins' : 'by-audience');
    }
    const counts = {
      byAudience: [...templates.values()].filter((t) => t === 'get-started').length,
      quickWins: [...templates.values()].filter((t) => t === 'quick-wins').length,
    };
    expect(counts.byAudience + counts.quickWins).toBe(12);
    expect(Math.min(counts.byAudience, counts.quickWins)).toBeGreaterThan(0);
    const results = await marketer.console.results.get({ key: 'success-plan.template' });
    expect(results.variations.map((v) => v.users)).toEqual([counts.byAudience, counts.quickWins]);
  }, 60_000);
});
