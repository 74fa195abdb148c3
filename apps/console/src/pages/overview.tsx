import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useTRPC } from '../api.ts';
import { ErrorText, Loading } from '../app.tsx';
import { formats } from '../format.ts';

const PALETTE = ['#4338ca', '#047857', '#b45309', '#be123c'];

export function OverviewPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const growth = useQuery(trpc.console.overview.growth.queryOptions({ weeks: 8 }));
  const f = formats(i18n.language);
  if (growth.isPending) return <Loading />;
  if (growth.isError) return <ErrorText error={growth.error} />;
  const weeks = growth.data;
  const widgets = [...new Set(weeks.flatMap((w) => Object.keys(w.participation)))].sort();
  const rows = weeks.map((w) => ({
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
            <LineChart width={640} height={240} data={rows} accessibilityLayer>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="week" />
              <YAxis tickFormatter={(x: number) => f.decimal(x)} />
              <Tooltip formatter={(x) => f.decimal(Number(x))} />
              <Line type="monotone" dataKey="kFactor" name="K" stroke={PALETTE[0]} isAnimationActive={false} />
            </LineChart>
          </section>
          <section aria-labelledby="p-title">
            <h2 id="p-title">{t('overview.participation')}</h2>
            <p className="muted">{t('overview.participationHelp')}</p>
            <LineChart width={640} height={240} data={rows} accessibilityLayer>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="week" />
              <YAxis tickFormatter={(x: number) => f.percent(x)} domain={[0, 1]} />
              <Tooltip formatter={(x) => f.percent(Number(x))} />
              <Legend />
              {widgets.map((name, i) => (
                <Line key={name} type="monotone" dataKey={name} stroke={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
              ))}
            </LineChart>
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
    </>
  );
}
