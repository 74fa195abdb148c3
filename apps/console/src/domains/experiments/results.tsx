import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, ReferenceLine, Scatter, XAxis, YAxis } from 'recharts';
import { type Results, useTRPC } from '../../api.ts';
import { ErrorText, Loading } from '../../components.tsx';
import { formats } from '../../format.ts';

type Engine = 'frequentist' | 'bayesian';
type MetricResult = Results['metrics'][number];

/** Each treatment's relative lift as a dot on its 95% interval, against a zero line: where GrowthBook draws it too. */
export function LiftChart({ metric, engine }: { metric: MetricResult; engine: Engine }) {
  const { t, i18n } = useTranslation();
  const f = formats(i18n.language);
  const rows = metric.variations.flatMap((v) => {
    const result = v[engine];
    return result && !result.errorMessage ? [{ id: v.id, range: result.ci, expected: result.expected }] : [];
  });
  if (rows.length === 0) return null;
  return (
    <figure className="lift-chart">
      <figcaption>{t('results.chart', { metric: metric.key })}</figcaption>
      <ComposedChart layout="vertical" width={560} height={40 + rows.length * 44} data={rows} margin={{ left: 16, right: 24 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" domain={['auto', 'auto']} tickFormatter={(x: number) => f.lift(x)} />
        <YAxis type="category" dataKey="id" width={96} />
        <ReferenceLine x={0} stroke="#6b7280" />
        <Bar dataKey="range" fill="#a5b4fc" barSize={14} isAnimationActive={false} />
        <Scatter dataKey="expected" fill="#3730a3" isAnimationActive={false} />
      </ComposedChart>
    </figure>
  );
}

export function MetricTable({ metric, engine }: { metric: MetricResult; engine: Engine }) {
  const { t, i18n } = useTranslation();
  const f = formats(i18n.language);
  const binomial = metric.type === 'binomial';
  return (
    <table>
      <caption>
        {metric.key} <span className="badge">{metric.guardrail ? t('results.guardrail') : t('results.goal')}</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('results.variation')}</th>
          <th scope="col">{t('results.units')}</th>
          <th scope="col">{binomial ? t('results.rate') : t('results.mean')}</th>
          <th scope="col">{t('results.lift')}</th>
          <th scope="col">{t('results.interval')}</th>
          <th scope="col">{engine === 'frequentist' ? t('results.pValue') : t('results.chance')}</th>
        </tr>
      </thead>
      <tbody>
        {metric.variations.map((v, index) => {
          const result = v[engine];
          const verdict = (() => {
            if (index === 0) return [t('results.control'), '', ''];
            if (!result || result.errorMessage) return [t('results.notEnough'), '', ''];
            const last = 'pValue' in result ? f.pValue(result.pValue) : 'chanceToWin' in result ? f.percent(result.chanceToWin) : '';
            return [f.lift(result.expected), f.interval(result.ci), last];
          })();
          return (
            <tr key={v.id}>
              <th scope="row">{v.id}</th>
              <td>{f.integer(v.units)}</td>
              <td>{binomial ? f.percent(v.value) : f.decimal(v.value)}</td>
              <td>{verdict[0]}</td>
              <td>{verdict[1]}</td>
              <td>{verdict[2]}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Health({ results }: { results: Results }) {
  const { t, i18n } = useTranslation();
  const f = formats(i18n.language);
  const { srm, srmPValue, multipleExposureUnits } = results.health;
  return (
    <>
      {srm === 'unhealthy' && (
        <p role="alert" className="warning">
          {t('results.srm', { p: f.pValue(srmPValue) })}
        </p>
      )}
      {srm === 'not-enough-traffic' && <p className="muted">{t('results.srmLow')}</p>}
      {multipleExposureUnits > 0 && (
        <p role="alert" className="warning">
          {t('results.multiple', { count: multipleExposureUnits })}
        </p>
      )}
    </>
  );
}

export function ResultsView({ featureKey }: { featureKey: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [engine, setEngine] = useState<Engine>('frequentist');
  const [sequential, setSequential] = useState(false);
  const results = useQuery(trpc.console.results.get.queryOptions({ key: featureKey, sequential }));
  const name = useId();
  const f = formats(i18n.language);
  if (results.isPending) return <Loading />;
  if (results.isError) return <ErrorText error={results.error} />;
  const data = results.data;
  const exposed = data.variations.some((v) => v.users > 0);
  return (
    <div className="results">
      <div className="toolbar">
        <fieldset className="inline">
          <legend>{t('results.engine')}</legend>
          {(['frequentist', 'bayesian'] as const).map((value) => (
            <label key={value} className="check">
              <input type="radio" name={name} value={value} checked={engine === value} onChange={() => setEngine(value)} />
              {t(`results.${value}`)}
            </label>
          ))}
        </fieldset>
        {engine === 'frequentist' && (
          <label className="check">
            <input type="checkbox" checked={sequential} onChange={(e) => setSequential(e.target.checked)} />
            {t('results.sequential')}
          </label>
        )}
        <button type="button" onClick={() => void results.refetch()} disabled={results.isFetching}>
          {t('results.refresh')}
        </button>
      </div>
      <p className="muted small">{t('results.computed', { time: f.dateTime(data.computedAt), from: f.dateTime(data.from) })}</p>
      {!exposed ? (
        <p>{t('results.empty')}</p>
      ) : (
        <>
          <Health results={data} />
          {data.metrics.map((metric) => (
            <div key={metric.key} className="metric">
              <MetricTable metric={metric} engine={engine} />
              <LiftChart metric={metric} engine={engine} />
            </div>
          ))}
        </>
      )}
    </div>
  );
}
