import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, ReferenceLine, Scatter, XAxis, YAxis } from 'recharts';
import { type Results, useTRPC } from '../../api.ts';
import { ErrorText, Loading } from '../../components.tsx';
import { formats } from '../../format.ts';
import { BreakdownView } from './breakdown.tsx';
import { type Engine, EnginePicker } from './engine.tsx';
import { ResultsOverTime, TrafficOverTime } from './over-time.tsx';
import { ShareResults } from './share.tsx';

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
      <ComposedChart
        layout="vertical"
        responsive
        style={{ width: '100%', maxWidth: 720 }}
        height={40 + rows.length * 44}
        data={rows}
        margin={{ left: 16, right: 24 }}
      >
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

type Verdict = NonNullable<MetricResult['variations'][number]['frequentist']>['verdict'];

/** A column header with the explanation a person hovers or focuses for. */
function Explained({ label, tip }: { label: string; tip: string }) {
  return (
    <abbr title={tip} tabIndex={0} className="explained">
      {label}
    </abbr>
  );
}

export function MetricTable({ metric, engine }: { metric: MetricResult; engine: Engine }) {
  const { t, i18n } = useTranslation();
  const f = formats(i18n.language);
  const binomial = metric.type === 'binomial';
  const value = (x: number) => (binomial ? f.percent(x) : f.decimal(x));
  return (
    <table className="results-table">
      <caption>
        {metric.key} <span className="badge">{metric.guardrail ? t('results.guardrail') : t('results.goal')}</span>
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('results.variation')}</th>
          <th scope="col">
            <Explained label={t('results.units')} tip={t('results.tips.units')} />
          </th>
          <th scope="col">
            <Explained
              label={binomial ? t('results.rate') : t('results.mean')}
              tip={binomial ? t('results.tips.rate') : t('results.tips.mean')}
            />
          </th>
          <th scope="col">
            <Explained label={t('results.lift')} tip={t('results.tips.lift')} />
          </th>
          <th scope="col">
            <Explained label={t('results.interval')} tip={t('results.tips.interval')} />
          </th>
          <th scope="col">
            {engine === 'frequentist' ? (
              <Explained label={t('results.pValue')} tip={t('results.tips.pValue')} />
            ) : (
              <Explained label={t('results.chance')} tip={t('results.tips.chance')} />
            )}
          </th>
        </tr>
      </thead>
      <tbody>
        {metric.variations.map((v, index) => {
          const result = v[engine];
          const verdict: Verdict | null = index === 0 || !result ? null : result.verdict;
          const cells = (() => {
            if (index === 0) return [t('results.control'), '', ''];
            if (!result || verdict === 'not-enough-data') return [t('results.notEnough'), '', ''];
            if (verdict === 'no-change') return [t('results.noChange'), '', ''];
            const last = 'pValue' in result ? f.pValue(result.pValue) : 'chanceToWin' in result ? f.percent(result.chanceToWin) : '';
            return [f.lift(result.expected), f.interval(result.ci), last];
          })();
          return (
            <tr key={v.id} className={verdict ? `verdict-${verdict}` : undefined}>
              <th scope="row">
                {v.id}
                {verdict && verdict !== 'not-enough-data' && (
                  <span className="visually-hidden">{` (${t(`results.verdicts.${verdict}`)})`}</span>
                )}
              </th>
              <td>{f.integer(v.units)}</td>
              <td>
                {value(v.value)}{' '}
                <span className="muted small" title={t('results.tips.counts')}>
                  {t('results.counts', { total: f.integer(v.total), units: f.integer(v.units) })}
                </span>
              </td>
              <td>{cells[0]}</td>
              <td>{cells[1]}</td>
              <td>{cells[2]}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * The sentence a marketer acts on: the strongest decided result on a goal metric ("Give-get beats
 * control on sign-ups: +18 %, 95 % CI +4 % … +33 %, chance to win 98 %"), or that none is decided.
 */
export function VerdictBanner({ results, engine }: { results: Results; engine: Engine }) {
  const { t, i18n } = useTranslation();
  const f = formats(i18n.language);
  const decided = results.metrics
    .filter((m) => !m.guardrail)
    .flatMap((metric) =>
      metric.variations.flatMap((v) => {
        const result = v[engine];
        return result && (result.verdict === 'better' || result.verdict === 'worse') ? [{ metric, variation: v.id, result }] : [];
      }),
    );
  const best = decided.find((d) => d.result.verdict === 'better') ?? decided[0];
  if (!best) return <p className="banner">{t('results.banner.none')}</p>;
  const { result } = best;
  const evidence =
    'pValue' in result
      ? t('results.banner.p', { p: f.pValue(result.pValue) })
      : t('results.banner.chance', { chance: f.percent(result.chanceToWin) });
  return (
    <p className={`banner verdict-${result.verdict}`} role="status">
      {t(`results.banner.${result.verdict === 'better' ? 'better' : 'worse'}`, {
        variation: best.variation,
        metric: best.metric.key,
        lift: f.lift(result.expected),
        interval: f.interval(result.ci),
        evidence,
      })}
    </p>
  );
}

/** How much traffic the experiment needs: the lift detectable now, and the days until +10 % is. */
export function Power({ results }: { results: Results }) {
  const { t, i18n } = useTranslation();
  const f = formats(i18n.language);
  const goals = results.metrics.filter((m) => !m.guardrail);
  return (
    <section aria-labelledby="power-title">
      <h3 id="power-title">{t('results.power.title')}</h3>
      <ul>
        {goals.map((metric) => {
          const { minimumDetectableEffect, plannedLift, unitsPerVariation, daysToGo } = metric.power;
          const plan = { metric: metric.key, lift: f.lift(plannedLift) };
          return (
            <li key={metric.key}>
              {minimumDetectableEffect !== null && `${t('results.power.mde', { mde: f.lift(minimumDetectableEffect) })} `}
              {unitsPerVariation === null
                ? t('results.power.planUnknown', plan)
                : daysToGo === 0
                  ? t('results.power.planDone', { ...plan, units: f.integer(unitsPerVariation) })
                  : t('results.power.plan', {
                      ...plan,
                      units: f.integer(unitsPerVariation),
                      days: daysToGo === null ? '—' : f.integer(daysToGo),
                    })}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
/** The experiment's health: traffic per variation against its weight, the SRM p-value, multiple exposures. */
export function HealthView({ featureKey }: { featureKey: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const results = useQuery(trpc.console.results.get.queryOptions({ key: featureKey, sequential: false }));
  const f = formats(i18n.language);
  if (results.isPending) return <Loading />;
  if (results.isError) return <ErrorText error={results.error} />;
  const { variations, health } = results.data;
  const total = variations.reduce((a, v) => a + v.users, 0);
  return (
    <div className="results">
      <table>
        <caption>{t('healthView.traffic')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('results.variation')}</th>
            <th scope="col">{t('results.units')}</th>
            <th scope="col">{t('healthView.share')}</th>
            <th scope="col">{t('healthView.weight')}</th>
          </tr>
        </thead>
        <tbody>
          {variations.map((v) => (
            <tr key={v.id}>
              <th scope="row">{v.id}</th>
              <td>{f.integer(v.users)}</td>
              <td>{total > 0 ? f.percent(v.users / total) : '—'}</td>
              <td>{f.percent(v.weight)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="summary">
        <dt>{t('healthView.srm')}</dt>
        <dd>{`${t(`health.${health.srm}`)} (p = ${f.pValue(health.srmPValue)})`}</dd>
        <dt>{t('healthView.multiple')}</dt>
        <dd>{f.integer(health.multipleExposureUnits)}</dd>
        <dt>{t('healthView.implausible', { threshold: f.integer(health.implausibleThreshold) })}</dt>
        <dd>{f.integer(health.implausibleUnits)}</dd>
      </dl>
      <Health results={results.data} />
      <TrafficOverTime featureKey={featureKey} />
    </div>
  );
}

function Health({ results }: { results: Results }) {
  const { t, i18n } = useTranslation();
  const f = formats(i18n.language);
  const { srm, srmPValue, multipleExposureUnits, implausibleUnits, implausibleThreshold } = results.health;
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
      {implausibleUnits > 0 && (
        <p role="alert" className="warning">
          {t('results.implausible', { count: implausibleUnits, threshold: f.integer(implausibleThreshold) })}
        </p>
      )}
    </>
  );
}

/** Health warnings, the verdict, and each metric's table and lift chart: what the console and a shared report both show. */
export function ResultsTables({ data, engine }: { data: Results; engine: Engine }) {
  return (
    <>
      <Health results={data} />
      <VerdictBanner results={data} engine={engine} />
      {data.metrics.map((metric) => (
        <div key={metric.key} className="metric">
          <MetricTable metric={metric} engine={engine} />
          <LiftChart metric={metric} engine={engine} />
        </div>
      ))}
    </>
  );
}

export function ResultsView({ featureKey, canShare }: { featureKey: string; canShare: boolean }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [engine, setEngine] = useState<Engine>('frequentist');
  const [sequential, setSequential] = useState(false);
  const results = useQuery(trpc.console.results.get.queryOptions({ key: featureKey, sequential }));
  const f = formats(i18n.language);
  if (results.isPending) return <Loading />;
  if (results.isError) return <ErrorText error={results.error} />;
  const data = results.data;
  const exposed = data.variations.some((v) => v.users > 0);
  // Refresh recomputes everything the tab shows: the tables, the course over time, the breakdown.
  const refresh = () =>
    Promise.all(
      [trpc.console.results.get, trpc.console.results.timeline, trpc.console.results.breakdown].map((procedure) =>
        queryClient.invalidateQueries({ queryKey: procedure.pathKey() }),
      ),
    );
  return (
    <div className="results">
      <div className="toolbar">
        <EnginePicker engine={engine} onChange={setEngine} />
        {engine === 'frequentist' && (
          <label className="check">
            <input type="checkbox" checked={sequential} onChange={(e) => setSequential(e.target.checked)} />
            {t('results.sequential')}
          </label>
        )}
        <button type="button" onClick={() => void refresh()} disabled={results.isFetching}>
          {t('results.refresh')}
        </button>
      </div>
      <p className="muted small">{t('results.computed', { time: f.dateTime(data.computedAt), from: f.dateTime(data.from) })}</p>
      {!exposed ? (
        <p>{t('results.empty')}</p>
      ) : (
        <>
          <ResultsTables data={data} engine={engine} />
          <ResultsOverTime featureKey={featureKey} sequential={sequential} engine={engine} metrics={data.metrics} />
          <BreakdownView featureKey={featureKey} sequential={sequential} engine={engine} />
          <Power results={data} />
          {canShare && <ShareResults featureKey={featureKey} />}
        </>
      )}
    </div>
  );
}
