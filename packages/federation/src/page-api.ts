import type { PageEvent, PageEventType, WidgetProps } from '@flywheel/contracts/widget';
import { getPageSession, onPageEvent } from '@flywheel/widget-kit';
import { useEffect } from 'react';

// What embed.js gives plain pages as window.Flywheel, for React hosts: the page's widget events,
// sign-out, and tracking through the widgets' own queue. Identity is <RemoteWidget getToken>.

export { onPageEvent };

type Page = Pick<WidgetProps, 'apiBase' | 'publishableKey'>;

/** Calls `handler` with each page event of `type` while the component is mounted (keep `handler` stable). */
export function usePageEvent<T extends PageEventType>(type: T, handler: (event: Extract<PageEvent, { type: T }>) => void) {
  useEffect(() => onPageEvent(type, handler), [type, handler]);
}

/** On sign-out: forgets the customer's session and every widget's data. Pass no getToken to the widgets afterwards. */
export function resetPage(page: Page) {
  getPageSession(page).reset();
}

/** Records an event of the host's (Segment's `track`) with the page's widgets' events. */
export function trackOnPage(page: Page, event: string, properties?: Record<string, unknown>) {
  getPageSession(page).tracker.track({ event, ...(properties ? { properties } : {}) });
}
