import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { useTRPC } from '../../api.ts';
import { ErrorText, Loading } from '../../components.tsx';
import { formats } from '../../format.ts';

/**
 * The achievements part of the Overview: badges awarded and points issued vs redeemed per week,
 * as charts with the table behind them, and the points customers still hold (the liability).
 */
export function AchievementsSummary() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const overview = useQuery(trpc.console.achievements.overview.queryOptions());
  const f = formats(i18n.language);
  if (overview.isPending) return <Loading />;
  if (overview.isError) return <ErrorText error={overview.error} />;
  const { awardedByWeek, pointsByWeek, liability } = overview.data;
  const weeks = [...new Set([...awardedByWeek, ...pointsByWeek].map((row) => row.week))].sort();
  const rows = weeks.map((week) => ({
    x: f.date(week),
    awards: awardedByWeek.find((r) => r.week === week)?.awards ?? 0,
    issued: pointsByWeek.find((r) => r.week === week)?.issued ?? 0,
    redeemed: pointsByWeek.find((r) => r.week === week)?.redeemed ?? 0,
  }));
  return (
    <section aria-labelledby="achievements-summary">
      <h2 id="achievements-summary">{t('achievements.summary.title')}</h2>
      <p>
        {t('achievements.summary.liability', {
          available: f.integer(liability.available),
          pending: f.integer(liability.pending),
          held: f.integer(liability.held),
        })}
      </p>
      {rows.length === 0 ? (
        <p className="muted">{t('achievements.summary.empty')}</p>
      ) : (
        <>
          <h3>{t('achievements.summary.awarded')}</h3>
          <BarChart width={640} height={200} data={rows} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="week" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Bar dataKey="awards" name={t('achievements.summary.awards')} fill="#bf8700" isAnimationActive={false} />
          </BarChart>
          <h3>{t('achievements.summary.points')}</h3>
          <BarChart width={640} height={200} data={rows} accessibilityLayer>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="week" />
            <YAxis tickFormatter={f.integer} />
            <Tooltip formatter={(x) => f.integer(Number(x))} />
            <Legend />
            <Bar dataKey="issued" name={t('achievements.summary.issued')} fill="#4338ca" isAnimationActive={false} />
            <Bar dataKey="redeemed" name={t('achievements.summary.redeemed')} fill="#047857" isAnimationActive={false} />
          </BarChart>
          {/* The numbers behind the charts, for screen readers and for copying. */}
          <table>
            <thead>
              <tr>
                <th scope="col">{t('achievements.summary.week')}</th>
                <th scope="col">{t('achievements.summary.awards')}</th>
                <th scope="col">{t('achievements.summary.issued')}</th>
                <th scope="col">{t('achievements.summary.redeemed')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.x}>
                  <th scope="row">{row.x}</th>
                  <td>{f.integer(row.awards)}</td>
                  <td>{f.integer(row.issued)}</td>
                  <td>{f.integer(row.redeemed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
