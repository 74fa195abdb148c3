import { useTranslation } from 'react-i18next';
import type { Session } from '../../api.ts';
import { hrefFor } from '../../routes.ts';
import { BadgesSection } from './badges.tsx';
import { CatalogueSection } from './catalogue.tsx';
import { LedgerSection } from './ledger.tsx';
import { PointRulesSection, SettingsSection } from './rules.tsx';

const SECTIONS = ['badges', 'catalogue', 'ledger'] as const;

/** `#/achievements[/catalogue|/ledger[/<customer>]]`: badges and rules, the points bank, a customer's ledger. */
export function AchievementsPage({ session, path }: { session: Session; path: string[] }) {
  const { t } = useTranslation();
  const section = SECTIONS.find((s) => s === path[0]) ?? 'badges';
  return (
    <>
      <h1>{t('achievements.title')}</h1>
      <p className="muted">{t('achievements.intro')}</p>
      <nav aria-label={t('achievements.title')} className="actions">
        {SECTIONS.map((s) => (
          <a key={s} href={hrefFor('achievements', ...(s === 'badges' ? [] : [s]))} aria-current={s === section ? 'page' : undefined}>
            {t(`achievements.tabs.${s}`)}
          </a>
        ))}
      </nav>
      {section === 'badges' && (
        <>
          <BadgesSection session={session} />
          <PointRulesSection session={session} />
          <SettingsSection session={session} />
        </>
      )}
      {section === 'catalogue' && <CatalogueSection session={session} />}
      {section === 'ledger' && <LedgerSection session={session} customer={path[1]} />}
    </>
  );
}
