import { TERMS_MAX_LENGTH } from '@flywheel/contracts/referral';
import type { RewardSpec } from '@flywheel/contracts/rewards';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Inputs, type Outputs, useTRPC } from '../../api.ts';
import { ErrorText, Loading } from '../../components.tsx';
import { formats } from '../../format.ts';

type Program = NonNullable<Outputs['console']['referrals']['program']>;
type RewardType = RewardSpec['type'];

/** A new reward of a kind, with sensible starting values. */
const fresh: Record<RewardType, RewardSpec> = {
  points: { type: 'points', amount: 500 },
  credit: { type: 'credit', amount: 20, currency: 'USD' },
  coupon: { type: 'coupon', pool: [] },
  webhook: { type: 'webhook', url: 'https://', label: '' },
};

/** Codes from a pasted list or an uploaded file: one per line or comma, blanks and repeats dropped. */
const codesIn = (text: string) => [...new Set(text.split(/[\s,;]+/).filter(Boolean))];

/** A required whole or decimal number in its bounds; the browser says what is wrong, in the marketer's language. */
function NumberField(props: { label: string; min: number; max: number; step: number; value: number; onChange: (value: number) => void }) {
  return (
    <label>
      {props.label}
      <input
        type="number"
        min={props.min}
        max={props.max}
        step={props.step}
        required
        value={props.value}
        onChange={(e) => props.onChange(e.target.valueAsNumber)}
      />
    </label>
  );
}

/** One side's reward: points, credit, a coupon pool (pasted or uploaded) or a reward the tenant's webhook fulfils. */
function RewardFields({
  legend,
  value,
  couponsLeft,
  onChange,
}: {
  legend: string;
  value: RewardSpec;
  couponsLeft?: number | null;
  onChange: (reward: RewardSpec) => void;
}) {
  const { t, i18n } = useTranslation();
  const f = formats(i18n.language);
  const hint = useId();
  return (
    <fieldset>
      <legend>{legend}</legend>
      <label>
        {t('referrals.program.kind')}
        <select value={value.type} onChange={(e) => onChange(fresh[e.target.value as RewardType])}>
          {(Object.keys(fresh) as RewardType[]).map((type) => (
            <option key={type} value={type}>
              {t(`referrals.program.kinds.${type}`)}
            </option>
          ))}
        </select>
      </label>
      {value.type === 'points' && (
        <NumberField
          label={t('referrals.program.points')}
          min={1}
          max={1_000_000}
          step={1}
          value={value.amount}
          onChange={(n) => onChange({ ...value, amount: n })}
        />
      )}
      {value.type === 'credit' && (
        <>
          <NumberField
            label={t('referrals.program.amount')}
            min={0.01}
            max={100_000}
            step={0.01}
            value={value.amount}
            onChange={(n) => onChange({ ...value, amount: n })}
          />
          <label>
            {t('referrals.program.currency')}
            <input
              type="text"
              pattern="[A-Z]{3}"
              maxLength={3}
              required
              value={value.currency}
              onChange={(e) => onChange({ ...value, currency: e.target.value.toUpperCase() })}
            />
          </label>
        </>
      )}
      {value.type === 'coupon' && (
        <>
          <label>
            {t('referrals.program.codes')}
            <textarea
              rows={4}
              aria-describedby={hint}
              value={value.pool.join('\n')}
              onChange={(e) => onChange({ ...value, pool: codesIn(e.target.value) })}
            />
          </label>
          <label>
            {t('referrals.program.upload')}
            <input
              type="file"
              accept=".txt,.csv,text/plain,text/csv"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (file) onChange({ ...value, pool: codesIn(`${value.pool.join('\n')}\n${await file.text()}`) });
              }}
            />
          </label>
          <p id={hint} className="muted">
            {t('referrals.program.codeCount', { count: value.pool.length, codes: f.integer(value.pool.length) })}
            {couponsLeft !== undefined && couponsLeft !== null && ` ${t('referrals.program.left', { left: f.integer(couponsLeft) })}`}
          </p>
        </>
      )}
      {value.type === 'webhook' && (
        <>
          <label>
            {t('referrals.program.label')}
            <input
              type="text"
              required
              maxLength={120}
              value={value.label}
              onChange={(e) => onChange({ ...value, label: e.target.value })}
            />
          </label>
          <label>
            {t('referrals.program.webhookUrl')}
            <input type="url" required value={value.url} onChange={(e) => onChange({ ...value, url: e.target.value })} />
          </label>
        </>
      )}
    </fieldset>
  );
}

/** What changed, by whom: the program's audit trail. */
function Changes() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const changes = useQuery(trpc.console.referrals.programChanges.queryOptions());
  const f = formats(i18n.language);
  if (changes.isPending) return <Loading />;
  if (changes.error) return <ErrorText error={changes.error} />;
  return (
    <section aria-labelledby="program-changes">
      <h3 id="program-changes">{t('referrals.program.changes')}</h3>
      {changes.data.length === 0 ? (
        <p className="muted">{t('referrals.program.noChanges')}</p>
      ) : (
        <ul>
          {changes.data.map((change) => (
            <li key={change.id}>
              {t('referrals.program.changed', {
                when: f.dateTime(change.at),
                who: change.by ?? t('referrals.program.someone'),
                what: f.list(change.fields.map((field) => t(`referrals.program.fields.${field}`, { defaultValue: field }))),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type Condition = Inputs['console']['referrals']['updateProgram']['qualifyingCondition'];

/** The condition as typed: blank is none; otherwise a JSON object (GrowthBook's condition syntax). */
function parseCondition(text: string): { value: Condition; error: boolean } {
  if (!text.trim()) return { value: null, error: false };
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return { value: value as Condition, error: false };
  } catch {
    // falls through: not JSON
  }
  return { value: null, error: true };
}

/** The form's labels for the paths the server names in a validation problem (`milestones.0.reward.amount`). */
const LABELS: Record<string, string> = {
  referrerReward: 'referrerReward',
  friendReward: 'friendReward',
  qualifyingEvent: 'qualifyingEvent',
  qualifyingCondition: 'qualifyingCondition',
  reversalEvent: 'reversalEvent',
  holdHours: 'holdHours',
  monthlyCap: 'monthlyCap',
  landingUrl: 'landingUrl',
  milestones: 'milestones',
  terms: 'terms',
  amount: 'amount',
  currency: 'currency',
  pool: 'codes',
  url: 'webhookUrl',
  label: 'label',
  friends: 'friends',
};

function ProgramForm({ program, canEdit }: { program: Program; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const fieldLabel = (path: string) => {
    const parts = path.split('.').filter((part) => !/^\d+$/.test(part));
    const known = parts.flatMap((part) =>
      part === 'en' || part === 'zh-CN'
        ? [t(`referrals.program.termsIn.${part}`)]
        : LABELS[part]
          ? [t(`referrals.program.${LABELS[part]}`)]
          : [],
    );
    return known.length ? known.join(' › ') : undefined;
  };
  const f = formats(i18n.language);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(program);
  // The condition is GrowthBook's JSON, edited as text: it is parsed on every keystroke and saved only when it parses.
  const [conditionText, setConditionText] = useState(() =>
    program.qualifyingCondition ? JSON.stringify(program.qualifyingCondition, null, 2) : '',
  );
  const save = useMutation(
    trpc.console.referrals.updateProgram.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.console.referrals.program.queryKey(), saved);
        if (saved) setDraft(saved);
        void queryClient.invalidateQueries({ queryKey: trpc.console.referrals.programChanges.queryKey() });
      },
    }),
  );
  const condition = parseCondition(conditionText);
  const onSave = (event: FormEvent) => {
    event.preventDefault();
    if (condition.error) return;
    const { referrerReward, friendReward, qualifyingEvent, reversalEvent, holdHours, monthlyCap, milestones, landingUrl, terms, paused } =
      draft;
    save.mutate({
      referrerReward,
      friendReward,
      qualifyingEvent,
      qualifyingCondition: condition.value,
      reversalEvent,
      holdHours,
      monthlyCap,
      milestones,
      landingUrl,
      // Terms both blank: the program has none.
      terms: terms && (terms.en.trim() || terms['zh-CN'].trim()) ? terms : null,
      paused,
    });
  };
  const terms = draft.terms ?? { en: '', 'zh-CN': '' };
  const hasTerms = Boolean(terms.en.trim() || terms['zh-CN'].trim());
  const set = <K extends keyof Program>(key: K, value: Program[K]) => setDraft((current) => ({ ...current, [key]: value }));
  return (
    <form onSubmit={onSave} className="program">
      <fieldset disabled={!canEdit}>
        <RewardFields
          legend={t('referrals.program.referrerReward')}
          value={draft.referrerReward}
          couponsLeft={program.couponsLeft.referrer}
          onChange={(reward) => set('referrerReward', reward)}
        />
        <RewardFields
          legend={t('referrals.program.friendReward')}
          value={draft.friendReward}
          couponsLeft={program.couponsLeft.friend}
          onChange={(reward) => set('friendReward', reward)}
        />
        <fieldset>
          <legend>{t('referrals.program.rules')}</legend>
          <label>
            {t('referrals.program.qualifyingEvent')}
            <input
              type="text"
              required
              maxLength={200}
              value={draft.qualifyingEvent}
              onChange={(e) => set('qualifyingEvent', e.target.value)}
            />
          </label>
          <label>
            {t('referrals.program.qualifyingCondition')}
            <textarea
              rows={3}
              spellCheck={false}
              placeholder='{ "plan": { "$ne": "free" } }'
              value={conditionText}
              aria-invalid={condition.error ? true : undefined}
              aria-describedby="condition-help"
              onChange={(e) => setConditionText(e.target.value)}
            />
          </label>
          <p id="condition-help" className={condition.error ? undefined : 'muted'} role={condition.error ? 'alert' : undefined}>
            {condition.error ? t('referrals.program.conditionInvalid') : t('referrals.program.conditionHelp')}
          </p>
          <label>
            {t('referrals.program.reversalEvent')}
            <input
              type="text"
              required
              maxLength={200}
              value={draft.reversalEvent}
              onChange={(e) => set('reversalEvent', e.target.value)}
            />
          </label>
          <NumberField
            label={t('referrals.program.holdHours')}
            min={0}
            max={24 * 90}
            step={1}
            value={draft.holdHours}
            onChange={(n) => set('holdHours', n)}
          />
          <NumberField
            label={t('referrals.program.monthlyCap')}
            min={1}
            max={10_000}
            step={1}
            value={draft.monthlyCap}
            onChange={(n) => set('monthlyCap', n)}
          />
          <label>
            {t('referrals.program.landingUrl')}
            <input type="url" required value={draft.landingUrl} onChange={(e) => set('landingUrl', e.target.value)} />
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('referrals.program.milestones')}</legend>
          {draft.milestones.length === 0 && <p className="muted">{t('referrals.program.noMilestones')}</p>}
          {draft.milestones.map((milestone, index) => (
            // Milestones have no id of their own: their position is their identity while editing.
            <div key={index} className="inline">
              <NumberField
                label={t('referrals.program.friends')}
                min={1}
                max={1000}
                step={1}
                value={milestone.friends}
                onChange={(n) =>
                  set(
                    'milestones',
                    draft.milestones.map((m, i) => (i === index ? { ...m, friends: n } : m)),
                  )
                }
              />
              <RewardFields
                legend={t('referrals.program.milestoneReward', { friends: milestone.friends })}
                value={milestone.reward}
                onChange={(reward) =>
                  set(
                    'milestones',
                    draft.milestones.map((m, i) => (i === index ? { ...m, reward } : m)),
                  )
                }
              />
              <button
                type="button"
                onClick={() =>
                  set(
                    'milestones',
                    draft.milestones.filter((_, i) => i !== index),
                  )
                }
              >
                {t('referrals.program.removeMilestone', { friends: milestone.friends })}
              </button>
            </div>
          ))}
          {draft.milestones.length < 10 && (
            <button
              type="button"
              onClick={() =>
                set('milestones', [...draft.milestones, { friends: (draft.milestones.at(-1)?.friends ?? 0) + 5, reward: fresh.points }])
              }
            >
              {t('referrals.program.addMilestone')}
            </button>
          )}
        </fieldset>
        <fieldset>
          <legend>{t('referrals.program.terms')}</legend>
          <p className="muted">{t('referrals.program.termsHint')}</p>
          {(['en', 'zh-CN'] as const).map((language) => (
            <label key={language}>
              {t(`referrals.program.termsIn.${language}`)}
              <textarea
                rows={4}
                maxLength={TERMS_MAX_LENGTH}
                // Customers read the terms in their language: once one is written, both are needed.
                required={hasTerms}
                value={terms[language]}
                onChange={(e) => set('terms', { ...terms, [language]: e.target.value })}
              />
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('referrals.program.status')}</legend>
          <label className="check">
            <input type="checkbox" checked={draft.paused} onChange={(e) => set('paused', e.target.checked)} />
            {t('referrals.program.paused')}
          </label>
          {program.pausedAt && (
            <p className="muted">{t('referrals.program.pausedSince', { when: f.dateTime(String(program.pausedAt)) })}</p>
          )}
        </fieldset>
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('referrals.program.save')}
        </button>
        {save.isSuccess && <p role="status">{t('referrals.program.saved')}</p>}
        <ErrorText error={save.error} fields={fieldLabel} />
      </fieldset>
    </form>
  );
}

/** The referral program as marketers set it: rewards, rules, milestones, and its history. */
export function ProgramSettings({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const program = useQuery(trpc.console.referrals.program.queryOptions());
  return (
    <section aria-labelledby="referral-program">
      <h2 id="referral-program">{t('referrals.program.title')}</h2>
      <p className="muted">{canEdit ? t('referrals.program.intro') : t('referrals.program.readOnly')}</p>
      {program.isPending ? (
        <Loading />
      ) : program.error ? (
        <ErrorText error={program.error} />
      ) : !program.data ? (
        <p>{t('referrals.program.none')}</p>
      ) : (
        // The form keeps its draft while open: a refetch does not overwrite what the marketer is typing.
        <ProgramForm program={program.data} canEdit={canEdit} />
      )}
      <Changes />
    </section>
  );
}
