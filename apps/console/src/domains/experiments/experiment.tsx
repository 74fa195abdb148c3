import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Feature, type Session, useTRPC } from '../../api.ts';
import { ErrorText, Loading } from '../../components.tsx';
import { formats } from '../../format.ts';
import { hrefFor } from '../../routes.ts';
import { StatusBadge } from './list.tsx';
import { Preview } from './preview.tsx';
import { ResultsView } from './results.tsx';
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
  };
}
type Changes = ReturnType<typeof useExperimentChange>;

export function Actions({ feature, canChange, changes }: { feature: Feature; canChange: boolean; changes: Changes }) {
  const { t } = useTranslation();
  const [variation, setVariation] = useState(feature.state.releasedVariationId ?? '');
  const selectId = useId();
  if (!canChange) return <p className="muted">{t('actions.readOnly')}</p>;
  const running = feature.state.status === 'running';
  const key = feature.key;
  const pending = Object.values(changes).some((m) => m.isPending);
  const error = changes.launch.error ?? changes.stop.error ?? changes.rollout.error;
  const saved = changes.launch.isSuccess || changes.stop.isSuccess || changes.rollout.isSuccess;
  return (
    <div className="actions">
      {feature.experiment && !running && (
        <button type="button" className="primary" disabled={pending} onClick={() => changes.launch.mutate({ key })}>
          {t('actions.launch')}
        </button>
      )}
      {running && (
        <button type="button" disabled={pending} onClick={() => changes.stop.mutate({ key })}>
          {t('actions.stop')}
        </button>
      )}
      <form
        className="inline"
        onSubmit={(event) => {
          event.preventDefault();
          changes.rollout.mutate({ key, variationId: variation || null });
        }}
      >
        <label htmlFor={selectId}>{t('actions.rolloutLabel')}</label>
        <select id={selectId} value={variation} onChange={(e) => setVariation(e.target.value)}>
          <option value="">{t('actions.serveDefault')}</option>
          {feature.variations.map((v) => (
            <option key={v.id} value={v.id}>
              {v.id}
            </option>
          ))}
        </select>
        <button type="submit" disabled={pending}>
          {t('actions.rollout')}
        </button>
      </form>
      <ErrorText error={error} />
      {saved && !pending && (
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
  const { t } = useTranslation();
  const trpc = useTRPC();
  const metrics = useQuery(trpc.console.experiments.metrics.queryOptions());
  const experiment = feature.experiment;
  const editableRules = rulesFromCondition(experiment?.targeting ?? null);
  const [weights, setWeights] = useState(() => (experiment?.weights ?? []).map(toPercent));
  const [coverage, setCoverage] = useState(() => toPercent(experiment?.coverage ?? 1));
  const [rules, setRules] = useState<RuleDraft[]>(() => (editableRules ?? []).map((r) => ({ ...r, values: r.values.join(', ') })));
  const [goals, setGoals] = useState(() => new Set(experiment?.goalMetrics ?? []));
  const [guardrails, setGuardrails] = useState(() => new Set(experiment?.guardrailMetrics ?? []));
  const [problem, setProblem] = useState<string | null>(null);
  if (!experiment) return null;
  const ramping = feature.state.status === 'running';
  const mutation = ramping ? changes.ramp : changes.configure;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const sum = weights.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 100) > 0.1) return setProblem(t('setup.weightsSum', { sum: toPercent(sum / 100) }));
    if (!ramping && goals.size === 0) return setProblem(t('setup.needGoal'));
    setProblem(null);
    const split = { key: feature.key, coverage: coverage / 100, weights: weights.map((w) => w / 100) };
    if (ramping) return changes.ramp.mutate(split);
    changes.configure.mutate({
      ...split,
      ...(editableRules ? { targeting: conditionFromRules(rules.map((r) => ({ ...r, values: parseValues(r.values) }))) } : {}),
      goalMetrics: [...goals],
      guardrailMetrics: [...guardrails],
    });
  };
  const toggle = (set: Set<string>, key: string, update: (s: Set<string>) => void) => {
    const next = new Set(set);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    update(next);
  };

  return (
    <form className="setup" onSubmit={submit}>
      {ramping && <p className="muted">{t('setup.rampIntro')}</p>}
      <fieldset>
        <legend>{t('setup.weights')}</legend>
        {feature.variations.map((v, i) => (
          <label key={v.id}>
            {`${v.id} (%)`}
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
      {!ramping &&
        metrics.data &&
        (
          [
            ['goals', goals, setGoals],
            ['guardrails', guardrails, setGuardrails],
          ] as const
        ).map(([kind, set, update]) => (
          <fieldset key={kind}>
            <legend>{t(`setup.${kind}`)}</legend>
            {metrics.data.map((m) => (
              <label key={m.key} className="check">
                <input type="checkbox" checked={set.has(m.key)} onChange={() => toggle(set, m.key, update)} />
                {m.key} <span className="muted small">{m.description}</span>
              </label>
            ))}
          </fieldset>
        ))}
      {problem && <p role="alert">{problem}</p>}
      <ErrorText error={mutation.error} />
      <button type="submit" disabled={mutation.isPending}>
        {ramping ? t('setup.saveRamp') : t('setup.save')}
      </button>
      {mutation.isSuccess && (
        <p role="status" className="muted">
          {t('actions.done')}
        </p>
      )}
    </form>
  );
}

/** What a change did, in the fields that moved: "status: draft → running; coverage: 1 → 0.5". */
function describeChange(before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  return [...keys]
    .filter((k) => k !== 'startedAt' && JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null))
    .map((k) => `${k}: ${JSON.stringify(before?.[k] ?? null)} → ${JSON.stringify(after?.[k] ?? null)}`)
    .join('; ');
}

function History({ featureKey }: { featureKey: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const history = useQuery(trpc.console.experiments.history.queryOptions({ key: featureKey }));
  const f = formats(i18n.language);
  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorText error={history.error} />;
  if (history.data.length === 0) return <p className="muted">{t('history.empty')}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('history.when')}</th>
          <th scope="col">{t('history.who')}</th>
          <th scope="col">{t('history.change')}</th>
        </tr>
      </thead>
      <tbody>
        {[...history.data].reverse().map((entry) => (
          <tr key={entry.id}>
            <td>{f.dateTime(String(entry.changedAt))}</td>
            <td>{entry.changedBy ?? '—'}</td>
            <td>
              <code>{describeChange(entry.before, entry.after)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ExperimentPage({ featureKey, session }: { featureKey: string; session: Session }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const list = useQuery(trpc.console.experiments.list.queryOptions());
  const changes = useExperimentChange();
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorText error={list.error} />;
  const feature = list.data.find((f) => f.key === featureKey);
  if (!feature) return <p role="alert">{`key: no feature "${featureKey}" in experiments/`}</p>;
  const canChange = session.can.changeExperiments;
  return (
    <>
      <p>
        <a href={hrefFor('experiments')}>← {t('experiments.back')}</a>
      </p>
      <h1>
        {feature.key} <StatusBadge feature={feature} />
      </h1>
      <p>{feature.experiment?.hypothesis ?? feature.description}</p>
      <section aria-labelledby="actions-title">
        <h2 id="actions-title">{t('actions.title')}</h2>
        <Actions feature={feature} canChange={canChange} changes={changes} />
      </section>
      {feature.experiment && canChange && (
        <section aria-labelledby="setup-title">
          <h2 id="setup-title">{feature.state.status === 'running' ? t('setup.ramp') : t('setup.title')}</h2>
          {/* Keyed by status and phase so the form starts from the saved setup after each change. */}
          <SetupForm key={`${feature.state.status}-${feature.state.phase}`} feature={feature} changes={changes} />
        </section>
      )}
      {feature.experiment && (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{t('results.title')}</h2>
          <ResultsView featureKey={feature.key} />
        </section>
      )}
      <section aria-labelledby="preview-title">
        <h2 id="preview-title">{t('preview.title')}</h2>
        <Preview feature={feature} publishableKey={session.publishableKey} />
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('history.title')}</h2>
        <History featureKey={feature.key} />
      </section>
    </>
  );
}
