import { EventSourceParserStream } from 'eventsource-parser/stream';

export type LiveOptions = {
  url: string;
  headers: () => Promise<Record<string, string>>;
  /**
   * Something the customer's widgets show has changed (or may have, while the stream was down),
   * with the name of the customer's domain event behind it when there is one (`badge_awarded`).
   */
  onChange: (event: string | null) => void;
};

export type LiveConnection = {
  close(): void;
  /** Settles once the connection has stopped for good (closed, or told there is nothing to stream). */
  finished: Promise<void>;
};

const MAX_DELAY_MS = 60_000;

/** `changed` carries `{"event": name | null}`; anything else (an older server) names nothing. */
function eventName(data: string): string | null {
  try {
    const parsed: unknown = JSON.parse(data);
    const event = (parsed as { event?: unknown } | null)?.event;
    return typeof event === 'string' ? event : null;
  } catch {
    return null;
  }
}

/**
 * Keeps the customer's live stream (`GET /api/live`) open for the page: fetch rather than
 * EventSource, because the stream needs the key and token headers. Reconnects with backoff when
 * it drops, at once when the server ends it, and then reports a change, since one may have
 * been missed meanwhile.
 * Stops for good on 204 or a 4xx (no customer, or not allowed): retrying would not help.
 */
export function connectLive({ url, headers, onChange }: LiveOptions): LiveConnection {
  const controller = new AbortController();
  const { signal } = controller;
  let delay = 0;
  let connectedBefore = false;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });

  async function run() {
    while (!signal.aborted) {
      try {
        const response = await fetch(url, { headers: { accept: 'text/event-stream', ...(await headers()) }, signal });
        if (response.status === 204 || (response.status >= 400 && response.status < 500)) return;
        if (!response.ok || !response.body) throw new Error(`live: ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
        signal.addEventListener('abort', () => void reader.cancel().catch(() => {}), { once: true });
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          if (value.event === 'ready') {
            if (connectedBefore) onChange(null);
            connectedBefore = true;
            delay = 0;
          } else if (value.event === 'changed') onChange(eventName(value.data));
        }
      } catch {
        if (signal.aborted) return;
      }
      // A stream the server ended after its maximum duration is reopened at once; failures back off.
      await wait(delay);
      delay = Math.min(Math.max(delay * 2, 1000), MAX_DELAY_MS);
    }
  }
  return { close: () => controller.abort(), finished: run() };
}
