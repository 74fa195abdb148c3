import type { ConsolePage } from '../../console-page.ts';
import { en, zhCN } from './messages.ts';
import { AchievementsPage } from './page.tsx';

/** Badges and their rules, the points bank and its fulfilment, customers' ledgers. */
export const achievementsPage: ConsolePage = { route: 'achievements', messages: { en, 'zh-CN': zhCN }, Page: AchievementsPage };
