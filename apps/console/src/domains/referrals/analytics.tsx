import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Outputs, useTRPC } from '../../api.ts';
import { BarsChart, TrendChart } from '../../charts.tsx';
import { ErrorText, Loading, PeriodPicker } from '../../components.tsx';
import { formats } from '../../format.ts';

type Analytics = Outputs['console']['referrals']['analytics'];
type Unit = Analytics['rewards']['paid'][number];
const RANGES = [4, 12, 26] as const;

/** A bucket of rewards in the reader's words: "$60.00 · 500 points · 2 coupons". */
function useUnitsText() {
  const { t, i18n } = useTranslation();
  const f = formats(i18n.language);
  return (units: Unit[]) =>
    units.length === 0
      ? '—'
      : units
          .map((unit) =>
            unit.type === 'credit'
              ? new Intl.NumberFormat(i18n.language, { style: 'currency', currency: unit.currency }).format(unit.amount)
              : unit.type === 'points'
                ? t('referrals.reward.points', { amount: f.integer(unit.amount) })
                : t(`referrals.analytics.count.${unit.type}`, { count: unit.count }),
          )
          .join(' · ');
}

type Funnel = Omit<Analytics['weekly'][number], 'weekStart'>;

/** The same funnel columns for every breakdown (a week, a channel, a variation), one row each. */
function FunnelTable({
  caption,
  first,
  rows,
}: {
  caption: string;
  first: string;
  rows: { key: string; label: ReactNode; funnel: Funnel }[];
}) {
  const { t, i18n } = useTranslation();
  const f = formats(i18n.language);
  return (
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          <th scope="col">{t('referrals.analytics.referrers')}</th>
          {STEPS.map((step) => (
            <th scope="col" key={step}>
              {t(`referrals.analytics.steps.${step}`)}
            </th>
          ))}
          <th scope="col">K</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, label, funnel }) => (
          <tr key={key}>
            <th scope="row">{label}</th>
            <td>{f.integer(funnel.activeReferrers)}</td>
            <td>{f.integer(funnel.invitesSent)}</td>
            <td>{f.integer(funnel.clicks)}</td>
            <td>{f.integer(funnel.signUps)}</td>
            <td>{f.integer(funnel.qualifiedFriends)}</td>
            <td>{f.decimal(funnel.kFactor)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The breakdown tables' steps, in funnel order (rewarded friends are the K-factor's numerator). */
const STEPS = ['invites', 'clicks', 'signUps', 'rewarded'] as const;

function Dashboard({ data }: { data: Analytics }) {
  const { t, i18n } = useTranslation();
  const f = formats(i18n.language);
  const unitsText = useUnitsText();
  const { funnel } = data;
  const steps = (['invites', 'clicks', 'signUps', 'qualified', 'rewarded'] as const).map((step) => ({
    name: t(`referrals.analytics.steps.${step}`),
    value: funnel[step],
  }));
  const weekly = data.weekly.map((w) => ({
    x: f.date(w.weekStart),
    invites: w.invitesSent,
    clicks: w.clicks,
    signUps: w.signUps,
    rewarded: w.qualifiedFriends,
    kFactor: w.kFactor,
  }));
  return (
    <>
      <section aria-labelledby="referral-funnel">
        <h2 id="referral-funnel">{t('referrals.analytics.funnel')}</h2>
        <p className="muted">
          {t('referrals.analytics.kFactorIs', { k: f.decimal(funnel.kFactor), referrers: f.integer(funnel.activeReferrers) })}
        </p>
        <BarsChart steps={steps} format={f.integer} />
      </section>
      <section aria-labelledby="referral-weekly">
        <h2 id="referral-weekly">{t('referrals.analytics.overTime')}</h2>
        <TrendChart rows={weekly} series={STEPS.map((key) => ({ key, name: t(`referrals.analytics.steps.${key}`) }))} format={f.integer} />
        <TrendChart rows={weekly} series={[{ key: 'kFactor', name: 'K' }]} format={f.decimal} />
        {/* The numbers behind both charts, for screen readers and for copying. */}
        <FunnelTable
          caption={t('referrals.analytics.overTime')}
          first={t('referrals.analytics.week')}
          rows={data.weekly.map((w) => ({ key: w.weekStart, label: f.date(w.weekStart), funnel: w }))}
        />
      </section>
      <section aria-labelledby="referral-channels">
        <h2 id="referral-channels">{t('referrals.analytics.channels')}</h2>
        {data.channels.length === 0 ? (
          <p className="muted">{t('referrals.analytics.noChannels')}</p>
        ) : (
          <FunnelTable
            caption={t('referrals.analytics.channels')}
            first={t('referrals.list.channel')}
            rows={data.channels.map((c) => ({ key: c.channel, label: t(`referrals.channels.${c.channel}`), funnel: c }))}
          />
        )}
      </section>
      {data.experiments.map((experiment) => (
        <section key={experiment.key} aria-labelledby={`referral-experiment-${experiment.key}`}>
          <h2 id={`referral-experiment-${experiment.key}`}>{t('referrals.analytics.experiment', { feature: experiment.feature })}</h2>
          <FunnelTable
            caption={t('referrals.analytics.experiment', { feature: experiment.feature })}
            first={t('referrals.analytics.variation')}
            rows={experiment.variations.map((v) => ({ key: v.id, label: <code>{v.id}</code>, funnel: v }))}
          />
        </section>
      ))}
      <section aria-labelledby="referral-top">
        <h2 id="referral-top">{t('referrals.analytics.topReferrers')}</h2>
        {data.topReferrers.length === 0 ? (
          <p className="muted">{t('referrals.analytics.noReferrers')}</p>
        ) : (
          <table>
            <caption className="visually-hidden">{t('referrals.analytics.topReferrers')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('referrals.referrer')}</th>
                <th scope="col">{t('referrals.analytics.referred')}</th>
                <th scope="col">{t('referrals.analytics.steps.rewarded')}</th>
              </tr>
            </thead>
            <tbody>
              {data.topReferrers.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {r.name ?? r.id}
                    {r.email && <div className="muted">{r.email}</div>}
                  </th>
                  <td>{f.integer(r.referred)}</td>
                  <td>{f.integer(r.rewarded)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="referral-money">
        <h2 id="referral-money">{t('referrals.analytics.money')}</h2>
        <dl className="figures">
          <dt>{t('referrals.analytics.paid')}</dt>
          <dd>{unitsText(data.rewards.paid)}</dd>
          <dt>{t('referrals.analytics.owed')}</dt>
          <dd>{unitsText(data.rewards.owed)}</dd>
          <dt>{t('referrals.analytics.pending')}</dt>
          <dd>{unitsText(data.rewards.pending)}</dd>
          <dt>{t('referrals.analytics.revenue')}</dt>
          <dd>
            {data.revenue.length === 0
              ? '—'
              : data.revenue
                  .map((r) => new Intl.NumberFormat(i18n.language, { style: 'currency', currency: r.currency }).format(r.amount))
                  .join(' · ')}
          </dd>
        </dl>
        <p className="muted">{t('referrals.analytics.moneyHelp')}</p>
      </section>
    </>
  );
}

/** The referral dashboard: the funnel and K-factor over a range, per channel, top referrers, cost and revenue. */
export function ReferralAnalytics() {
  const trpc = useTRPC();
  const [weeks, setWeeks] = useState<(typeof RANGES)[number]>(12);
  const analytics = useQuery(trpc.console.referrals.analytics.queryOptions({ weeks }));
  return (
    <>
      <PeriodPicker weeks={weeks} choices={RANGES} onChange={setWeeks} />
      {analytics.isPending ? <Loading /> : analytics.isError ? <ErrorText error={analytics.error} /> : <Dashboard data={analytics.data} />}
    </>
  );
}
