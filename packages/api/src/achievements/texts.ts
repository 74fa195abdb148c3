import type { LocalizedBadgeTexts } from '@flywheel/contracts/achievements';

export type Locale = 'en' | 'zh-CN';

/** `zh…` reads Simplified Chinese; everything else English. */
export const localeOf = (value: unknown): Locale => (typeof value === 'string' && value.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');

/** A badge's words in the locale, English where the marketer wrote no translation. */
export function badgeText(texts: LocalizedBadgeTexts, locale: Locale) {
  return (locale === 'zh-CN' ? texts['zh-CN'] : undefined) ?? texts.en;
}
