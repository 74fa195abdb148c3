import type { ConsolePage } from '../../console-page.ts';
import { en, zhCN } from './messages.ts';
import { UgcPage } from './page.tsx';

/** The showcase's moderation: the queue with its auto-flags, published items, decisions, settings. */
export const ugcPage: ConsolePage = { route: 'ugc', messages: { en, 'zh-CN': zhCN }, Page: UgcPage };
