import type { ConsolePage } from '../../console-page.ts';
import { en, zhCN } from './messages.ts';
import { SharedReport } from './report.tsx';
import { ExperimentsRoute } from './route.tsx';

/**
 * Every feature in experiments/, and one experiment's setup, results and preview at
 * `#/experiments/<key>`; a shared, read-only results link at `#/report/<token>`.
 */
export const experimentsPage: ConsolePage = {
  route: 'experiments',
  messages: { en, 'zh-CN': zhCN },
  Page: ExperimentsRoute,
  publicRoutes: { report: SharedReport },
};
