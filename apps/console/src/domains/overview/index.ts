import type { ConsolePage } from '../../console-page.ts';
import { en, zhCN } from './messages.ts';
import { OverviewPage } from './page.tsx';

/** The tenant's growth at a glance. */
export const overviewPage: ConsolePage = { route: 'overview', messages: { en, 'zh-CN': zhCN }, Page: OverviewPage };
