import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../api.ts';
import { type Row, WeeklyChart } from '../../charts.tsx';
import { ErrorText, Loading } from '../../components.tsx';
import { formats } from '../../format.ts';
import { AchievementsSummary } from '../achievements/summary.tsx';

export function OverviewPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const growth = useQuery(trpc.console.overview.growth.queryOptions({ weeks: 8 }));
  const f = formats(i18n.language);
  if (growth.isPending) return <Loading />;
  if (growth.isError) return <ErrorText error={growth.error} />;
  const weeks = growth.data;
  const widgets = [...new Set(weeks.flatMap((w) => Object.keys(w.participation)))].sort();
  const rows: Row[] = weeks.map((w) => ({
    week: f.date(w.weekStart),
    kFactor: w.kFactor,
    ...Object.fromEntries(widgets.map((name) => [name, w.participation[name]?.rate ?? 0])),
  }));
  const active = weeks.some((w) => w.activeCustomers > 0);
  return (
    <>
      <h1>{t('overview.title')}</h1>
      {!active ? (
        <p>{t('overview.empty')}</p>
      ) : (
        <>
          <section aria-labelledby="k-title">
            <h2 id="k-title">{t('overview.kFactor')}</h2>
            <p className="muted">{t('overview.kFactorHelp')}</p>
            <WeeklyChart rows={rows} series={[{ key: 'kFactor', name: 'K' }]} format={f.decimal} />
          </section>
          <section aria-labelledby="p-title">
            <h2 id="p-title">{t('overview.participation')}</h2>
            <p className="muted">{t('overview.participationHelp')}</p>
            <WeeklyChart rows={rows} series={widgets.map((name) => ({ key: name, name }))} format={f.percent} domain={[0, 1]} />
          </section>
          {/* The numbers behind both charts, for screen readers and for copying. */}
          <table>
            <thead>
              <tr>
                <th scope="col">{t('overview.week')}</th>
                <th scope="col">K</th>
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
                  <td>{f.integer(w.activeCustomers)}</td>
                  {widgets.map((name) => (
                    <td key={name}>{f.percent(w.participation[name]?.rate ?? 0)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <AchievementsSummary />
    </>
  );
}
