import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Feature, useTRPC } from '../../api.ts';
import { SubmitRow } from '../../components.tsx';
import { variationName } from './names.ts';

const LANGUAGES = ['en', 'zh-CN'] as const;

function useReloadExperiments() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: trpc.console.experiments.pathKey() });
}

/** One more copy variation of a string feature, written in every language customers read. */
export function AddCopy({ feature }: { feature: Feature }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const reload = useReloadExperiments();
  const add = useMutation(trpc.console.experiments.addCopy.mutationOptions({ onSuccess: reload }));
  const [variationId, setVariationId] = useState('');
  const [texts, setTexts] = useState<Record<(typeof LANGUAGES)[number], string>>({ en: '', 'zh-CN': '' });
  const ids = { id: useId(), en: useId(), zh: useId() };
  return (
    <form
      className="setup"
      onSubmit={(event) => {
        event.preventDefault();
        add.mutate({ key: feature.key, variationId, texts });
      }}
    >
      <p className="muted">{t('copy.intro', { friend: '{{friend}}', referrer: '{{referrer}}' })}</p>
      <label htmlFor={ids.id}>{t('copy.id')}</label>
      <input
        id={ids.id}
        required
        pattern="[a-z0-9][a-z0-9_\-]{0,39}"
        value={variationId}
        onChange={(e) => setVariationId(e.target.value)}
      />
      {LANGUAGES.map((language) => (
        <div key={language}>
          <label htmlFor={language === 'en' ? ids.en : ids.zh}>{t(`copy.${language}`)}</label>
          <input
            id={language === 'en' ? ids.en : ids.zh}
            required
            maxLength={200}
            lang={language}
            value={texts[language]}
            onChange={(e) => setTexts({ ...texts, [language]: e.target.value })}
          />
        </div>
      ))}
      <SubmitRow mutation={add} submit={t('copy.submit')} saved={t('copy.added')} />
    </form>
  );
}

/**
 * A new experiment on this feature: the variations it tests (control first), the hypothesis, its
 * goal and guardrail metrics and, optionally, its slice of a namespace. It starts as a draft.
 */
export function CreateExperiment({ feature }: { feature: Feature }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const reload = useReloadExperiments();
  const create = useMutation(trpc.console.experiments.create.mutationOptions({ onSuccess: reload }));
  const [experimentKey, setExperimentKey] = useState(`${feature.key.replace(/\./g, '-')}-${new Date().toISOString().slice(0, 10)}`);
  const [hypothesis, setHypothesis] = useState('');
  const [variations, setVariations] = useState<string[]>(() => feature.variations.map((v) => v.id).slice(0, 1));
  const [goals, setGoals] = useState<string[]>([]);
  const [guardrails, setGuardrails] = useState<string[]>([]);
  const [namespace, setNamespace] = useState('');
  const [range, setRange] = useState<[number, number]>([0, 100]);
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { key: useId(), hypothesis: useId(), namespace: useId(), from: useId(), to: useId() };
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (variations.length < 2) return setProblem(t('create.needTwo'));
    if (goals.length === 0) return setProblem(t('setup.needGoal'));
    setProblem(null);
    create.mutate({
      key: feature.key,
      experimentKey,
      hypothesis,
      variations,
      goalMetrics: goals,
      guardrailMetrics: guardrails,
      ...(namespace ? { namespace: { name: namespace, range: [range[0] / 100, range[1] / 100] } } : {}),
    });
  };

  return (
    <form className="setup" onSubmit={submit}>
      <p className="muted">{t('create.intro')}</p>
      <label htmlFor={ids.key}>{t('create.experimentKey')}</label>
      <input id={ids.key} required value={experimentKey} onChange={(e) => setExperimentKey(e.target.value)} />
      <label htmlFor={ids.hypothesis}>{t('create.hypothesis')}</label>
      <textarea id={ids.hypothesis} required minLength={10} rows={2} value={hypothesis} onChange={(e) => setHypothesis(e.target.value)} />
      <fieldset>
        <legend>{t('create.variations')}</legend>
        {feature.variations.map((v) => (
          <label key={v.id} className="check">
            <input type="checkbox" checked={variations.includes(v.id)} onChange={() => setVariations(toggle(variations, v.id))} />
            {variationName(feature, v.id, i18n.language)}
          </label>
        ))}
      </fieldset>
      <MetricPicker kind="goals" selected={goals} onChange={setGoals} />
      <MetricPicker kind="guardrails" selected={guardrails} onChange={setGuardrails} />
      <label htmlFor={ids.namespace}>{t('create.namespace')}</label>
      <input id={ids.namespace} pattern="[a-z0-9][a-z0-9_\-]{0,39}" value={namespace} onChange={(e) => setNamespace(e.target.value)} />
      {namespace && (
        <div className="inline">
          <label htmlFor={ids.from}>{t('create.rangeFrom')}</label>
          <input
            id={ids.from}
            type="number"
            min={0}
            max={100}
            value={range[0]}
            onChange={(e) => setRange([Number(e.target.value), range[1]])}
          />
          <label htmlFor={ids.to}>{t('create.rangeTo')}</label>
          <input
            id={ids.to}
            type="number"
            min={0}
            max={100}
            value={range[1]}
            onChange={(e) => setRange([range[0], Number(e.target.value)])}
          />
        </div>
      )}
      {problem && <p role="alert">{problem}</p>}
      <SubmitRow mutation={create} submit={t('create.submit')} saved={t('create.created')} />
    </form>
  );
}

/** The goal or guardrail metrics an experiment is judged on, from experiments/metrics.yaml. */
export function MetricPicker({
  kind,
  selected,
  onChange,
}: {
  kind: 'goals' | 'guardrails';
  selected: readonly string[];
  onChange: (keys: string[]) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const metrics = useQuery(trpc.console.experiments.metrics.queryOptions());
  if (!metrics.data) return null;
  return (
    <fieldset>
      <legend>{t(`setup.${kind}`)}</legend>
      {metrics.data.map((m) => (
        <label key={m.key} className="check">
          <input
            type="checkbox"
            checked={selected.includes(m.key)}
            onChange={() => onChange(selected.includes(m.key) ? selected.filter((k) => k !== m.key) : [...selected, m.key])}
          />
          {m.key} <span className="muted small">{m.description}</span>
        </label>
      ))}
    </fieldset>
  );
}
