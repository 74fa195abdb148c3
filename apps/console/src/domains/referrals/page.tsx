import { useTranslation } from 'react-i18next';
import type { Session } from '../../api.ts';
import { hrefFor } from '../../routes.ts';
import { ReferralAnalytics } from './analytics.tsx';
import { ReferralList } from './list.tsx';
import { ProgramSettings } from './program.tsx';

const SECTIONS = ['analytics', 'all', 'review', 'decided', 'program'] as const;
type Section = (typeof SECTIONS)[number];

/** `#/referrals[/all|/review|/decided|/program]`: the dashboard, every referral, the review queue, decisions made, the program. */
export function ReferralsPage({ session, path }: { session: Session; path: string[] }) {
  const { t } = useTranslation();
  const section: Section = SECTIONS.find((s) => s === path[0]) ?? 'analytics';
  return (
    <>
      <h1>{t('referrals.title')}</h1>
      <nav aria-label={t('referrals.title')} className="actions">
        {SECTIONS.map((s) => (
          <a key={s} href={hrefFor('referrals', ...(s === 'analytics' ? [] : [s]))} aria-current={s === section ? 'page' : undefined}>
            {t(`referrals.tabs.${s}`)}
          </a>
        ))}
      </nav>
      {section === 'program' ? (
        <ProgramSettings canEdit={session.can.editReferralProgram} />
      ) : !session.can.readReferrals ? (
        <p>{t('referrals.forbidden')}</p>
      ) : section === 'analytics' ? (
        <ReferralAnalytics />
      ) : (
        <>
          <h2>{t(`referrals.views.${section === 'review' ? 'held' : section}`)}</h2>
          {section === 'review' && <p className="muted">{t('referrals.intro')}</p>}
          {/* A view per section: switching keeps no filter or selection from another. */}
          <ReferralList key={section} view={section === 'review' ? 'held' : section} canReview={session.can.reviewReferrals} />
        </>
      )}
    </>
  );
}
