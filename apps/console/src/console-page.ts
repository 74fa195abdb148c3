import type { ComponentType } from 'react';
import type { Session } from './api.ts';

/** What one domain contributes to the console: a page, its nav entry and its copy. */
export type ConsolePage = {
  /** The first segment of `#/<route>/…`; the rest reaches the page as `path`. */
  route: string;
  /**
   * Shown in the navigation only to roles with this capability (the server's table, read through
   * `session.can`); the server refuses the page's procedures to everyone else either way.
   */
  capability?: keyof Session['can'];
  /** Merged into the console's i18n resources; the nav label is `<route>.nav`. */
  messages: { en: Record<string, unknown>; 'zh-CN': Record<string, unknown> };
  Page: ComponentType<{ session: Session; path: string[] }>;
  /**
   * Routes anyone may open without signing in, each its own first segment (`#/report/<token>`
   * for a shared results link); the page checks whatever credential the path carries.
   */
  publicRoutes?: Record<string, ComponentType<{ path: string[] }>>;
};
