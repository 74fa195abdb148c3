import type { ProcedureMocks, RouterOutputs } from '../msw/bff.ts';

export type SuccessPlan = NonNullable<RouterOutputs['successPlan']['plan']>;

/** A plan on day 5 of "Get started", one milestone done and one overdue; override any part. */
export function successPlan(overrides: Partial<SuccessPlan> = {}): SuccessPlan {
  return {
    name: 'Get started with Acme',
    description: 'Your first 90 days: from your first report to a team that runs on it.',
    template: 'get-started',
    startedOn: '2026-11-27',
    timeZone: 'Europe/Berlin',
    day: 5,
    days: 90,
    phases: [
      { key: 'onboard', name: 'Onboard', startDay: 0, endDay: 14, current: true },
      { key: 'adopt', name: 'Adopt', startDay: 15, endDay: 45, current: false },
    ],
    milestones: [
      {
        key: 'first-report',
        phase: 'onboard',
        title: 'Create your first report',
        description: 'Pick a data source and build one report.',
        target: 1,
        progress: 1,
        targetDay: 3,
        dueOn: '2026-11-30',
        state: 'done',
        completedAt: '2026-11-28T10:00:00.000Z',
      },
      {
        key: 'connect',
        phase: 'onboard',
        title: 'Connect an integration',
        description: 'Bring in data from the tools you already use.',
        target: 1,
        progress: 0,
        targetDay: 4,
        dueOn: '2026-12-01',
        state: 'overdue',
        completedAt: null,
      },
      {
        key: 'share-dashboards',
        phase: 'adopt',
        title: 'Share 3 dashboards',
        description: 'Dashboards your colleagues open every week.',
        target: 3,
        progress: 1,
        targetDay: 30,
        dueOn: '2026-12-27',
        state: 'open',
        completedAt: null,
      },
    ],
    tasks: [
      {
        key: 'watch-tour',
        phase: 'onboard',
        title: 'Watch the 5-minute product tour',
        howToUrl: 'https://example.com/help/tour',
        automatic: false,
        done: false,
        doneBy: null,
        completedAt: null,
      },
    ],
    health: 'at_risk',
    summary: { milestonesDone: 1, milestones: 3, tasksDone: 0, tasks: 1, overdue: 1 },
    ...overrides,
  };
}

export const successPlanMocks: ProcedureMocks = {
  'successPlan.plan': () => successPlan(),
  'successPlan.start': () => successPlan({ day: 0 }),
  'successPlan.npsDue': () => ({ due: false }),
  'successPlan.valueReport': () => null,
  'successPlan.buildValueReport': () => ({
    id: '3b0c6f1e-0000-4000-8000-000000000001',
    quarter: '2026-Q4',
    final: false,
    figures: [
      { key: 'milestones', label: { en: 'Milestones reached', 'zh-CN': '完成的里程碑' }, current: 3, previous: 1 },
      { key: 'usage:report_created', label: { en: 'Reports created', 'zh-CN': '创建的报表' }, current: 12, previous: 4 },
    ],
    updatedAt: '2026-12-02T09:00:00.000Z',
  }),
  'successPlan.answerNps': (input) => ({ answered: input.answer !== null }),
  'successPlan.tick': (input) => {
    const plan = successPlan();
    return {
      ...plan,
      tasks: plan.tasks.map((t) =>
        t.key === input.task ? { ...t, done: input.done, doneBy: input.done ? ('customer' as const) : null } : t,
      ),
    };
  },
};
