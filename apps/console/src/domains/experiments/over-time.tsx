import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Results, type Timeline, useTRPC } from '../../api.ts';
import { LiftOverTimeChart, type LiftPoint, type Row, TrendChart } from '../../charts.tsx';
import { ErrorText, Loading } from '../../components.tsx';
import { formats } from '../../format.ts';
import type { Engine } from './engine.tsx';

/** Each metric's cumulative lift day by day, in the engine the marketer reads the results with. */
export function ResultsOverTime({
  featureKey,
  sequential,
  engine,
  metrics,
}: {
  featureKey: string;
  sequential: boolean;
  engine: Engine;
  metrics: Results['metrics'];
}) {
  const trpc = useTRPC();
  const timeline = useQuery(trpc.console.results.timeline.queryOptions({ key: featureKey, sequential }));
  if (timeline.isPending) return <Loading />;
  if (timeline.isError) return <ErrorText error={timeline.error} />;
  return <LiftOverTime timeline={timeline.data} engine={engine} metrics={metrics} />;
}

/** The charts of a timeline: live in the console, or as a shared report's snapshot holds it. */
export function LiftOverTime({ timeline, engine, metrics }: { timeline: Timeline; engine: Engine; metrics: Results['metrics'] }) {
  const { t, i18n } = useTranslation();
  const f = formats(i18n.language);
  const { days, variations } = timeline;
  const treatments = variations.slice(1).map((id) => ({ id, name: id }));
  return (
    <section aria-labelledby="over-time-title">
      <h3 id="over-time-title">{t('results.overTime.title')}</h3>
      <p className="muted">{t('results.overTime.help')}</p>
      {days.length < 2 ? (
        <p className="muted">{t('results.overTime.oneDay')}</p>
      ) : (
        metrics.map((metric) => {
          let points = 0;
          const rows = days.map((day) => {
            const row: LiftPoint = { x: f.date(day.day) };
            for (const v of day.metrics.find((m) => m.key === metric.key)?.variations ?? []) {
              const result = v[engine];
              if (!result || result.verdict === 'not-enough-data' || result.verdict === 'no-change') continue;
              row[v.id] = result.expected;
              row[`${v.id}:ci`] = result.ci;
              points++;
            }
            return row;
          });
          // A metric nobody converted on yet has no lift to draw.
          if (points === 0) return null;
          return (
            <figure key={metric.key} className="lift-chart">
              <figcaption>{t('results.overTime.chart', { metric: metric.key })}</figcaption>
              <LiftOverTimeChart rows={rows} treatments={treatments} format={f.lift} />
            </figure>
          );
        })
      )}
    </section>
  );
}

/** Units each variation gained per day: a split drifting from its weights shows here first. */
export function TrafficOverTime({ featureKey }: { featureKey: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const timeline = useQuery(trpc.console.results.timeline.queryOptions({ key: featureKey, sequential: false }));
  const f = formats(i18n.language);
  if (timeline.isPending) return <Loading />;
  if (timeline.isError) return <ErrorText error={timeline.error} />;
  const { days, variations } = timeline.data;
  if (days.length === 0) return null;
  const rows: Row[] = days.map((day) => ({
    x: f.date(day.day),
    ...Object.fromEntries(variations.map((id, i) => [id, day.units[i] ?? 0])),
  }));
  return (
    <section aria-labelledby="traffic-time-title">
      <h3 id="traffic-time-title">{t('healthView.overTime')}</h3>
      <TrendChart rows={rows} series={variations.map((id) => ({ key: id, name: id }))} format={f.integer} />
      <table>
        <caption className="visually-hidden">{t('healthView.overTime')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('healthView.day')}</th>
            {variations.map((id) => (
              <th key={id} scope="col">
                {id}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.day}>
              <th scope="row">{f.date(day.day)}</th>
              {variations.map((id, i) => (
                <td key={id}>{f.integer(day.units[i] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
