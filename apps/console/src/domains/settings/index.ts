import type { ConsolePage } from '../../console-page.ts';
import { en, zhCN } from './messages.ts';
import { SettingsPage } from './page.tsx';

/** The tenant's integration settings: its publishable key and the origins allowed to embed widgets. */
export const settingsPage: ConsolePage = { route: 'settings', messages: { en, 'zh-CN': zhCN }, Page: SettingsPage };
