import type { HealthSettingsInput } from '@flywheel/contracts/success-plan';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Outputs, type Session, useTRPC } from '../../api.ts';
import { ErrorText, Loading } from '../../components.tsx';

type Settings = Outputs['console']['successPlan']['healthSettings'];
const SIGNALS = [
  'active_days',
  'feature_breadth',
  'milestones_on_track',
  'support_tickets',
  'nps',
  'referrals_sent',
  'streak',
  'stories_published',
] as const;
const NUMBERS = ['healthyFrom', 'atRiskFrom', 'alertDrop', 'npsMinAccountDays', 'npsMinActiveDays', 'npsEveryDays'] as const;

function SettingsForm({ settings, canEdit }: { settings: Settings; canEdit: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(settings);
  const [features, setFeatures] = useState(settings.keyFeatures.join(', '));
  const [figures, setFigures] = useState(JSON.stringify(settings.valueFigures, null, 2));
  const [invalid, setInvalid] = useState(false);
  const save = useMutation(
    trpc.console.successPlan.saveHealthSettings.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.console.successPlan.healthSettings.queryKey(), saved),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    let valueFigures: HealthSettingsInput['valueFigures'];
    try {
      valueFigures = JSON.parse(figures) as HealthSettingsInput['valueFigures'];
    } catch {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    save.mutate({ ...draft, keyFeatures: features.split(/[,\s]+/).filter(Boolean), valueFigures });
  };
  return (
    <form onSubmit={submit}>
      <fieldset disabled={!canEdit}>
        <legend>{t('success-plan.settings.weights')}</legend>
        {SIGNALS.map((signal) => (
          <label key={signal}>
            {t(`success-plan.signals.${signal}`)}
            <input
              type="number"
              min={0}
              max={100}
              required
              value={draft.weights[signal]}
              onChange={(e) => setDraft({ ...draft, weights: { ...draft.weights, [signal]: Number(e.target.value) } })}
            />
          </label>
        ))}
      </fieldset>
      <fieldset disabled={!canEdit}>
        <legend>{t('success-plan.settings.model')}</legend>
        <label>
          {t('success-plan.settings.keyFeatures')}
          <input required value={features} onChange={(e) => setFeatures(e.target.value)} size={60} />
        </label>
        {NUMBERS.map((field) => (
          <label key={field}>
            {t(`success-plan.settings.${field}`)}
            <input
              type="number"
              min={0}
              required
              value={draft[field]}
              onChange={(e) => setDraft({ ...draft, [field]: Number(e.target.value) })}
            />
          </label>
        ))}
      </fieldset>
      <fieldset disabled={!canEdit}>
        <legend>{t('success-plan.settings.start')}</legend>
        <label className="check">
          <input
            type="radio"
            name="plan-start"
            checked={draft.planStartEvent === null}
            onChange={() => setDraft({ ...draft, planStartEvent: null })}
          />
          {t('success-plan.settings.startOnOpen')}
        </label>
        <label className="check">
          <input
            type="radio"
            name="plan-start"
            checked={draft.planStartEvent !== null}
            onChange={() => setDraft({ ...draft, planStartEvent: draft.planStartEvent ?? 'signed_up' })}
          />
          {t('success-plan.settings.startOnEvent')}
        </label>
        {draft.planStartEvent !== null && (
          <label>
            {t('success-plan.settings.startEvent')}
            <input required value={draft.planStartEvent} onChange={(e) => setDraft({ ...draft, planStartEvent: e.target.value.trim() })} />
          </label>
        )}
      </fieldset>
      <fieldset disabled={!canEdit}>
        <legend>{t('success-plan.settings.figures')}</legend>
        <textarea
          aria-label={t('success-plan.settings.figures')}
          rows={8}
          cols={90}
          value={figures}
          onChange={(e) => setFigures(e.target.value)}
          spellCheck={false}
        />
      </fieldset>
      {canEdit && (
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('success-plan.settings.save')}
        </button>
      )}
      {invalid && <p role="alert">{t('success-plan.invalidJson')}</p>}
      {save.isSuccess && <p role="status">{t('success-plan.saved')}</p>}
      <ErrorText error={save.error} />
    </form>
  );
}

/** The health model, NPS throttling and value-report figures, editable by those who manage plans. */
export function SettingsSection({ session }: { session: Session }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.console.successPlan.healthSettings.queryOptions());
  if (settings.isPending) return <Loading />;
  if (settings.isError) return <ErrorText error={settings.error} />;
  return <SettingsForm settings={settings.data} canEdit={session.can.managePlans} />;
}
