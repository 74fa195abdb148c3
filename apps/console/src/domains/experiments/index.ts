import type { ConsolePage } from '../../console-page.ts';
import { en, zhCN } from './messages.ts';
import { ExperimentsRoute } from './route.tsx';

/** Every feature in experiments/, and one experiment's setup, results and preview at `#/experiments/<key>`. */
export const experimentsPage: ConsolePage = { route: 'experiments', messages: { en, 'zh-CN': zhCN }, Page: ExperimentsRoute };
