import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { type Outputs, type Session, useTRPC } from '../../api.ts';
import { ErrorText, Loading } from '../../components.tsx';
import { formats } from '../../format.ts';
import { QueryTable } from '../../query-table.tsx';
import { hrefFor } from '../../routes.ts';

type Alert = Outputs['console']['successPlan']['alerts'][number];
type Explanation = Alert['explanation'][number];

/** One signal's move in words: "−12.0 active days: no activity for 9 days". */
function Change({ item }: { item: Explanation }) {
  const { t, i18n } = useTranslation();
  const signed = new Intl.NumberFormat(i18n.language, { signDisplay: 'always', maximumFractionDigits: 1 });
  const days = item.detail?.daysSinceActive;
  return (
    <>
      <strong>{signed.format(item.change)}</strong> {t(`success-plan.signals.${item.signal}`)}
      {item.signal === 'active_days' && days !== undefined && days > 0 && `: ${t('success-plan.inactiveFor', { days })}`}
    </>
  );
}

/** Customers by health, lowest first: band, score and the week's trend, each linking to their history. */
type HealthRow = Outputs['console']['successPlan']['health'][number];
const trendOf = (row: HealthRow) => (row.weekAgo === null ? 0 : row.score - row.weekAgo);
const SORTS = {
  score: (a: HealthRow, b: HealthRow) => a.score - b.score,
  trend: (a: HealthRow, b: HealthRow) => trendOf(a) - trendOf(b),
  name: (a: HealthRow, b: HealthRow) => (a.name ?? a.customer).localeCompare(b.name ?? b.customer),
} as const;

export function HealthSection() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const health = useQuery(trpc.console.successPlan.health.queryOptions());
  const [sort, setSort] = useState<keyof typeof SORTS>('score');
  const f = formats(i18n.language);
  const rows = health.data ? [...health.data].sort(SORTS[sort]) : undefined;
  return (
    <>
      <label>
        {t('success-plan.sortBy')}
        <select value={sort} onChange={(e) => setSort(e.target.value as keyof typeof SORTS)}>
          <option value="score">{t('success-plan.score')}</option>
          <option value="trend">{t('success-plan.trend')}</option>
          <option value="name">{t('success-plan.customer')}</option>
        </select>
      </label>
      <QueryTable
        query={{ ...health, data: rows }}
        caption={t('success-plan.byHealth')}
        empty={t('success-plan.healthEmpty')}
        rowKey={(row) => row.customer}
        columns={[
          {
            header: t('success-plan.customer'),
            rowHeader: true,
            cell: (row) => <a href={hrefFor('success-plan', 'customer', row.customer)}>{row.name ?? row.customer}</a>,
          },
          {
            header: t('success-plan.band'),
            cell: (row) => <span className={`badge badge-${row.band}`}>{t(`success-plan.bands.${row.band}`)}</span>,
          },
          { header: t('success-plan.score'), cell: (row) => f.integer(row.score) },
          {
            header: t('success-plan.trend'),
            cell: (row) =>
              row.weekAgo === null ? '—' : new Intl.NumberFormat(i18n.language, { signDisplay: 'always' }).format(trendOf(row)),
          },
        ]}
      />
    </>
  );
}

/** A customer's score over time (with the band cut-offs) and what each signal contributes today. */
export function CustomerHealth({ customer }: { customer: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const health = useQuery(trpc.console.successPlan.customerHealth.queryOptions({ customer }));
  const f = formats(i18n.language);
  if (health.isPending) return <Loading />;
  if (health.isError) return <ErrorText error={health.error} />;
  const { history, name, plan, nps, alerts } = health.data;
  const latest = history.at(-1);
  // The score a week before the latest (or the earliest there is), for each signal's change.
  const weekBefore = latest
    ? ([...history].reverse().find((h) => Date.parse(h.day) <= Date.parse(latest.day) - 7 * 86_400_000) ?? history[0])
    : undefined;
  const signed = new Intl.NumberFormat(i18n.language, { signDisplay: 'exceptZero', maximumFractionDigits: 1 });
  return (
    <section aria-labelledby="customer-health">
      <h2 id="customer-health">{t('success-plan.historyOf', { name: name ?? customer })}</h2>
      <p>
        <a href={hrefFor('segments', 'customer', customer)}>{t('success-plan.segmentsLink')}</a>
      </p>
      <p>
        {plan
          ? t('success-plan.planProgress', {
              template: plan.name,
              day: plan.day + 1,
              done: plan.summary.milestonesDone,
              total: plan.summary.milestones,
            })
          : t('success-plan.noPlan')}
      </p>
      {!latest ? (
        <p>{t('success-plan.healthEmpty')}</p>
      ) : (
        <>
          <LineChart width={640} height={220} data={history.map((h) => ({ day: f.date(h.day), score: h.score }))} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="day" />
            <YAxis domain={[0, 100]} />
            <Tooltip />
            <ReferenceLine y={70} stroke="#047857" strokeDasharray="4 4" />
            <ReferenceLine y={40} stroke="#be123c" strokeDasharray="4 4" />
            <Line type="monotone" dataKey="score" name={t('success-plan.score')} stroke="#4338ca" isAnimationActive={false} />
          </LineChart>
          <table>
            <caption>{t('success-plan.signalsToday', { score: latest.score })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('success-plan.signal')}</th>
                <th scope="col">{t('success-plan.read')}</th>
                <th scope="col">{t('success-plan.value')}</th>
                <th scope="col">{t('success-plan.weight')}</th>
                <th scope="col">{t('success-plan.contribution')}</th>
                <th scope="col">{t('success-plan.trend')}</th>
              </tr>
            </thead>
            <tbody>
              {latest.signals.map((s) => (
                <tr key={s.signal}>
                  <th scope="row">{t(`success-plan.signals.${s.signal}`)}</th>
                  <td>{s.raw < 0 ? '—' : f.integer(s.raw)}</td>
                  <td>{f.integer(s.value)}</td>
                  <td>{f.integer(s.weight)}</td>
                  <td>{f.decimal(s.contribution)}</td>
                  <td>
                    {weekBefore && weekBefore !== latest
                      ? signed.format(s.contribution - (weekBefore.signals.find((b) => b.signal === s.signal)?.contribution ?? 0))
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>{t('success-plan.alerts')}</h3>
      {alerts.length === 0 ? (
        <p className="muted">{t('success-plan.alertsEmpty')}</p>
      ) : (
        <ul>
          {alerts.map((alert) => (
            <li key={alert.id}>
              {f.dateTime(alert.openedAt)} · {f.integer(alert.previousScore)} → {f.integer(alert.score)} ·{' '}
              {t(`success-plan.alertStates.${alert.status}`)}
              {alert.explanation[0] && (
                <>
                  {' · '}
                  <Change item={alert.explanation[0]} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('success-plan.npsAnswers')}</h3>
      {nps.length === 0 ? (
        <p className="muted">{t('success-plan.npsEmpty')}</p>
      ) : (
        <ul>
          {nps.map((answer) => (
            <li key={answer.at}>
              {f.dateTime(answer.at)} ·{' '}
              {answer.score === null ? t('success-plan.dismissed') : `${answer.score}${answer.comment ? `: ${answer.comment}` : ''}`}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ResolveAlert({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const update = useMutation(
    trpc.console.successPlan.updateAlert.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.console.successPlan.alerts.queryKey() }),
    }),
  );
  return (
    <div className="review">
      {alert.status === 'open' && (
        <button type="button" disabled={update.isPending} onClick={() => update.mutate({ id: alert.id, action: 'assign' })}>
          {t('success-plan.take')}
        </button>
      )}
      <label>
        {t('success-plan.note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} minLength={3} maxLength={1000} />
      </label>
      <button
        type="button"
        className="primary"
        disabled={update.isPending || note.trim().length < 3}
        onClick={() => update.mutate({ id: alert.id, action: 'resolve', note })}
      >
        {t('success-plan.resolve')}
      </button>
      <ErrorText error={update.error} />
    </div>
  );
}

/** Risk alerts: open → assigned → resolved with a note, each with the signals that moved. */
export function AlertsSection({ session }: { session: Session }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const alerts = useQuery(trpc.console.successPlan.alerts.queryOptions());
  const f = formats(i18n.language);
  return (
    <QueryTable
      query={alerts}
      caption={t('success-plan.alerts')}
      empty={t('success-plan.alertsEmpty')}
      rowKey={(alert) => alert.id}
      columns={[
        { header: t('success-plan.opened'), cell: (alert) => f.dateTime(alert.openedAt) },
        {
          header: t('success-plan.customer'),
          rowHeader: true,
          cell: (alert) => <a href={hrefFor('success-plan', 'customer', alert.customer)}>{alert.name ?? alert.customer}</a>,
        },
        {
          header: t('success-plan.drop'),
          cell: (alert) =>
            `${f.integer(alert.previousScore)} → ${f.integer(alert.score)} (${t(`success-plan.bands.${alert.previousBand}`)} → ${t(`success-plan.bands.${alert.band}`)})`,
        },
        {
          header: t('success-plan.why'),
          cell: (alert) => (
            <ul>
              {alert.explanation.slice(0, 3).map((item) => (
                <li key={item.signal}>
                  <Change item={item} />
                </li>
              ))}
            </ul>
          ),
        },
        {
          header: t('success-plan.status'),
          cell: (alert) =>
            `${t(`success-plan.alertStates.${alert.status}`)}${alert.assigneeEmail ? ` · ${alert.assigneeEmail}` : ''}${alert.note ? ` · ${alert.note}` : ''}`,
        },
        {
          header: t('success-plan.resolve'),
          hidden: true,
          cell: (alert) => session.can.handleAlerts && alert.status !== 'resolved' && <ResolveAlert alert={alert} />,
        },
      ]}
    />
  );
}
