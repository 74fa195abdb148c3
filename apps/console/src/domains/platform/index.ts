import type { ConsolePage } from '../../console-page.ts';
import { en, zhCN } from './messages.ts';
import { PlatformPage } from './page.tsx';

/** Background work that gave up (dead letters), replayed once the cause is fixed. */
export const platformPage: ConsolePage = {
  route: 'platform',
  capability: 'operatePlatform',
  messages: { en, 'zh-CN': zhCN },
  Page: PlatformPage,
};
