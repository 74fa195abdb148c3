import type { ConsolePage } from '../../console-page.ts';
import { en, zhCN } from './messages.ts';
import { UsersPage } from './page.tsx';

/** Who may use the tenant's console, and in which role. */
export const usersPage: ConsolePage = { route: 'users', capability: 'manageUsers', messages: { en, 'zh-CN': zhCN }, Page: UsersPage };
