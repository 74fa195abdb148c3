import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../api.ts';
import { type Row, TrendChart } from '../../charts.tsx';
import { ErrorText, Loading, PeriodPicker } from '../../components.tsx';
import { formats } from '../../format.ts';
import { AchievementsSummary } from '../achievements/summary.tsx';

/** The periods a marketer compares: a month, a quarter, half a year. */
const PERIODS = [4, 8, 13, 26] as const;

export function OverviewPage() {
  const { t } = useTranslation();
  const [weeks, setWeeks] = useState<(typeof PERIODS)[number]>(8);
  return (
    <>
      <h1>{t('overview.title')}</h1>
      <PeriodPicker weeks={weeks} choices={PERIODS} onChange={setWeeks} />
      <Growth weeks={weeks} />
      <AchievementsSummary />
    </>
  );
}

/** K-factor, where it comes from, and participation per widget, week by week over the period. */
function Growth({ weeks: count }: { weeks: number }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const growth = useQuery(trpc.console.overview.growth.queryOptions({ weeks: count }));
  const f = formats(i18n.language);
  if (growth.isPending) return <Loading />;
  if (growth.isError) return <ErrorText error={growth.error} />;
  const weeks = growth.data;
  const widgets = [...new Set(weeks.flatMap((w) => Object.keys(w.participation)))].sort();
  const rows: Row[] = weeks.map((w) => ({
    x: f.date(w.weekStart),
    kFactor: w.kFactor,
    ...Object.fromEntries(widgets.map((name) => [name, w.participation[name]?.rate ?? 0])),
  }));
  const active = weeks.some((w) => w.activeCustomers > 0);
  const latest = weeks.at(-1);
  if (!active || !latest) return <p>{t('overview.empty')}</p>;
  return (
    <>
      <section aria-labelledby="k-title">
        <h2 id="k-title">{t('overview.kFactor')}</h2>
        <p className="muted">{t('overview.kFactorHelp')}</p>
        <TrendChart rows={rows} series={[{ key: 'kFactor', name: 'K' }]} format={f.decimal} />
        <p>
          {t('overview.kFactorOf', {
            k: f.decimal(latest.kFactor),
            invites: f.decimal(latest.invitesPerReferrer),
            conversion: f.percent(latest.inviteConversion),
          })}
        </p>
      </section>
      <section aria-labelledby="p-title">
        <h2 id="p-title">{t('overview.participation')}</h2>
        <p className="muted">{t('overview.participationHelp')}</p>
        <TrendChart rows={rows} series={widgets.map((name) => ({ key: name, name }))} format={f.percent} domain={[0, 1]} />
      </section>
      {/* The numbers behind both charts, for screen readers and for copying. */}
      <table>
        <caption className="visually-hidden">{t('overview.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('overview.week')}</th>
            <th scope="col">K</th>
            <th scope="col">{t('overview.invitesPerReferrer')}</th>
            <th scope="col">{t('overview.inviteConversion')}</th>
            <th scope="col">{t('overview.active')}</th>
            {widgets.map((name) => (
              <th scope="col" key={name}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.weekStart}>
              <th scope="row">{f.date(w.weekStart)}</th>
              <td>{f.decimal(w.kFactor)}</td>
              <td>{f.decimal(w.invitesPerReferrer)}</td>
              <td>{f.percent(w.inviteConversion)}</td>
              <td>{f.integer(w.activeCustomers)}</td>
              {widgets.map((name) => (
                <td key={name}>{f.percent(w.participation[name]?.rate ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
