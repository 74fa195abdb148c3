import type { ConsolePage } from '../../console-page.ts';
import { en, zhCN } from './messages.ts';
import { ReferralsPage } from './page.tsx';

/** Referrals held for review (fraud signals), approved or rejected with a reason. */
export const referralsPage: ConsolePage = { route: 'referrals', messages: { en, 'zh-CN': zhCN }, Page: ReferralsPage };
