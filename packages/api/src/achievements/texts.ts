import type { LocalizedBadgeTexts } from '@flywheel/contracts/achievements';
import { type Locale, resolveLocale } from '@flywheel/contracts/widget';

/** The customer's language from their `locale` trait (any Chinese reads Simplified Chinese, anything else English). */
export const customerLocale = (traits: Record<string, unknown>): Locale =>
  resolveLocale(typeof traits.locale === 'string' ? traits.locale : null);

/** A badge's words in the locale, English where the marketer wrote no translation. */
export function badgeText(texts: LocalizedBadgeTexts, locale: Locale) {
  return (locale === 'zh-CN' ? texts['zh-CN'] : undefined) ?? texts.en;
}
