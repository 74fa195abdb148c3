import type { ConsolePage } from '../../console-page.ts';
import { en, zhCN } from './messages.ts';
import { SuccessPlanPage } from './page.tsx';

/** Plan templates and their audiences, and who is on which plan. */
export const successPlanPage: ConsolePage = { route: 'success-plan', messages: { en, 'zh-CN': zhCN }, Page: SuccessPlanPage };
