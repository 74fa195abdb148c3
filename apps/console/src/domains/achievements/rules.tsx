import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Outputs, type Session, useTRPC } from '../../api.ts';
import { ErrorText } from '../../components.tsx';
import { formats } from '../../format.ts';
import { QueryTable } from '../../query-table.tsx';

type Settings = Outputs['console']['achievements']['settings'];

function NewPointRule() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ event: '', points: 10, dailyCap: 5 });
  const create = useMutation(
    trpc.console.achievements.createPointRule.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.console.achievements.pointRules.queryKey() }),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ event: form.event, points: Number(form.points), dailyCap: Number(form.dailyCap) });
  };
  return (
    <form className="inline" onSubmit={submit}>
      <label>
        {t('achievements.form.event')}
        <input required value={form.event} onChange={(e) => setForm({ ...form, event: e.target.value })} />
      </label>
      <label>
        {t('achievements.form.points')}
        <input type="number" required min={1} value={form.points} onChange={(e) => setForm({ ...form, points: Number(e.target.value) })} />
      </label>
      <label>
        {t('achievements.actions.cap')}
        <input
          type="number"
          required
          min={1}
          max={100}
          value={form.dailyCap}
          onChange={(e) => setForm({ ...form, dailyCap: Number(e.target.value) })}
        />
      </label>
      <button type="submit" className="primary" disabled={create.isPending}>
        {t('achievements.actions.add')}
      </button>
      <ErrorText error={create.error} />
    </form>
  );
}

/** Points for actions: which trusted events pay, how much, how often a day. */
export function PointRulesSection({ session }: { session: Session }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rules = useQuery(trpc.console.achievements.pointRules.queryOptions());
  const retire = useMutation(
    trpc.console.achievements.retirePointRule.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.console.achievements.pointRules.queryKey() }),
    }),
  );
  const f = formats(i18n.language);
  return (
    <section aria-labelledby="point-rules">
      <h2 id="point-rules">{t('achievements.actions.title')}</h2>
      <p className="muted">{t('achievements.actions.intro')}</p>
      <ErrorText error={retire.error} />
      <QueryTable
        query={rules}
        caption={t('achievements.actions.title')}
        empty={t('achievements.actions.empty')}
        rowKey={(rule) => rule.id}
        columns={[
          { header: t('achievements.form.event'), rowHeader: true, cell: (rule) => <code>{rule.event}</code> },
          { header: t('achievements.form.points'), cell: (rule) => f.integer(rule.points) },
          { header: t('achievements.actions.cap'), cell: (rule) => f.integer(rule.dailyCap) },
          { header: t('achievements.badges.status'), cell: (rule) => t(`achievements.badges.${rule.status}`) },
          {
            header: t('achievements.badges.retire'),
            hidden: true,
            cell: (rule) =>
              session.can.manageAchievements &&
              rule.status === 'active' && (
                <button type="button" disabled={retire.isPending} onClick={() => retire.mutate({ id: rule.id })}>
                  {t('achievements.badges.retire')}
                </button>
              ),
          },
        ]}
      />
      {session.can.manageAchievements && <NewPointRule />}
    </section>
  );
}

function SettingsForm({ settings, canEdit }: { settings: Settings; canEdit: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({ ...settings, levelCurve: settings.levelCurve.join(', ') });
  const save = useMutation(
    trpc.console.achievements.saveSettings.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.console.achievements.settings.queryKey() }),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      ...draft,
      levelCurve: draft.levelCurve
        .split(/[,\s]+/)
        .filter(Boolean)
        .map(Number),
    });
  };
  return (
    <form onSubmit={submit}>
      <fieldset disabled={!canEdit}>
        <legend>{t('achievements.settings.title')}</legend>
        <label>
          {t('achievements.settings.streakEvent')}
          <input required value={draft.streakEvent} onChange={(e) => setDraft({ ...draft, streakEvent: e.target.value })} />
        </label>
        <label>
          {t('achievements.settings.cadence')}
          <select value={draft.streakCadence} onChange={(e) => setDraft({ ...draft, streakCadence: e.target.value as 'daily' | 'weekly' })}>
            <option value="daily">{t('achievements.settings.daily')}</option>
            <option value="weekly">{t('achievements.settings.weekly')}</option>
          </select>
        </label>
        <label>
          {t('achievements.settings.levels')}
          <input required value={draft.levelCurve} onChange={(e) => setDraft({ ...draft, levelCurve: e.target.value })} />
        </label>
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('achievements.settings.save')}
        </button>
      </fieldset>
      {save.isSuccess && <p role="status">{t('achievements.form.saved')}</p>}
      <ErrorText error={save.error} />
    </form>
  );
}

/** The streak's event and length, and the level curve. */
export function SettingsSection({ session }: { session: Session }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.console.achievements.settings.queryOptions());
  if (!settings.data) return <ErrorText error={settings.error} />;
  return <SettingsForm settings={settings.data} canEdit={session.can.manageAchievements} />;
}
