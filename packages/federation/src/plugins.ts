import type { ModuleFederationRuntimePlugin } from '@module-federation/enhanced/runtime';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retries what a flaky network breaks: manifest fetches (network errors and 5xx, not 404s, which
 * will not heal) and remote entry scripts, a few times with growing pauses.
 */
export function retryPlugin({ attempts = 3, delayMs = 300 } = {}): ModuleFederationRuntimePlugin {
  return {
    name: 'flywheel-retry',
    async fetch(url, init) {
      let lastError: unknown;
      for (let attempt = 0; attempt < attempts; attempt++) {
        if (attempt > 0) await sleep(delayMs * 2 ** (attempt - 1));
        try {
          const response = await fetch(url, init);
          if (response.status < 500) return response;
          lastError = new Error(`${url} answered ${response.status}`);
        } catch (error) {
          lastError = error;
        }
      }
      throw lastError;
    },
    loadEntryError({ getRemoteEntry, origin, remoteInfo, remoteEntryExports, globalLoading, uniqueKey }) {
      const retry = async () => {
        for (let attempt = 1; attempt < attempts; attempt++) {
          await sleep(delayMs * 2 ** (attempt - 1));
          delete globalLoading[uniqueKey];
          try {
            const exports = await getRemoteEntry({ origin, remoteInfo, remoteEntryExports });
            if (exports) return exports;
          } catch {
            // the next attempt waits longer
          }
        }
        return undefined;
      };
      // The hook's declared type nests the promise (Promise<Promise<…>>); awaiting flattens it either way.
      return retry() as unknown as Promise<Promise<Awaited<ReturnType<typeof retry>>> | undefined>;
    },
  };
}

/** Marks the module the offline plugin hands back, so hosts show their own fallback. */
export const FALLBACK_MODULE = Symbol.for('flywheel.fallbackModule');
export type FallbackModule = { [FALLBACK_MODULE]: true; error: unknown };

export function isFallbackModule(value: unknown): value is FallbackModule {
  return typeof value === 'object' && value !== null && FALLBACK_MODULE in value;
}

/**
 * When a remote cannot be loaded at all (manifest 404, script error, offline), answer with a
 * fallback module instead of throwing, so the host renders its fallback and carries on.
 */
export function offlineFallbackPlugin(): ModuleFederationRuntimePlugin {
  return {
    name: 'flywheel-offline-fallback',
    errorLoadRemote({ error, lifecycle }) {
      // beforeLoadShare failures concern shared modules, which have local fallbacks.
      if (lifecycle === 'beforeLoadShare') return undefined;
      const fallback: FallbackModule = { [FALLBACK_MODULE]: true, error };
      return fallback;
    },
  };
}
