import { MemoryStore } from 'hono-rate-limiter';

/**
 * Hits per key in a fixed window, counted the way hono-rate-limiter's middleware counts requests,
 * for limits that are not one hit per request (events per visitor: a batch is many). In memory,
 * per replica, like every other limit here.
 */
export function rateWindow(windowMs: number, limit: number) {
  const store = new MemoryStore();
  store.init({ windowMs } as Parameters<MemoryStore['init']>[0]);
  return {
    /** Counts `hits` for `key`; false once the window's limit is passed (the hits still count). */
    take(key: string, hits = 1): { allowed: boolean; retryAfterSeconds: number } {
      let info = store.increment(key);
      for (let i = 1; i < hits; i++) info = store.increment(key);
      const retryAfterSeconds = Math.max(1, Math.ceil(((info.resetTime?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000));
      return { allowed: info.totalHits <= limit, retryAfterSeconds };
    },
  };
}
