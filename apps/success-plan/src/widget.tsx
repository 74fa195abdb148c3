import { Badge, Card, Progress } from '@flywheel/ui';
import {
  QueryState,
  type RouterOutputs,
  useBrowserTimeZone,
  useLocale,
  useMutation,
  useQuery,
  useQueryClient,
  useTRPC,
  type WidgetProps,
} from '@flywheel/widget-kit';
import { useEffect, useState } from 'react';
import { useT } from './messages.ts';
import { NpsQuestion } from './nps.tsx';
import { ValueReport } from './value-report.tsx';

type Plan = NonNullable<RouterOutputs['successPlan']['plan']>;
type Milestone = Plan['milestones'][number];
type Task = Plan['tasks'][number];

const TONE = { done: 'success', overdue: 'danger', open: 'neutral' } as const;

function MilestoneItem({ milestone, next }: { milestone: Milestone; next: boolean }) {
  const t = useT();
  const locale = useLocale();
  const date = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));
  return (
    <li className={`fw-plan__milestone fw-plan__milestone--${milestone.state}`} aria-current={next ? 'step' : undefined}>
      <div className="fw-plan__row">
        <strong>{milestone.title}</strong>
        <Badge tone={next && milestone.state === 'open' ? 'primary' : TONE[milestone.state]}>
          {milestone.state === 'done'
            ? t('plan.milestone.done', { date: date(milestone.completedAt ?? milestone.dueOn) })
            : milestone.state === 'overdue'
              ? t('plan.milestone.overdue', { date: date(milestone.dueOn) })
              : t(next ? 'plan.milestone.next' : 'plan.milestone.due', { day: milestone.targetDay, date: date(milestone.dueOn) })}
        </Badge>
      </div>
      <p className="fw-muted">{milestone.description}</p>
      {milestone.state !== 'done' && milestone.target > 1 && (
        <Progress
          value={milestone.progress}
          max={milestone.target}
          label={t('plan.milestone.progress', { count: milestone.progress, target: milestone.target })}
        />
      )}
    </li>
  );
}

function TaskItem({ task }: { task: Task }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // What the customer just clicked, shown at once and until the server's answer replaces it.
  const [clicked, setClicked] = useState<boolean | null>(null);
  const tick = useMutation(
    trpc.successPlan.tick.mutationOptions({
      onSuccess: (plan) => queryClient.setQueryData(trpc.successPlan.plan.queryKey(), plan),
      onSettled: () => setClicked(null),
    }),
  );
  // A task its rule ticked is done for good: what the customer did cannot be undone by a click.
  const locked = task.doneBy === 'event';
  return (
    <li className="fw-plan__task">
      <label className="fw-plan__row">
        <input
          type="checkbox"
          checked={clicked ?? task.done}
          disabled={locked || tick.isPending}
          onChange={(e) => {
            setClicked(e.target.checked);
            tick.mutate({ task: task.key, done: e.target.checked });
          }}
        />
        <span>{task.title}</span>
        {task.automatic && !task.done && <span className="fw-muted">{t('plan.task.automatic')}</span>}
      </label>
      {task.howToUrl && (
        <a href={task.howToUrl} target="_blank" rel="noopener noreferrer">
          {t('plan.task.howTo')}
          <span className="fw-visually-hidden"> {t('plan.newTab')}</span>
        </a>
      )}
      {tick.isError && <p role="alert">{t('plan.task.error')}</p>}
    </li>
  );
}

function PlanBody({ plan, apiBase }: { plan: Plan; apiBase: string }) {
  const t = useT();
  const next = plan.milestones.filter((m) => m.state !== 'done').sort((a, b) => a.targetDay - b.targetDay)[0]?.key;
  const { summary } = plan;
  return (
    <div className="fw-plan">
      <NpsQuestion />
      <p>{plan.description}</p>
      <Progress
        value={summary.milestonesDone}
        max={Math.max(summary.milestones, 1)}
        label={t('plan.summary', {
          done: summary.milestonesDone,
          total: summary.milestones,
          day: Math.min(plan.day + 1, plan.days),
          days: plan.days,
        })}
      />
      <p className={`fw-plan__health fw-plan__health--${plan.health ?? 'healthy'}`} role="status">
        {plan.health === 'critical' || plan.health === 'at_risk'
          ? t(`plan.health.${plan.health}`, { count: summary.overdue })
          : summary.overdue > 0
            ? t('plan.health.behind', { count: summary.overdue })
            : t('plan.health.onTrack', { done: summary.milestonesDone, total: summary.milestones })}
      </p>
      {plan.phases.map((phase) => {
        const milestones = plan.milestones.filter((m) => m.phase === phase.key);
        const tasks = plan.tasks.filter((task) => task.phase === phase.key);
        return (
          <section
            key={phase.key}
            className={`fw-plan__phase${phase.current ? ' fw-plan__phase--current' : ''}`}
            aria-labelledby={`fw-plan-${phase.key}`}
          >
            <h3 id={`fw-plan-${phase.key}`}>
              {phase.name} <span className="fw-muted">{t('plan.phase.days', { from: phase.startDay + 1, to: phase.endDay + 1 })}</span>
              {phase.current && <Badge tone="primary">{t('plan.phase.now')}</Badge>}
            </h3>
            {milestones.length > 0 && (
              <ol className="fw-plan__list" aria-label={t('plan.milestones', { phase: phase.name })}>
                {milestones.map((m) => (
                  <MilestoneItem key={m.key} milestone={m} next={m.key === next} />
                ))}
              </ol>
            )}
            {tasks.length > 0 && (
              <ul className="fw-plan__list" aria-label={t('plan.tasks', { phase: phase.name })}>
                {tasks.map((task) => (
                  <TaskItem key={task.key} task={task} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
      <ValueReport apiBase={apiBase} />
    </div>
  );
}

/** Starts the plan the first time the customer opens the widget: it begins the day they first see it. */
function StartPlan() {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const start = useMutation(
    trpc.successPlan.start.mutationOptions({ onSuccess: (plan) => queryClient.setQueryData(trpc.successPlan.plan.queryKey(), plan) }),
  );
  useEffect(() => {
    if (start.isIdle) start.mutate();
  }, [start]);
  if (start.isError) {
    const notFound = (start.error as { data?: { code?: string } }).data?.code === 'NOT_FOUND';
    return <p role={notFound ? undefined : 'alert'}>{t(notFound ? 'plan.none' : 'plan.error')}</p>;
  }
  return <p role="status">{t('plan.starting')}</p>;
}

/** The success plan: the customer's 90 days as phases, milestones that complete themselves, tasks to tick. */
export function SuccessPlan({ apiBase }: WidgetProps) {
  const t = useT();
  const trpc = useTRPC();
  const plan = useQuery(trpc.successPlan.plan.queryOptions());
  useBrowserTimeZone(plan.data?.timeZone);
  return (
    <Card title={plan.data?.name ?? t('plan.title')}>
      <QueryState query={plan} error={t('plan.error')} signedOut={t('plan.signedOut')} lines={5}>
        {(data) => (data === null ? <StartPlan /> : <PlanBody plan={data} apiBase={apiBase} />)}
      </QueryState>
    </Card>
  );
}
