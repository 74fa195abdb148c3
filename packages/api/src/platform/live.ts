import type { Database } from '@flywheel/db';
import { LIVE_CHANNEL, type LiveMessage } from './platform.ts';

/** Called with the domain event's name when the change is one about this customer, else null. */
type Listener = (event: string | null) => void;

/**
 * Fans the live channel out to this process's open customer streams. One LISTEN per process
 * (not per stream); every replica listens, so a change committed anywhere reaches the customer
 * whichever replica holds their stream.
 */
export class LiveHub {
  readonly #listeners = new Map<string, Set<Listener>>();

  /** Calls `listener` whenever something this customer's widgets show has changed; returns the unsubscribe. */
  subscribe(tenantId: string, userId: string, listener: Listener): () => void {
    const key = JSON.stringify([tenantId, userId]);
    let set = this.#listeners.get(key);
    if (!set) {
      set = new Set();
      this.#listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(key);
    };
  }

  /** Open streams in this process, for /metrics and tests. */
  get size(): number {
    let n = 0;
    for (const set of this.#listeners.values()) n += set.size;
    return n;
  }

  dispatch(payload: string) {
    let message: LiveMessage;
    try {
      message = JSON.parse(payload) as LiveMessage;
    } catch {
      return;
    }
    for (const listener of this.#listeners.get(JSON.stringify([message.tenantId, message.userId])) ?? []) listener(message.event ?? null);
  }

  /** Wakes every open stream: after a lost LISTEN connection, any customer may have missed a change. */
  wakeAll() {
    for (const set of this.#listeners.values()) for (const listener of set) listener(null);
  }

  /** Starts listening on the database; resolves to the function that stops. */
  listen(database: Pick<Database, 'listen'>) {
    return database.listen(LIVE_CHANNEL, (payload) => this.dispatch(payload), { onReconnect: () => this.wakeAll() });
  }
}
