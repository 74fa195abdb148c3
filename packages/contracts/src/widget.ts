// Browser code imports this module: keep it free of zod (the registry schema is in remotes.ts).

export const SUPPORTED_LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/** Picks a supported locale from a BCP 47 tag: any Chinese → zh-CN, anything else → English. */
export function resolveLocale(tag: string | null | undefined): Locale {
  return tag?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Words a tenant wrote in both languages, in the reader's: English where there is no translation. */
export function inLocale<T>(texts: { en: T; 'zh-CN'?: T | undefined }, locale: Locale): T {
  return (locale === 'zh-CN' ? texts['zh-CN'] : undefined) ?? texts.en;
}

export type TokenProvider = (options?: { forceRefresh?: boolean }) => Promise<string | null> | string | null;

/** What every widget receives, whether mounted by embed.js, <RemoteWidget> or a host's own code. */
export type WidgetProps = {
  /** The tenant's publishable key (`pk_…`). */
  publishableKey: string;
  /** The BFF's origin, e.g. `https://flywheel.example.com`. */
  apiBase: string;
  /**
   * Returns the customer token the tenant's server signed; asked again once after a 401. Keep the
   * function stable across renders (useCallback/useMemo): a different function means a different
   * customer to the widget kit, which then reads the customer and their flag attributes again.
   */
  getToken?: TokenProvider;
  /** BCP 47; defaults to the page's `<html lang>`, then the browser's. */
  locale?: string;
};

/**
 * What a page's widgets tell the host page (`Flywheel.on(type, handler)` with embed.js,
 * `onPageEvent` with @flywheel/federation): a widget is ready or could not load, the customer
 * shared something, or Flywheel recorded a reward, badge, milestone or submission of theirs.
 * `event` names the underlying event (`badge_awarded`, `referral_invite_sent`, …).
 */
export type PageEvent =
  | { type: 'ready'; widget: string }
  | { type: 'error'; widget: string; reason: string }
  | { type: 'share'; event: string; channel: string | null }
  | { type: 'reward' | 'badge' | 'milestone' | 'submission'; event: string };
export type PageEventType = PageEvent['type'];
export const PAGE_EVENT_TYPES: readonly PageEventType[] = ['ready', 'error', 'share', 'reward', 'badge', 'milestone', 'submission'];
/** The DOM event on `window` that carries a PageEvent as its `detail`. */
export const PAGE_EVENT = 'flywheel:event';
