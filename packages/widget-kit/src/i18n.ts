import { type Locale, resolveLocale } from '@flywheel/contracts/widget';
import { createInstance, type i18n } from 'i18next';
import kitEn from './messages/en.json';
import kitZh from './messages/zh-CN.json';

export type Messages = Record<Locale, Record<string, string>>;

/** The locale a widget renders in: its prop, then the page's `<html lang>`, then the browser's. */
export function pickLocale(requested: string | undefined): Locale {
  if (requested) return resolveLocale(requested);
  if (typeof document !== 'undefined' && document.documentElement.lang) return resolveLocale(document.documentElement.lang);
  return resolveLocale(typeof navigator === 'undefined' ? undefined : navigator.language);
}

/**
 * One i18next instance per widget and locale, initialised synchronously so the first render
 * already has its strings. Keys are flat (`referral.title`), so no key separator is needed.
 */
export function createWidgetI18n(messages: Messages, locale: Locale): i18n {
  const instance = createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: 'en',
    resources: {
      en: { translation: { ...kitEn, ...messages.en } },
      'zh-CN': { translation: { ...kitZh, ...messages['zh-CN'] } },
    },
    initAsync: false,
    keySeparator: false,
    interpolation: { escapeValue: false },
  });
  return instance;
}
