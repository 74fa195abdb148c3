import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Feature, type Session, useTRPC } from '../../api.ts';
import { ErrorText, Loading } from '../../components.tsx';
import { formats } from '../../format.ts';
import { hrefFor } from '../../routes.ts';
import { AddCopy, CreateExperiment, MetricPicker } from './create.tsx';
import { StopDecision } from './decision.tsx';
import { History } from './history.tsx';
import { LaunchChecklist, type Setup } from './launch.tsx';
import { StatusBadge } from './list.tsx';
import { featureName, variationName } from './names.ts';
import { Preview } from './preview.tsx';
import { HealthView, ResultsView } from './results.tsx';
import { conditionFromRules, parseValues, rulesFromCondition, TARGETING_ATTRIBUTES, type TargetingRule } from './targeting.ts';

/** Mutations on one feature: on success every view of experiments (list, history, results) reloads. */
function useExperimentChange() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.console.experiments.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.console.results.pathKey() });
  };
  return {
    configure: useMutation(trpc.console.experiments.configure.mutationOptions({ onSuccess })),
    launch: useMutation(trpc.console.experiments.launch.mutationOptions({ onSuccess })),
    ramp: useMutation(trpc.console.experiments.ramp.mutationOptions({ onSuccess })),
    stop: useMutation(trpc.console.experiments.stop.mutationOptions({ onSuccess })),
    rollout: useMutation(trpc.console.experiments.rollout.mutationOptions({ onSuccess })),
    discard: useMutation(trpc.console.experiments.discard.mutationOptions({ onSuccess })),
  };
}
type Changes = ReturnType<typeof useExperimentChange>;

/**
 * What can happen to the feature now: a running experiment ends with a decision (StopDecision); a
 * feature outside an experiment can serve one variation to everyone (a kill switch, a release).
 * Launching happens from the setup, through its checklist.
 */
export function Actions({ feature, canChange, changes }: { feature: Feature; canChange: boolean; changes: Changes }) {
  const { t, i18n } = useTranslation();
  const [variation, setVariation] = useState(feature.state.releasedVariationId ?? '');
  const [deciding, setDeciding] = useState(false);
  const selectId = useId();
  const f = formats(i18n.language);
  const decision = feature.state.decision;
  const summary = decision && (
    <p className="decision">
      {decision.shippedVariationId
        ? t('decision.summary', {
            outcome: t(`decision.outcomes.${decision.outcome}`),
            variation: variationName(feature, decision.shippedVariationId, i18n.language),
            date: f.dateTime(decision.decidedAt),
          })
        : t('decision.summaryNone', { outcome: t(`decision.outcomes.${decision.outcome}`), date: f.dateTime(decision.decidedAt) })}
      {decision.writeUp && <span className="muted"> {decision.writeUp}</span>}
    </p>
  );
  if (!canChange)
    return (
      <>
        {summary}
        <p className="muted">{t('actions.readOnly')}</p>
      </>
    );
  const running = feature.state.status === 'running';
  const pending = Object.values(changes).some((m) => m.isPending);
  if (running)
    return deciding ? (
      <StopDecision feature={feature} stop={changes.stop} onCancel={() => setDeciding(false)} />
    ) : (
      <div className="actions">
        <button type="button" onClick={() => setDeciding(true)}>
          {t('decision.open')}
        </button>
      </div>
    );
  return (
    <div className="actions">
      {summary}
      <form
        className="inline"
        onSubmit={(event) => {
          event.preventDefault();
          changes.rollout.mutate({ key: feature.key, variationId: variation || null });
        }}
      >
        <label htmlFor={selectId}>{t('actions.rolloutLabel')}</label>
        <select id={selectId} value={variation} onChange={(e) => setVariation(e.target.value)}>
          <option value="">{t('actions.serveDefault')}</option>
          {feature.variations.map((v) => (
            <option key={v.id} value={v.id}>
              {variationName(feature, v.id, i18n.language)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={pending}>
          {t('actions.rollout')}
        </button>
      </form>
      <ErrorText error={changes.rollout.error} />
      {feature.experiment?.createdInConsole && (
        <p>
          <span className="muted">{t('actions.discardHint')}</span>{' '}
          <button type="button" disabled={pending} onClick={() => changes.discard.mutate({ key: feature.key })}>
            {t('actions.discard')}
          </button>
        </p>
      )}
      <ErrorText error={changes.discard.error} />
      {(changes.rollout.isSuccess || changes.stop.isSuccess || changes.discard.isSuccess) && !pending && (
        <p role="status" className="muted">
          {t('actions.done')}
        </p>
      )}
    </div>
  );
}

type RuleDraft = Omit<TargetingRule, 'values'> & { values: string };

function TargetingBuilder({ rules, onChange }: { rules: RuleDraft[]; onChange: (rules: RuleDraft[]) => void }) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<RuleDraft>) => onChange(rules.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const unused = TARGETING_ATTRIBUTES.filter((a) => !rules.some((r) => r.attribute === a));
  return (
    <fieldset>
      <legend>{t('targeting.title')}</legend>
      {rules.length === 0 && <p className="muted">{t('targeting.everyone')}</p>}
      {rules.map((rule, index) => (
        <div className="rule" key={rule.attribute}>
          <select
            aria-label={t('targeting.attribute')}
            value={rule.attribute}
            onChange={(e) => update(index, { attribute: e.target.value as TargetingRule['attribute'] })}
          >
            {TARGETING_ATTRIBUTES.filter((a) => a === rule.attribute || unused.includes(a)).map((a) => (
              <option key={a} value={a}>
                {t(`targeting.attributes.${a}`)}
              </option>
            ))}
          </select>
          <select
            aria-label={t('targeting.operator')}
            value={rule.operator}
            onChange={(e) => update(index, { operator: e.target.value as TargetingRule['operator'] })}
          >
            <option value="$in">{t('targeting.in')}</option>
            <option value="$nin">{t('targeting.nin')}</option>
          </select>
          <input aria-label={t('targeting.values')} value={rule.values} onChange={(e) => update(index, { values: e.target.value })} />
          <button type="button" onClick={() => onChange(rules.filter((_, i) => i !== index))}>
            {t('targeting.remove')}
          </button>
        </div>
      ))}
      {unused[0] && (
        <button
          type="button"
          onClick={() => onChange([...rules, { attribute: unused[0] as TargetingRule['attribute'], operator: '$in', values: '' }])}
        >
          {t('targeting.add')}
        </button>
      )}
    </fieldset>
  );
}

const toPercent = (x: number) => Math.round(x * 1000) / 10;

/**
 * The experiment's setup while it is not running (split, coverage, targeting, metrics), or its
 * ramp while it runs (split and coverage only: changing who qualifies mid-run would bias results).
 */
export function SetupForm({ feature, changes }: { feature: Feature; changes: Changes }) {
  const { t, i18n } = useTranslation();
  const experiment = feature.experiment;
  const editableRules = rulesFromCondition(experiment?.targeting ?? null);
  const [weights, setWeights] = useState(() => (experiment?.weights ?? []).map(toPercent));
  const [coverage, setCoverage] = useState(() => toPercent(experiment?.coverage ?? 1));
  const [rules, setRules] = useState<RuleDraft[]>(() => (editableRules ?? []).map((r) => ({ ...r, values: r.values.join(', ') })));
  const [goals, setGoals] = useState<string[]>(() => experiment?.goalMetrics ?? []);
  const [guardrails, setGuardrails] = useState<string[]>(() => experiment?.guardrailMetrics ?? []);
  const [problem, setProblem] = useState<string | null>(null);
  const [reviewing, setReviewing] = useState(false);
  if (!experiment) return null;
  const ramping = feature.state.status === 'running';
  const mutation = ramping ? changes.ramp : changes.configure;
  const setup: Setup = {
    key: feature.key,
    coverage: coverage / 100,
    weights: weights.map((w) => w / 100),
    ...(editableRules ? { targeting: conditionFromRules(rules.map((r) => ({ ...r, values: parseValues(r.values) }))) } : {}),
    goalMetrics: goals,
    guardrailMetrics: guardrails,
  };
  const reweighted = ramping && setup.weights.some((w, i) => Math.abs(w - (experiment.weights[i] ?? 0)) > 1e-9);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const sum = weights.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 100) > 0.1) return setProblem(t('setup.weightsSum', { sum: toPercent(sum / 100) }));
    if (!ramping && goals.length === 0) return setProblem(t('setup.needGoal'));
    setProblem(null);
    if (ramping) return changes.ramp.mutate({ key: feature.key, coverage: setup.coverage, weights: setup.weights });
    changes.configure.mutate(setup);
  };
  if (reviewing) return <LaunchChecklist feature={feature} setup={setup} launch={changes.launch} onCancel={() => setReviewing(false)} />;

  return (
    <form className="setup" onSubmit={submit}>
      {ramping && <p className="muted">{t('setup.rampIntro')}</p>}
      <fieldset>
        <legend>{t('setup.weights')}</legend>
        {experiment.variations.map((id, i) => (
          <label key={id}>
            {`${variationName(feature, id, i18n.language)} (%)`}
            <input
              type="number"
              min={0}
              max={100}
              step={0.1}
              value={weights[i] ?? 0}
              onChange={(e) => setWeights(weights.map((w, j) => (j === i ? Number(e.target.value) : w)))}
            />
          </label>
        ))}
      </fieldset>
      <label>
        {`${t('setup.coverage')} (%)`}
        <input type="number" min={0} max={100} step={1} value={coverage} onChange={(e) => setCoverage(Number(e.target.value))} />
      </label>
      {!ramping &&
        (editableRules ? (
          <TargetingBuilder rules={rules} onChange={setRules} />
        ) : (
          <fieldset>
            <legend>{t('targeting.title')}</legend>
            <code>{JSON.stringify(experiment.targeting)}</code>
          </fieldset>
        ))}
      {!ramping && (
        <>
          <MetricPicker kind="goals" selected={goals} onChange={setGoals} />
          <MetricPicker kind="guardrails" selected={guardrails} onChange={setGuardrails} />
        </>
      )}
      {reweighted && (
        <p role="status" className="warning">
          {t('launch.phaseWarning')}
        </p>
      )}
      {problem && <p role="alert">{problem}</p>}
      <ErrorText error={mutation.error} />
      <div className="actions">
        <button type="submit" disabled={mutation.isPending}>
          {ramping ? t('setup.saveRamp') : t('setup.save')}
        </button>
        {!ramping && (
          <button type="button" className="primary" onClick={() => setReviewing(true)}>
            {t('launch.review')}
          </button>
        )}
      </div>
      {mutation.isSuccess && (
        <p role="status" className="muted">
          {t('actions.done')}
        </p>
      )}
    </form>
  );
}

const TABS = ['overview', 'results', 'health', 'history'] as const;
type Tab = (typeof TABS)[number];

/** `#/experiments/<key>[/results|/health|/history]`: one feature, a tab at a time. */
export function ExperimentPage({ featureKey, tab, session }: { featureKey: string; tab: string | undefined; session: Session }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const list = useQuery(trpc.console.experiments.list.queryOptions());
  const changes = useExperimentChange();
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorText error={list.error} />;
  const feature = list.data.find((f) => f.key === featureKey);
  if (!feature) return <p role="alert">{`key: no feature "${featureKey}" in experiments/`}</p>;
  const canChange = session.can.changeExperiments;
  const tabs = TABS.filter((s) => feature.experiment || s === 'overview' || s === 'history');
  const current: Tab = tabs.find((s) => s === tab) ?? 'overview';
  return (
    <>
      <p>
        <a href={hrefFor('experiments')}>← {t('experiments.back')}</a>
      </p>
      <h1>
        {featureName(feature.key, t)} <StatusBadge feature={feature} />
      </h1>
      <p className="muted small">
        <code>{feature.key}</code>
        {feature.experiment && (
          <>
            {' · '}
            <code>{feature.experiment.key}</code>
          </>
        )}
      </p>
      <p>{feature.experiment?.hypothesis ?? feature.description}</p>
      <nav aria-label={featureName(feature.key, t)} className="actions">
        {tabs.map((s) => (
          <a
            key={s}
            href={hrefFor('experiments', feature.key, ...(s === 'overview' ? [] : [s]))}
            aria-current={s === current ? 'page' : undefined}
          >
            {t(`tabs.${s}`)}
          </a>
        ))}
      </nav>
      {current === 'overview' && (
        <>
          <section aria-labelledby="actions-title">
            <h2 id="actions-title">{t('actions.title')}</h2>
            <Actions feature={feature} canChange={canChange} changes={changes} />
          </section>
          {feature.experiment && canChange && (
            <section aria-labelledby="setup-title">
              <h2 id="setup-title">{feature.state.status === 'running' ? t('setup.ramp') : t('setup.title')}</h2>
              {/* Keyed by status and phase so the form starts from the saved setup after each change. */}
              <SetupForm
                key={`${feature.state.status}-${feature.state.phase}-${feature.experiment.key}`}
                feature={feature}
                changes={changes}
              />
            </section>
          )}
          {canChange && feature.state.status !== 'running' && (
            <>
              {feature.valueType === 'string' && (
                <section aria-labelledby="copy-title">
                  <h2 id="copy-title">{t('copy.title')}</h2>
                  <AddCopy feature={feature} />
                </section>
              )}
              <section aria-labelledby="create-title">
                <h2 id="create-title">{t('create.title')}</h2>
                <CreateExperiment feature={feature} />
              </section>
            </>
          )}
          <section aria-labelledby="preview-title">
            <h2 id="preview-title">{t('preview.title')}</h2>
            <Preview feature={feature} publishableKey={session.publishableKey} />
          </section>
        </>
      )}
      {current === 'results' && <ResultsView featureKey={feature.key} canShare={canChange} />}
      {current === 'health' && <HealthView featureKey={feature.key} />}
      {current === 'history' && <History featureKey={feature.key} />}
    </>
  );
}
