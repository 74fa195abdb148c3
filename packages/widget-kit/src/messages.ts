import type { Locale } from '@flywheel/contracts/widget';
import { useTranslation } from 'react-i18next';
import type kitEn from './messages/en.json';

/** A widget's strings: English is the reference, every other locale has exactly its keys. */
export type MessageCatalogue<En extends Record<string, string>> = { en: En } & Record<Exclude<Locale, 'en'>, Record<keyof En, string>>;

export type MessageKey<En> = Extract<keyof En | keyof typeof kitEn, string>;
export type Translate<En> = (key: MessageKey<En>, values?: Record<string, unknown>) => string;

/**
 * Types a widget's `t` by its English file: `t('referral.titel')` is a compile error, and so is
 * a zh-CN file that lacks a key. `messageProblems` checks the rest (extra keys, placeholders) in
 * the widget's parity test.
 */
export function defineMessages<En extends Record<string, string>>(messages: MessageCatalogue<En>) {
  return {
    messages,
    useT(): Translate<En> {
      return useTranslation().t as Translate<En>;
    },
  };
}

/** The locale the widget renders in (its prop, the page's, or the browser's). */
export function useLocale(): Locale {
  return useTranslation().i18n.language as Locale;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

/** Every way the locales disagree: a missing or extra key, or different `{{placeholders}}`. */
export function messageProblems(messages: Record<Locale, Record<string, string>>): string[] {
  const { en, ...others } = messages;
  return Object.entries(others).flatMap(([locale, strings]) => [
    ...Object.keys(en)
      .filter((key) => !(key in strings))
      .map((key) => `${locale}: ${key}: missing`),
    ...Object.keys(strings)
      .filter((key) => !(key in en))
      .map((key) => `${locale}: ${key}: not in en`),
    ...Object.entries(strings)
      .filter(([key, text]) => key in en && placeholders(text).join() !== placeholders(en[key] as string).join())
      .map(([key]) => `${locale}: ${key}: placeholders differ from en (${placeholders(en[key] as string).join(', ') || 'none'})`),
  ]);
}
