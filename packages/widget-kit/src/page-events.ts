import { PAGE_EVENT, type PageEvent, type PageEventType } from '@flywheel/contracts/widget';

// The page's widgets tell the host page what happened, as `flywheel:event` DOM events on window:
// every host (embed.js, a React host through @flywheel/federation) listens the same way.

/** Domain events about the customer (from their live stream) the host page hears of. */
const FROM_DOMAIN: Record<string, 'reward' | 'badge' | 'milestone' | 'submission'> = {
  reward_granted: 'reward',
  reward_approved: 'reward',
  badge_awarded: 'badge',
  milestone_completed: 'milestone',
  ugc_submitted: 'submission',
  ugc_published: 'submission',
};

/** What widgets track when the customer shares something. */
const SHARES = new Set(['referral_invite_sent', 'referral_link_copied', 'badge_shared']);

export function emitPageEvent(event: PageEvent) {
  if (typeof window === 'undefined') return;
  window.dispatchEvent(new CustomEvent(PAGE_EVENT, { detail: event }));
}

/** A domain event named on the customer's live stream, passed on when the host page cares about it. */
export function domainEventHappened(name: string | null) {
  const type = name ? FROM_DOMAIN[name] : undefined;
  if (name && type) emitPageEvent({ type, event: name });
}

/** An event a widget tracked, passed on when it is a share. */
export function widgetTracked(name: string, properties: Record<string, unknown> | undefined) {
  if (!SHARES.has(name)) return;
  const channel = properties?.channel;
  emitPageEvent({ type: 'share', event: name, channel: typeof channel === 'string' ? channel : null });
}

/** Calls `handler` with each page event of `type`; returns the function that stops. */
export function onPageEvent<T extends PageEventType>(type: T, handler: (event: Extract<PageEvent, { type: T }>) => void): () => void {
  const listener = (event: Event) => {
    const detail = (event as CustomEvent<PageEvent>).detail;
    if (detail?.type === type) handler(detail as Extract<PageEvent, { type: T }>);
  };
  window.addEventListener(PAGE_EVENT, listener);
  return () => window.removeEventListener(PAGE_EVENT, listener);
}
