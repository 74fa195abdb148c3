import { inLocale, resolveLocale } from '@flywheel/contracts/widget';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Outputs, type Session, useTRPC } from '../../api.ts';
import { ErrorText } from '../../components.tsx';
import { formats } from '../../format.ts';
import { QueryTable } from '../../query-table.tsx';
import { BadgeForm, fromBrowsers } from './badge-form.tsx';

type Badge = Outputs['console']['achievements']['badges'][number];

function RuleText({ badge }: { badge: Badge }) {
  const { t } = useTranslation();
  const { goal, event } = badge.rule;
  return (
    <>
      {t('achievements.badges.ruleText', {
        goal: t(`achievements.badges.goal.${goal.kind}`, goal.kind === 'sum' ? { property: goal.property } : {}),
        event,
      })}
      <br />
      <span className="muted">{t(fromBrowsers(event) ? 'achievements.badges.untrusted' : 'achievements.badges.trusted')}</span>
    </>
  );
}

/** The tenant's badges with their rules and how many customers hold each; marketers create, edit, backfill and retire. */
export function BadgesSection({ session }: { session: Session }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const badges = useQuery(trpc.console.achievements.badges.queryOptions());
  const [editing, setEditing] = useState<Badge | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.console.achievements.badges.queryKey() });
  const retire = useMutation(trpc.console.achievements.retireBadge.mutationOptions({ onSuccess: refresh }));
  const backfill = useMutation(trpc.console.achievements.backfill.mutationOptions({ onSuccess: refresh }));
  const f = formats(i18n.language);
  const can = session.can.manageAchievements;
  return (
    <>
      <ErrorText error={retire.error ?? backfill.error} />
      {backfill.data && <p role="status">{t('achievements.badges.backfilled', backfill.data)}</p>}
      <QueryTable
        query={badges}
        caption={t('achievements.badges.caption')}
        empty={t('achievements.badges.empty')}
        rowKey={(badge) => badge.id}
        columns={[
          {
            header: t('achievements.badges.name'),
            rowHeader: true,
            cell: (badge) => (
              <>
                {inLocale(badge.texts, resolveLocale(i18n.language)).name}
                {badge.hidden && <span className="muted"> · {t('achievements.badges.hidden')}</span>}
              </>
            ),
          },
          { header: t('achievements.badges.rule'), cell: (badge) => <RuleText badge={badge} /> },
          {
            header: t('achievements.badges.tiers'),
            cell: (badge) =>
              badge.tiers
                .map((tier) => `${t(`achievements.form.tierNames.${tier.tier}`)}: ${f.integer(tier.threshold)} → ${f.integer(tier.points)}`)
                .join(', '),
          },
          { header: t('achievements.badges.awarded'), cell: (badge) => f.integer(badge.awarded) },
          { header: t('achievements.badges.status'), cell: (badge) => t(`achievements.badges.${badge.status}`) },
          {
            header: t('achievements.badges.actions'),
            hidden: true,
            cell: (badge) =>
              can &&
              badge.status === 'active' && (
                <div className="actions">
                  <button type="button" onClick={() => setEditing(badge)}>
                    {t('achievements.badges.edit')}
                  </button>
                  {badge.rule.goal.kind !== 'streak' && (
                    <button type="button" disabled={backfill.isPending} onClick={() => backfill.mutate({ id: badge.id })}>
                      {t('achievements.badges.backfill')}
                    </button>
                  )}
                  <button type="button" disabled={retire.isPending} onClick={() => retire.mutate({ id: badge.id })}>
                    {t('achievements.badges.retire')}
                  </button>
                </div>
              ),
          },
        ]}
      />
      {can && <BadgeForm key={editing?.id ?? 'new'} editing={editing} onDone={() => setEditing(null)} />}
    </>
  );
}
