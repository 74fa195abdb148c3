import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type Feature, type Inputs, useTRPC } from '../../api.ts';
import { ErrorText } from '../../components.tsx';
import { formats } from '../../format.ts';

/** The setup as the form holds it, saved or not: what a launch sends. */
export type Setup = Inputs['console']['experiments']['launch'] & { coverage: number; weights: number[] };

/** A mutation as these forms use it: send, and show that it is sending or why it failed. */
export type Sender<T> = { mutate: (input: T) => void; isPending: boolean; error: unknown };

/** The fields of `setup` that differ from what is saved. */
export function unsavedFields(feature: Feature, setup: Setup) {
  const saved = feature.experiment;
  if (!saved) return [];
  const differs = (a: unknown, b: unknown) => a !== undefined && JSON.stringify(a) !== JSON.stringify(b);
  return (
    [
      ['split', setup.weights, saved.weights],
      ['coverage', setup.coverage, saved.coverage],
      ['targeting', setup.targeting, saved.targeting],
      ['goals', setup.goalMetrics, saved.goalMetrics],
      ['guardrails', setup.guardrailMetrics, saved.guardrailMetrics],
    ] as const
  )
    .filter(([, mine, theirs]) => differs(mine, theirs))
    .map(([field]) => field);
}

/**
 * The launch checklist: exactly what goes live (split, coverage, targeting and its reach, metrics),
 * what is not saved yet, and each check passed or failed. Confirm launches this setup as shown; the
 * server runs the same checks and refuses with the field to fix.
 */
export function LaunchChecklist({
  feature,
  setup,
  launch,
  onCancel,
}: {
  feature: Feature;
  setup: Setup;
  launch: Sender<Setup>;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const f = formats(i18n.language);
  const targeting = (setup.targeting === undefined ? (feature.experiment?.targeting ?? null) : setup.targeting) as Setup['targeting'] & {};
  const reach = useQuery(trpc.console.experiments.reach.queryOptions({ targeting: targeting ?? null }));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const goals = setup.goalMetrics ?? feature.experiment?.goalMetrics ?? [];
  const guardrails = setup.guardrailMetrics ?? feature.experiment?.guardrailMetrics ?? [];
  const sum = setup.weights.reduce((a, b) => a + b, 0);
  const checks = [
    ['goal', goals.length > 0],
    ['weights', Math.abs(sum - 1) < 0.001],
    ['coverage', setup.coverage > 0],
    ['reach', !reach.data || reach.data.customers === 0 || reach.data.matching > 0],
  ] as const;
  const unsaved = unsavedFields(feature, setup);
  const variations = feature.experiment?.variations ?? [];
  return (
    <section className="panel" aria-labelledby="launch-title">
      <h3 id="launch-title" ref={heading} tabIndex={-1}>
        {t('launch.title')}
      </h3>
      <p className="muted">{t('launch.intro')}</p>
      <dl className="summary">
        <dt>{t('launch.split')}</dt>
        <dd>{variations.map((id, i) => `${id} ${f.percent(setup.weights[i] ?? 0)}`).join(' · ')}</dd>
        <dt>{t('launch.coverage')}</dt>
        <dd>{f.percent(setup.coverage)}</dd>
        <dt>{t('launch.targeting')}</dt>
        <dd>{targeting ? <code>{JSON.stringify(targeting)}</code> : t('targeting.everyone')}</dd>
        <dt>{t('launch.reach')}</dt>
        <dd>
          {reach.data
            ? reach.data.customers === 0
              ? t('launch.reachUnknown')
              : t('launch.reachCount', { matching: f.integer(reach.data.matching), customers: f.integer(reach.data.customers) })
            : '…'}
        </dd>
        <dt>{t('launch.goals')}</dt>
        <dd>{goals.length > 0 ? f.list(goals) : t('launch.none')}</dd>
        <dt>{t('launch.guardrails')}</dt>
        <dd>{guardrails.length > 0 ? f.list(guardrails) : t('launch.none')}</dd>
      </dl>
      <p className={unsaved.length > 0 ? 'warning' : 'muted'}>
        {unsaved.length > 0 ? t('launch.unsaved', { fields: f.list(unsaved.map((u) => t(`launch.${u}`))) }) : t('launch.allSaved')}
      </p>
      <ul className="checks">
        {checks.map(([check, passed]) => (
          <li key={check} className={passed ? 'pass' : 'fail'}>
            {`${passed ? '✓' : '✗'} ${t(`launch.checks.${check}`)}: ${passed ? t('launch.pass') : t('launch.fail')}`}
          </li>
        ))}
      </ul>
      <ErrorText error={launch.error} />
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={launch.isPending || checks.some(([, passed]) => !passed)}
          onClick={() => launch.mutate(setup)}
        >
          {t('launch.confirm')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('launch.cancel')}
        </button>
      </div>
    </section>
  );
}
