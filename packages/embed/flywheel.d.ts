// Types for `window.Flywheel`, the page API embed.js defines. Served at /embed/flywheel.d.ts:
// save it in your project (or reference it with /// <reference path="…" />) to type your calls.

/** Returns a customer token your server signed; asked again with `forceRefresh` after a 401. */
export type FlywheelTokenProvider = (options?: { forceRefresh?: boolean }) => Promise<string | null> | string | null;

/**
 * What the page's widgets tell your page: a widget is ready or showed your fallback instead, the
 * customer shared something, or Flywheel recorded a reward, badge, milestone or submission of
 * theirs. `event` names the underlying event (`badge_awarded`, `referral_invite_sent`, …).
 */
export type FlywheelPageEvent =
  | { type: 'ready'; widget: string }
  | { type: 'error'; widget: string; reason: string }
  | { type: 'share'; event: string; channel: string | null }
  | { type: 'reward' | 'badge' | 'milestone' | 'submission'; event: string };

export type FlywheelPageEventType = FlywheelPageEvent['type'];
export type FlywheelPageEventHandler<T extends FlywheelPageEventType> = (event: Extract<FlywheelPageEvent, { type: T }>) => void;

export interface FlywheelPageApi {
  /** The signed-in customer: their token, or a function that fetches one from your server. */
  identify(tokenOrProvider: string | FlywheelTokenProvider): void;
  /** On sign-out: forgets the customer's session and every widget's data; widgets show their signed-out state. */
  reset(): void;
  on<T extends FlywheelPageEventType>(type: T, handler: FlywheelPageEventHandler<T>): void;
  off<T extends FlywheelPageEventType>(type: T, handler: FlywheelPageEventHandler<T>): void;
  /** Records an event (Segment's `track`) through the same queue as the widgets' own events. */
  track(event: string, properties?: Record<string, unknown>): void;
}

declare global {
  interface Window {
    /** Defined by embed.js as soon as it runs. */
    Flywheel?: FlywheelPageApi;
  }
}
