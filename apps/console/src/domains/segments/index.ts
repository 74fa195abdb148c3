import type { ConsolePage } from '../../console-page.ts';
import { en, zhCN } from './messages.ts';
import { SegmentsPage } from './page.tsx';

/** Customers by RFM tier, health, NPS and predicted value, the model behind it, and each customer's segments. */
export const segmentsPage: ConsolePage = { route: 'segments', messages: { en, 'zh-CN': zhCN }, Page: SegmentsPage };
