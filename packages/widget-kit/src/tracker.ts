/** One event as the widget records it; the tracker adds ids, time and identity. */
export type TrackInput = { event: string; properties?: Record<string, unknown> };

type QueuedEvent = {
  type: 'track';
  event: string;
  properties: Record<string, unknown>;
  messageId: string;
  anonymousId: string;
  timestamp: string;
  context: { page: { url: string; title: string }; locale: string };
};

export type Tracker = {
  track(input: TrackInput): void;
  /** Sends what is queued now; resolves when the attempt is over. */
  flush(options?: { keepalive?: boolean }): Promise<void>;
  pending(): number;
  /** This browser's anonymous id (localStorage), also the `deviceId` flag attribute. */
  anonymousId: string;
};

export type TrackerOptions = {
  endpoint: string;
  headers: () => Promise<Record<string, string>>;
  /** Sends after this long, or sooner when the batch is full or the page is hidden. */
  flushIntervalMs?: number;
  maxBatch?: number;
};

const ANONYMOUS_ID_KEY = 'fw_anonymous_id';

function anonymousId(): string {
  try {
    const stored = localStorage.getItem(ANONYMOUS_ID_KEY);
    if (stored) return stored;
    const id = crypto.randomUUID();
    localStorage.setItem(ANONYMOUS_ID_KEY, id);
    return id;
  } catch {
    // Storage can be blocked (third-party iframes, privacy modes); an id per page load still works.
    return crypto.randomUUID();
  }
}

/**
 * Batches events to POST /api/events. Each event gets its messageId once, so a retry after a
 * network error or a 5xx re-sends the same ids and the server stores them once. On page hide the
 * queue goes out with `fetch(keepalive)`, which, unlike sendBeacon, can carry the key and token
 * headers. A 4xx is the event's fault, so it is dropped rather than retried forever.
 */
export function createTracker({ endpoint, headers, flushIntervalMs = 2000, maxBatch = 20 }: TrackerOptions): Tracker {
  let queue: QueuedEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retryDelay = 1000;
  const anonymous = anonymousId();

  const schedule = (delay: number) => {
    if (timer === undefined) timer = setTimeout(() => void flush(), delay);
  };

  async function flush({ keepalive = false } = {}) {
    clearTimeout(timer);
    timer = undefined;
    if (queue.length === 0) return;
    const batch = queue.splice(0, 100);
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await headers()) },
        body: JSON.stringify({ batch }),
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
        anonymousId: anonymous,
        timestamp: new Date().toISOString(),
        context: { page: { url: location.href, title: document.title }, locale: navigator.language },
      });
      if (queue.length >= maxBatch) void flush();
      else schedule(flushIntervalMs);
    },
    flush,
    pending: () => queue.length,
    anonymousId: anonymous,
  };
}
