import type { PayloadSource } from '@flywheel/api';
import type { Payload } from '@flywheel/flags';
import type { Logger } from 'pino';

export type UpstreamOptions = {
  apiHost: string;
  clientKey: string;
  logger: Logger;
  /** A copy older than this is refreshed in the background while still being served. */
  staleMs?: number;
  /** How often to look for changes to republish over our own SSE. */
  pollMs?: number;
  fetch?: typeof fetch;
  /**
   * Served while GrowthBook has never answered (no last good copy yet): the payload compiled from
   * experiments/, so widgets get their flags rather than errors.
   */
  fallback?: PayloadSource;
};

/**
 * A real GrowthBook as the payload source (GROWTHBOOK_API_HOST + GROWTHBOOK_CLIENT_KEY): reads
 * through and caches its payload, stale-while-revalidate, keeps serving the last good copy while
 * GrowthBook is down, and announces changes so open streams republish them. GrowthBook's payload
 * is one SDK connection's, so every tenant of this BFF gets it.
 */
export class GrowthBookUpstream implements PayloadSource {
  #lastGood: { payload: Payload; body: string; fetchedAt: number } | undefined;
  #inflight: Promise<Payload> | undefined;
  readonly #listeners = new Set<(tenantId: string) => void>();
  readonly #tenantsSeen = new Set<string>();
  #timer: ReturnType<typeof setInterval> | undefined;
  #servingFallback = false;

  constructor(private readonly options: UpstreamOptions) {}

  async payloadFor(tenantId: string): Promise<Payload> {
    this.#tenantsSeen.add(tenantId);
    const last = this.#lastGood;
    if (last && Date.now() - last.fetchedAt < (this.options.staleMs ?? 60_000)) return last.payload;
    if (last) {
      void this.refresh().catch(() => {});
      return last.payload;
    }
    const { fallback } = this.options;
    if (this.#servingFallback && fallback) {
      // Already known to be down: keep trying in the background, never make a request wait for it.
      void this.refresh().catch(() => {});
      return fallback.payloadFor(tenantId);
    }
    try {
      return await this.refresh();
    } catch (error) {
      if (!fallback) throw error;
      this.#servingFallback = true;
      return fallback.payloadFor(tenantId);
    }
  }

  degradation(): string | null {
    if (this.#lastGood) return null;
    return this.#servingFallback ? 'GrowthBook has not answered yet; serving the payload compiled from experiments/' : null;
  }

  /** Fetches GrowthBook's payload; on failure keeps (and returns) the last good copy if any. */
  refresh(): Promise<Payload> {
    this.#inflight ??= this.#fetch().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  async #fetch(): Promise<Payload> {
    const { apiHost, clientKey, logger } = this.options;
    const doFetch = this.options.fetch ?? fetch;
    try {
      const response = await doFetch(`${apiHost.replace(/\/$/, '')}/api/features/${encodeURIComponent(clientKey)}`, {
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) throw new Error(`GrowthBook answered ${response.status}`);
      const { status: _status, ...payload } = (await response.json()) as Payload & { status?: number };
      const body = JSON.stringify(payload);
      const changed = body !== this.#lastGood?.body;
      this.#lastGood = { payload, body, fetchedAt: Date.now() };
      if (changed) for (const tenantId of this.#tenantsSeen) for (const listener of this.#listeners) listener(tenantId);
      return payload;
    } catch (error) {
      if (this.#lastGood) {
        logger.warn({ err: error }, 'GrowthBook unreachable; serving the last good payload');
        return this.#lastGood.payload;
      }
      throw error;
    }
  }

  onChange(listener: (tenantId: string) => void) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Polls for changes so open streams hear about them without anyone asking. */
  start() {
    this.#timer = setInterval(() => void this.refresh().catch(() => {}), this.options.pollMs ?? 10_000);
    this.#timer.unref();
  }

  stop() {
    clearInterval(this.#timer);
  }
}
