import type { PlanTemplateInput } from '@flywheel/contracts/success-plan';
import { inLocale, resolveLocale } from '@flywheel/contracts/widget';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Outputs, type Session, useTRPC } from '../../api.ts';
import { ErrorText } from '../../components.tsx';
import { formats } from '../../format.ts';
import { QueryTable } from '../../query-table.tsx';
import { hrefFor } from '../../routes.ts';
import { AlertsSection, CustomerHealth, HealthSection } from './health.tsx';
import { NpsSection } from './nps.tsx';
import { SettingsSection } from './settings.tsx';

type Template = Outputs['console']['successPlan']['templates'][number];

const definitionOf = (t: Template): PlanTemplateInput => ({
  slug: t.slug,
  texts: t.texts,
  ...(t.audience ? { audience: t.audience as PlanTemplateInput['audience'] } : {}),
  priority: t.priority,
  phases: t.phases,
  milestones: t.milestones,
  tasks: t.tasks,
});

function TemplateEditor({ editing, canEdit }: { editing: Template | null; canEdit: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [source, setSource] = useState(editing ? JSON.stringify(definitionOf(editing), null, 2) : '');
  const [invalid, setInvalid] = useState(false);
  const save = useMutation(
    trpc.console.successPlan.saveTemplate.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.console.successPlan.templates.queryKey() }),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    try {
      const input = JSON.parse(source) as PlanTemplateInput;
      setInvalid(false);
      save.mutate(input);
    } catch {
      setInvalid(true);
    }
  };
  return (
    <form onSubmit={submit}>
      <fieldset disabled={!canEdit}>
        <legend>{t('success-plan.editor')}</legend>
        <p className="muted">{t('success-plan.editorHelp')}</p>
        <textarea
          aria-label={t('success-plan.editor')}
          rows={16}
          cols={90}
          value={source}
          onChange={(e) => setSource(e.target.value)}
          spellCheck={false}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('success-plan.save')}
          </button>
        </div>
      </fieldset>
      {invalid && <p role="alert">{t('success-plan.invalidJson')}</p>}
      {save.isSuccess && <p role="status">{t('success-plan.saved')}</p>}
      <ErrorText error={save.error} />
    </form>
  );
}

function AudiencePreview() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [sample, setSample] = useState({ plan: 'free', tier: 'new', locale: 'en' as 'en' | 'zh-CN' });
  const preview = useQuery(trpc.console.successPlan.previewAudience.queryOptions(sample));
  return (
    <fieldset className="inline">
      <legend>{t('success-plan.preview')}</legend>
      <label>
        {t('success-plan.plan')}
        <input value={sample.plan} onChange={(e) => setSample({ ...sample, plan: e.target.value })} />
      </label>
      <label>
        {t('success-plan.tier')}
        <input value={sample.tier} onChange={(e) => setSample({ ...sample, tier: e.target.value })} />
      </label>
      <label>
        {t('success-plan.locale')}
        <select value={sample.locale} onChange={(e) => setSample({ ...sample, locale: e.target.value as 'en' | 'zh-CN' })}>
          <option value="en">English</option>
          <option value="zh-CN">简体中文</option>
        </select>
      </label>
      <output>
        {preview.data
          ? preview.data.template
            ? t('success-plan.gets', { template: preview.data.template })
            : t('success-plan.getsNone')
          : ''}
      </output>
    </fieldset>
  );
}

const SECTIONS = ['templates', 'health', 'alerts', 'nps', 'settings'] as const;

/** `#/success-plan[/health|/customer/<id>|/alerts|/nps|/settings]`: templates and plans, customers by health, risk alerts, NPS, the health model. */
export function SuccessPlanPage({ session, path }: { session: Session; path: string[] }) {
  const { t } = useTranslation();
  const section = path[0] === 'customer' ? 'health' : (SECTIONS.find((s) => s === path[0]) ?? 'templates');
  return (
    <>
      <h1>{t('success-plan.title')}</h1>
      <p className="muted">{t('success-plan.intro')}</p>
      <nav aria-label={t('success-plan.title')} className="actions">
        {SECTIONS.map((s) => (
          <a key={s} href={hrefFor('success-plan', ...(s === 'templates' ? [] : [s]))} aria-current={s === section ? 'page' : undefined}>
            {t(`success-plan.tabs.${s}`)}
          </a>
        ))}
      </nav>
      {section === 'templates' && <TemplatesSection session={session} />}
      {section === 'health' && (path[1] ? <CustomerHealth customer={path[1]} /> : <HealthSection />)}
      {section === 'alerts' && <AlertsSection session={session} />}
      {section === 'nps' && <NpsSection />}
      {section === 'settings' && <SettingsSection session={session} />}
    </>
  );
}

/** Templates (with their audiences), which template a sample customer gets, and who is on which plan. */
function TemplatesSection({ session }: { session: Session }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const templates = useQuery(trpc.console.successPlan.templates.queryOptions());
  const plans = useQuery(trpc.console.successPlan.plans.queryOptions());
  const [editing, setEditing] = useState<Template | null>(null);
  const retire = useMutation(
    trpc.console.successPlan.retireTemplate.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.console.successPlan.templates.queryKey() }),
    }),
  );
  const f = formats(i18n.language);
  const canEdit = session.can.managePlans;
  const nameOf = (template: Template) => inLocale(template.texts, resolveLocale(i18n.language)).name;
  return (
    <>
      <h2>{t('success-plan.templates')}</h2>
      <ErrorText error={retire.error} />
      <QueryTable
        query={templates}
        caption={t('success-plan.templates')}
        empty={t('success-plan.templatesEmpty')}
        rowKey={(template) => template.id}
        columns={[
          { header: t('success-plan.name'), rowHeader: true, cell: (template) => nameOf(template) },
          {
            header: t('success-plan.audience'),
            cell: (template) => (template.audience ? <code>{JSON.stringify(template.audience)}</code> : t('success-plan.everyone')),
          },
          {
            header: t('success-plan.contents'),
            cell: (template) => `${template.phases.length} · ${template.milestones.length} · ${template.tasks.length}`,
          },
          { header: t('success-plan.priority'), cell: (template) => template.priority },
          { header: t('success-plan.status'), cell: (template) => t(`success-plan.${template.status}`) },
          {
            header: t('success-plan.edit'),
            hidden: true,
            cell: (template) =>
              canEdit &&
              template.status === 'active' && (
                <div className="actions">
                  <button type="button" onClick={() => setEditing(template)}>
                    {t('success-plan.edit')}
                  </button>
                  <button type="button" disabled={retire.isPending} onClick={() => retire.mutate({ id: template.id })}>
                    {t('success-plan.retire')}
                  </button>
                </div>
              ),
          },
        ]}
      />
      <AudiencePreview />
      {canEdit && <TemplateEditor key={editing?.id ?? 'new'} editing={editing} canEdit={canEdit} />}
      <h2>{t('success-plan.plans')}</h2>
      <QueryTable
        query={plans}
        caption={t('success-plan.plans')}
        empty={t('success-plan.plansEmpty')}
        rowKey={(plan) => plan.id}
        columns={[
          { header: t('success-plan.customer'), rowHeader: true, cell: (plan) => plan.name ?? plan.customer },
          { header: t('success-plan.name'), cell: (plan) => plan.template },
          { header: t('success-plan.started'), cell: (plan) => f.date(plan.startedOn) },
          { header: t('success-plan.milestonesDone'), cell: (plan) => f.integer(plan.milestonesDone) },
        ]}
      />
    </>
  );
}
