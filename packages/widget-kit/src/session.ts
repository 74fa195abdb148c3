import type { AppRouter } from '@flywheel/api';
import type { TokenProvider, WidgetProps } from '@flywheel/contracts/widget';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import { createTracker, type Tracker } from './tracker.ts';

/**
 * Everything widgets on one page share for one BFF and one tenant: one tRPC client, one
 * react-query cache, one event queue and one identity. The kit is a Module Federation
 * singleton, so this map is shared by every widget on the page.
 */
export type PageSession = {
  key: string;
  trpc: TRPCClient<AppRouter>;
  queryClient: QueryClient;
  tracker: Tracker;
  /** The latest token provider any widget was given: one identity per page. */
  setTokenProvider(provider: TokenProvider | undefined): void;
};

const sessions = new Map<string, PageSession>();

/** Calls fetch, and once more with a fresh token if the first answer is 401. */
export function fetchWithTokenRefresh(getToken: () => TokenProvider | undefined): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const provider = getToken();
    if (response.status !== 401 || !provider) return response;
    const fresh = await provider({ forceRefresh: true });
    if (!fresh) return response;
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${fresh}`);
    return fetch(input, { ...init, headers });
  };
}

export function getPageSession({ apiBase, publishableKey, getToken }: WidgetProps): PageSession {
  const key = `${apiBase}|${publishableKey}`;
  const existing = sessions.get(key);
  if (existing) {
    if (getToken) existing.setTokenProvider(getToken);
    return existing;
  }
  let tokenProvider = getToken;
  const authHeaders = async (): Promise<Record<string, string>> => {
    const token = tokenProvider ? await tokenProvider() : null;
    return { 'x-flywheel-key': publishableKey, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  };
  const session: PageSession = {
    key,
    trpc: createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${apiBase}/trpc`, headers: authHeaders, fetch: fetchWithTokenRefresh(() => tokenProvider) })],
    }),
    queryClient: new QueryClient({
      defaultOptions: {
        queries: {
          staleTime: 30_000,
          // 4xx answers will not change on retry; network blips and 5xx might.
          retry: (failures, error) =>
            failures < 2 && !/^4\d\d$/.test(String((error as { data?: { httpStatus?: number } }).data?.httpStatus)),
        },
      },
    }),
    tracker: createTracker({ endpoint: `${apiBase}/api/events`, headers: authHeaders }),
    setTokenProvider: (provider) => {
      tokenProvider = provider;
    },
  };
  sessions.set(key, session);
  return session;
}
