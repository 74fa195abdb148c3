import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { consolePages } from './domains/index.ts';
import { en, zhCN } from './messages.ts';

export type ConsoleLocale = 'en' | 'zh-CN';

const withPages = (shared: object, locale: ConsoleLocale) =>
  Object.assign({}, shared, ...consolePages.map((page) => page.messages[locale]));

/** The console's own i18next instance: widgets previewed inside it keep theirs (widget-kit). */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: withPages(en, 'en') }, 'zh-CN': { translation: withPages(zhCN, 'zh-CN') } },
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
});
