import { EXPERIMENT_DIMENSIONS, type ExperimentDimension } from '@flywheel/contracts/flag-attributes';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Breakdown, useTRPC } from '../../api.ts';
import { ErrorText, Loading } from '../../components.tsx';
import { formats } from '../../format.ts';
import type { Engine } from './engine.tsx';

/** Results within each plan, tier, language, country or channel: where a lift comes from, or whom it hurts. */
export function BreakdownView({ featureKey, sequential, engine }: { featureKey: string; sequential: boolean; engine: Engine }) {
  const { t } = useTranslation();
  const [dimension, setDimension] = useState<ExperimentDimension | ''>('');
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('results.breakdown.title')}</h3>
      <p className="inline">
        <label htmlFor={id}>{t('results.breakdown.by')}</label>{' '}
        <select id={id} value={dimension} onChange={(e) => setDimension(e.target.value as ExperimentDimension | '')}>
          <option value="">{t('results.breakdown.none')}</option>
          {EXPERIMENT_DIMENSIONS.map((d) => (
            <option key={d} value={d}>
              {t(`targeting.attributes.${d}`)}
            </option>
          ))}
        </select>
      </p>
      {dimension && <BreakdownTables featureKey={featureKey} sequential={sequential} engine={engine} dimension={dimension} />}
    </section>
  );
}

function BreakdownTables({
  featureKey,
  sequential,
  engine,
  dimension,
}: {
  featureKey: string;
  sequential: boolean;
  engine: Engine;
  dimension: ExperimentDimension;
}) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const breakdown = useQuery(trpc.console.results.breakdown.queryOptions({ key: featureKey, sequential, dimension }));
  const f = formats(i18n.language);
  if (breakdown.isPending) return <Loading />;
  if (breakdown.isError) return <ErrorText error={breakdown.error} />;
  const { slices } = breakdown.data;
  if (slices.length === 0) return <p>{t('results.empty')}</p>;
  const metricKeys = slices[0]?.metrics.map((m) => m.key) ?? [];
  return (
    <>
      <p className="muted small">{t('results.breakdown.caution', { count: slices.length })}</p>
      {metricKeys.map((key) => (
        <SliceTable key={key} metricKey={key} slices={slices} engine={engine} dimension={dimension} f={f} />
      ))}
    </>
  );
}

function SliceTable({
  metricKey,
  slices,
  engine,
  dimension,
  f,
}: {
  metricKey: string;
  slices: Breakdown['slices'];
  engine: Engine;
  dimension: ExperimentDimension;
  f: ReturnType<typeof formats>;
}) {
  const { t } = useTranslation();
  return (
    <table className="results-table">
      <caption>{t('results.breakdown.caption', { metric: metricKey, dimension: t(`targeting.attributes.${dimension}`) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t(`targeting.attributes.${dimension}`)}</th>
          <th scope="col">{t('results.variation')}</th>
          <th scope="col">{t('results.breakdown.control')}</th>
          <th scope="col">{t('results.breakdown.variation')}</th>
          <th scope="col">{t('results.lift')}</th>
          <th scope="col">{t('results.interval')}</th>
          <th scope="col">{engine === 'frequentist' ? t('results.pValue') : t('results.chance')}</th>
        </tr>
      </thead>
      <tbody>
        {slices.flatMap((slice) => {
          const metric = slice.metrics.find((m) => m.key === metricKey);
          if (!metric) return [];
          const [control, ...treatments] = metric.variations;
          const value = (v: { value: number; total: number; units: number }) =>
            `${metric.type === 'binomial' ? f.percent(v.value) : f.decimal(v.value)} (${f.integer(v.total)} / ${f.integer(v.units)})`;
          const label = slice.value ?? t('results.breakdown.unknown');
          return treatments.map((v) => {
            const result = v[engine];
            const verdict = result?.verdict ?? 'not-enough-data';
            const decided = result && verdict !== 'not-enough-data' && verdict !== 'no-change';
            return (
              <tr key={`${slice.value}:${v.id}`} className={`verdict-${verdict}`}>
                <th scope="row">{label}</th>
                <td>{v.id}</td>
                <td>{control ? value(control) : ''}</td>
                <td>{value(v)}</td>
                <td>{decided ? f.lift(result.expected) : t(verdict === 'no-change' ? 'results.noChange' : 'results.notEnough')}</td>
                <td>{decided ? f.interval(result.ci) : ''}</td>
                <td>
                  {decided && 'pValue' in result ? f.pValue(result.pValue) : ''}
                  {decided && 'chanceToWin' in result ? f.percent(result.chanceToWin) : ''}
                </td>
              </tr>
            );
          });
        })}
      </tbody>
    </table>
  );
}
