/** One event as the widget records it; the tracker adds ids, time and identity. */
export type TrackInput = { event: string; properties?: Record<string, unknown> };

type QueuedEvent = {
  type: 'track';
  event: string;
  properties: Record<string, unknown>;
  messageId: string;
  timestamp: string;
  context: { page: { url: string; title: string }; locale: string };
};

export type Tracker = {
  track(input: TrackInput): void;
  /** Sends what is queued now; resolves when the attempt is over. */
  flush(options?: { keepalive?: boolean }): Promise<void>;
  pending(): number;
  /**
   * This browser's anonymous id for the tenant, also the `deviceId` flag attribute: issued by the
   * BFF on first use (the BFF accepts no other), then kept in localStorage.
   */
  anonymousId(): Promise<string>;
};

export type TrackerOptions = {
  endpoint: string;
  headers: () => Promise<Record<string, string>>;
  /** Asks the BFF for a new anonymous id (POST /api/anonymous-ids). */
  issueAnonymousId: () => Promise<string>;
  /** Where the id is kept: one per tenant, since an id issued for one tenant is not another's. */
  storageKey: string;
  /** Sends after this long, or sooner when the batch is full or the page is hidden. */
  flushIntervalMs?: number;
  maxBatch?: number;
};

function stored(storageKey: string): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    // Storage can be blocked (third-party iframes, privacy modes); an id per page load still works.
    return null;
  }
}

function store(storageKey: string, id: string) {
  try {
    localStorage.setItem(storageKey, id);
  } catch {
    // As above: the id lives as long as the page.
  }
}

/**
 * Batches events to POST /api/events. Each event gets its messageId once, so a retry after a
 * network error or a 5xx re-sends the same ids and the server stores them once. On page hide the
 * queue goes out with `fetch(keepalive)`, which, unlike sendBeacon, can carry the key and token
 * headers. A 4xx is the event's fault, so it is dropped rather than retried forever.
 */
export function createTracker({
  endpoint,
  headers,
  issueAnonymousId,
  storageKey,
  flushIntervalMs = 2000,
  maxBatch = 20,
}: TrackerOptions): Tracker {
  let queue: QueuedEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retryDelay = 1000;
  // One issue in flight per page; a failed one (offline) is asked again next time.
  let anonymous: Promise<string> | undefined;
  const anonymousId = () => {
    const kept = stored(storageKey);
    if (kept) return Promise.resolve(kept);
    anonymous ??= issueAnonymousId().then(
      (id) => {
        store(storageKey, id);
        return id;
      },
      (error: unknown) => {
        anonymous = undefined;
        throw error;
      },
    );
    return anonymous;
  };

  const schedule = (delay: number) => {
    if (timer === undefined) timer = setTimeout(() => void flush(), delay);
  };

  async function flush({ keepalive = false } = {}) {
    clearTimeout(timer);
    timer = undefined;
    if (queue.length === 0) return;
    const batch = queue.splice(0, 100);
    try {
      const id = await anonymousId();
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await headers()) },
        body: JSON.stringify({ batch: batch.map((event) => ({ ...event, anonymousId: id })) }),
        keepalive,
      });
      if (response.status >= 500) throw new Error(`events: ${response.status}`);
      retryDelay = 1000;
    } catch {
      queue = [...batch, ...queue];
      retryDelay = Math.min(retryDelay * 2, 60_000);
      schedule(retryDelay);
      return;
    }
    if (queue.length > 0) schedule(flushIntervalMs);
  }

  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void flush({ keepalive: true });
    });
    addEventListener('pagehide', () => void flush({ keepalive: true }));
  }

  return {
    track({ event, properties = {} }) {
      queue.push({
        type: 'track',
        event,
        properties,
        messageId: crypto.randomUUID(),
        timestamp: new Date().toISOString(),
        context: { page: { url: location.href, title: document.title }, locale: navigator.language },
      });
      if (queue.length >= maxBatch) void flush();
      else schedule(flushIntervalMs);
    },
    flush,
    pending: () => queue.length,
    anonymousId,
  };
}
