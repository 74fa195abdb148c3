import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, zhCN } from './messages.ts';

export type ConsoleLocale = 'en' | 'zh-CN';

/** The console's own i18next instance: widgets previewed inside it keep theirs (widget-kit). */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
});
