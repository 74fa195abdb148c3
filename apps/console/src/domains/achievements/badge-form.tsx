import { BADGE_SHAPES, BADGE_TIERS, type BadgeInput } from '@flywheel/contracts/achievements';
import { catalogueEntry, eventCatalogue } from '@flywheel/contracts/event-catalogue';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Outputs, useTRPC } from '../../api.ts';
import { ErrorText } from '../../components.tsx';

type Badge = Outputs['console']['achievements']['badges'][number];
type Goal = BadgeInput['rule']['goal'];

/** Whether events of this name can come from a browser: those earn badges, never spendable points. */
export const fromBrowsers = (event: string) =>
  event === '$page' || (catalogueEntry(event)?.senders as readonly string[] | undefined)?.includes('widget') === true;

const blank: BadgeInput = {
  slug: '',
  texts: { en: { name: '', description: '', criteria: '' } },
  design: { kind: 'builtin', shape: 'medal', color: '#4338ca' },
  hidden: false,
  rule: { event: '', goal: { kind: 'count' }, creditTo: 'actor' },
  tiers: [{ tier: 'standard', threshold: 1, points: 0 }],
};

/** The definition of a saved badge, as the form edits it. */
export const definitionOf = (badge: Badge): BadgeInput => ({
  slug: badge.slug,
  texts: badge.texts,
  design: badge.design,
  hidden: badge.hidden,
  rule: badge.rule,
  tiers: badge.tiers,
});

/** Creates or edits a badge: words in both languages, design, rule, tiers; a dry run before saving. */
export function BadgeForm({ editing, onDone }: { editing: Badge | null; onDone: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [draft, setDraft] = useState<BadgeInput>(editing ? definitionOf(editing) : blank);
  const [condition, setCondition] = useState(editing?.rule.condition ? JSON.stringify(editing.rule.condition) : '');
  const [conditionError, setConditionError] = useState(false);
  const saved = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.console.achievements.badges.queryKey() });
    onDone();
  };
  const create = useMutation(trpc.console.achievements.createBadge.mutationOptions({ onSuccess: saved }));
  const update = useMutation(trpc.console.achievements.updateBadge.mutationOptions({ onSuccess: saved }));
  const dryRun = useMutation(trpc.console.achievements.dryRun.mutationOptions());

  const set = (change: (d: BadgeInput) => BadgeInput) => setDraft((d) => change(structuredClone(d)));
  const zh = draft.texts['zh-CN'] ?? { name: '', description: '', criteria: '' };
  const text = (lang: 'en' | 'zh-CN', field: 'name' | 'description' | 'criteria', value: string) =>
    set((d) => {
      d.texts[lang] = { ...(lang === 'en' ? d.texts.en : zh), [field]: value };
      return d;
    });

  /** The draft as the server takes it: the condition parsed, an untouched translation left out. */
  const definition = (): BadgeInput | null => {
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = condition.trim() ? (JSON.parse(condition) as Record<string, unknown>) : undefined;
    } catch {
      setConditionError(true);
      return null;
    }
    setConditionError(false);
    const { condition: _old, ...rule } = draft.rule;
    const hasZh = Object.values(zh).some((v) => v.trim());
    const { 'zh-CN': _zh, ...en } = draft.texts;
    return { ...draft, texts: hasZh ? { ...en, 'zh-CN': zh } : en, rule: parsed ? { ...rule, condition: parsed as never } : rule };
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = definition();
    if (!input) return;
    if (editing) update.mutate({ id: editing.id, badge: input });
    else create.mutate(input);
  };
  const goal = draft.rule.goal;
  const setGoal = (next: Goal) =>
    set((d) => {
      d.rule.goal = next;
      return d;
    });
  const events = [...Object.keys(eventCatalogue), '$page'].sort();

  return (
    <form onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {editing ? t('achievements.form.editing', { name: editing.texts.en.name }) : t('achievements.form.create')}
      </h2>
      <fieldset>
        <legend>{t('achievements.badges.name')}</legend>
        <label>
          {t('achievements.form.slug')}
          <input
            required
            value={draft.slug}
            pattern="[a-z0-9][a-z0-9-]{1,47}"
            onChange={(e) => set((d) => ({ ...d, slug: e.target.value }))}
          />
        </label>
        {(['en', 'zh-CN'] as const).map((lang) =>
          (['name', 'description', 'criteria'] as const).map((field) => (
            <label key={`${lang}-${field}`}>
              {t(`achievements.form.${field}${lang === 'en' ? 'En' : 'Zh'}`)}
              <input
                required={lang === 'en'}
                maxLength={field === 'name' ? 80 : 300}
                value={(lang === 'en' ? draft.texts.en : zh)[field]}
                onChange={(e) => text(lang, field, e.target.value)}
              />
            </label>
          )),
        )}
      </fieldset>
      <fieldset>
        <legend>{t('achievements.form.design')}</legend>
        <label>
          {t('achievements.form.shape')}
          <select
            value={draft.design.kind === 'builtin' ? draft.design.shape : 'medal'}
            onChange={(e) =>
              set((d) => ({
                ...d,
                design: {
                  kind: 'builtin',
                  shape: e.target.value as 'medal',
                  color: d.design.kind === 'builtin' ? d.design.color : '#4338ca',
                },
              }))
            }
          >
            {BADGE_SHAPES.map((shape) => (
              <option key={shape} value={shape}>
                {t(`achievements.form.shapes.${shape}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('achievements.form.color')}
          <input
            type="color"
            value={draft.design.kind === 'builtin' ? draft.design.color : '#4338ca'}
            onChange={(e) =>
              set((d) => ({
                ...d,
                design: { kind: 'builtin', shape: d.design.kind === 'builtin' ? d.design.shape : 'medal', color: e.target.value },
              }))
            }
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={draft.hidden} onChange={(e) => set((d) => ({ ...d, hidden: e.target.checked }))} />
          {t('achievements.form.hidden')}
        </label>
      </fieldset>
      <fieldset>
        <legend>{t('achievements.form.rule')}</legend>
        <label>
          {t('achievements.form.event')}
          <input
            required
            list={`${id}-events`}
            value={draft.rule.event}
            onChange={(e) =>
              set((d) => {
                d.rule.event = e.target.value;
                return d;
              })
            }
          />
          <datalist id={`${id}-events`}>
            {events.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </label>
        {draft.rule.event && (
          <p className="muted">{t(fromBrowsers(draft.rule.event) ? 'achievements.badges.untrusted' : 'achievements.badges.trusted')}</p>
        )}
        <label>
          {t('achievements.form.condition')}
          <input
            value={condition}
            onChange={(e) => setCondition(e.target.value)}
            aria-invalid={conditionError}
            placeholder='{"plan": "enterprise"}'
          />
        </label>
        {conditionError && <p role="alert">{t('achievements.form.conditionInvalid')}</p>}
        <label>
          {t('achievements.form.goal')}
          <select
            value={goal.kind}
            onChange={(e) => {
              const kind = e.target.value as Goal['kind'];
              setGoal(kind === 'sum' ? { kind, property: 'amount' } : { kind });
            }}
          >
            {(['count', 'sum', 'first', 'streak'] as const).map((kind) => (
              <option key={kind} value={kind}>
                {t(`achievements.form.goals.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        {goal.kind === 'count' && (
          <label>
            {t('achievements.form.withinDays')}
            <input
              type="number"
              min={1}
              max={365}
              value={goal.withinDays ?? ''}
              onChange={(e) => setGoal(e.target.value ? { kind: 'count', withinDays: Number(e.target.value) } : { kind: 'count' })}
            />
          </label>
        )}
        {goal.kind === 'sum' && (
          <label>
            {t('achievements.form.property')}
            <input required value={goal.property} onChange={(e) => setGoal({ kind: 'sum', property: e.target.value })} />
          </label>
        )}
        <label>
          {t('achievements.form.creditTo')}
          <select
            value={draft.rule.creditTo}
            onChange={(e) =>
              set((d) => {
                d.rule.creditTo = e.target.value as 'actor' | 'referrer';
                return d;
              })
            }
          >
            {(['actor', 'referrer'] as const).map((who) => (
              <option key={who} value={who}>
                {t(`achievements.form.credits.${who}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('achievements.form.undoneBy')}
          <input
            list={`${id}-events`}
            value={draft.rule.undoneBy?.event ?? ''}
            onChange={(e) =>
              set((d) => {
                if (e.target.value) d.rule.undoneBy = { event: e.target.value, matchOn: d.rule.undoneBy?.matchOn ?? 'referral_id' };
                else delete d.rule.undoneBy;
                return d;
              })
            }
          />
        </label>
        {draft.rule.undoneBy && (
          <label>
            {t('achievements.form.matchOn')}
            <input
              required
              value={draft.rule.undoneBy.matchOn}
              onChange={(e) =>
                set((d) => {
                  if (d.rule.undoneBy) d.rule.undoneBy.matchOn = e.target.value;
                  return d;
                })
              }
            />
          </label>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('achievements.form.tiers')}</legend>
        {draft.tiers.map((tier, i) => (
          <div className="rule" key={tier.tier}>
            <label>
              {t('achievements.form.tier')}
              <select
                value={tier.tier}
                onChange={(e) =>
                  set((d) => {
                    (d.tiers[i] as (typeof d.tiers)[number]).tier = e.target.value as (typeof BADGE_TIERS)[number];
                    return d;
                  })
                }
              >
                {BADGE_TIERS.map((name) => (
                  <option key={name} value={name}>
                    {t(`achievements.form.tierNames.${name}`)}
                  </option>
                ))}
              </select>
            </label>
            {(['threshold', 'points'] as const).map((field) => (
              <label key={field}>
                {t(`achievements.form.${field}`)}
                <input
                  type="number"
                  required
                  min={field === 'threshold' ? 1 : 0}
                  value={tier[field]}
                  onChange={(e) =>
                    set((d) => {
                      (d.tiers[i] as (typeof d.tiers)[number])[field] = Number(e.target.value);
                      return d;
                    })
                  }
                />
              </label>
            ))}
            {draft.tiers.length > 1 && (
              <button type="button" onClick={() => set((d) => ({ ...d, tiers: d.tiers.filter((_, j) => j !== i) }))}>
                {t('achievements.form.removeTier')}
              </button>
            )}
          </div>
        ))}
        {draft.tiers.length < 3 && (
          <button
            type="button"
            onClick={() =>
              set((d) => {
                const used = new Set(d.tiers.map((x) => x.tier));
                const tier = BADGE_TIERS.find((name) => name !== 'standard' && !used.has(name)) ?? 'gold';
                d.tiers.push({ tier, threshold: (d.tiers[d.tiers.length - 1]?.threshold ?? 0) * 2 || 1, points: 0 });
                return d;
              })
            }
          >
            {t('achievements.form.addTier')}
          </button>
        )}
      </fieldset>
      <div className="actions">
        <button
          type="button"
          disabled={dryRun.isPending}
          onClick={() => {
            const input = definition();
            if (input) dryRun.mutate(input);
          }}
        >
          {t('achievements.form.dryRun')}
        </button>
        <button type="submit" className="primary" disabled={create.isPending || update.isPending}>
          {editing ? t('achievements.form.update') : t('achievements.form.save')}
        </button>
        {editing && (
          <button type="button" onClick={onDone}>
            {t('achievements.form.cancel')}
          </button>
        )}
      </div>
      {dryRun.data && (
        <p role="status">
          {t('achievements.form.dryRunResult', { customers: dryRun.data.customers, events: dryRun.data.events, days: dryRun.data.days })}
        </p>
      )}
      <ErrorText error={dryRun.error ?? create.error ?? update.error} />
    </form>
  );
}
