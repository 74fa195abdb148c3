import { type Locale, resolveLocale } from '@flywheel/contracts/widget';

/** The customer's language from their `locale` trait (any Chinese reads Simplified Chinese, anything else English). */
export const customerLocale = (traits: Record<string, unknown>): Locale =>
  resolveLocale(typeof traits.locale === 'string' ? traits.locale : null);
