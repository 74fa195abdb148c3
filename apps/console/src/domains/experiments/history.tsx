import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../api.ts';
import { ErrorText, Loading } from '../../components.tsx';
import { formats } from '../../format.ts';

type State = Record<string, unknown> | null;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * One audit row as sentences in the reader's language: "Launched", "Traffic changed from 100% to
 * 50%", "Rolled out give-get". Fields a marketer never sees (start time, phase counters) say nothing.
 */
export function describeChange(before: State, after: State, t: TFunction, language: string): string[] {
  const f = formats(language);
  const percent = (x: unknown) => (typeof x === 'number' ? f.percent(x) : '—');
  const split = (w: unknown) => (Array.isArray(w) ? w.map(percent).join(' / ') : '—');
  const list = (keys: unknown) => (Array.isArray(keys) && keys.length > 0 ? f.list(keys.map(String)) : t('launch.none'));
  const sentences: string[] = [];
  if (typeof after?.createdExperiment === 'string') sentences.push(t('changes.created', { key: after.createdExperiment }));
  if (typeof after?.discardedExperiment === 'string') sentences.push(t('changes.discarded', { key: after.discardedExperiment }));
  if (before?.status !== 'running' && after?.status === 'running') {
    const phase = Number(after.phase ?? 0);
    sentences.push(phase > 0 ? t('changes.relaunched', { phase: phase + 1 }) : t('changes.launched'));
  } else if (before?.status === 'running' && after?.status === 'running' && !same(before.phase, after.phase)) {
    sentences.push(t('changes.relaunched', { phase: Number(after.phase ?? 0) + 1 }));
  }
  if (before?.status === 'running' && after?.status === 'stopped') sentences.push(t('changes.stopped'));
  if (!same(before?.coverage, after?.coverage) && after?.coverage != null)
    sentences.push(t('changes.coverage', { from: percent(before?.coverage ?? 1), to: percent(after.coverage) }));
  if (!same(before?.weights, after?.weights) && after?.weights != null)
    sentences.push(t('changes.weights', { from: split(before?.weights), to: split(after.weights) }));
  if (!same(before?.targeting, after?.targeting))
    sentences.push(t('changes.targeting', { to: after?.targeting ? JSON.stringify(after.targeting) : t('changes.everyone') }));
  if (!same(before?.goalMetrics, after?.goalMetrics) && after?.goalMetrics != null)
    sentences.push(t('changes.goals', { to: list(after.goalMetrics) }));
  if (!same(before?.guardrailMetrics, after?.guardrailMetrics) && after?.guardrailMetrics != null)
    sentences.push(t('changes.guardrails', { to: list(after.guardrailMetrics) }));
  if (!same(before?.releasedVariationId, after?.releasedVariationId))
    sentences.push(after?.releasedVariationId ? t('changes.released', { variation: after.releasedVariationId }) : t('changes.unreleased'));
  const decision = after?.decision as { outcome?: string; writeUp?: string } | null | undefined;
  if (decision?.outcome && !same(before?.decision, after?.decision))
    sentences.push(t('changes.decision', { outcome: t(`decision.outcomes.${decision.outcome}`), writeUp: decision.writeUp ?? '' }).trim());
  return sentences.length > 0 ? sentences : [t('changes.none')];
}

export function History({ featureKey }: { featureKey: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const history = useQuery(trpc.console.experiments.history.queryOptions({ key: featureKey }));
  const f = formats(i18n.language);
  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorText error={history.error} />;
  if (history.data.length === 0) return <p className="muted">{t('history.empty')}</p>;
  return (
    <table>
      <caption className="visually-hidden">{t('history.title')}</caption>
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
            <td>{describeChange(entry.before as State, entry.after as State, t, i18n.language).join(' · ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
