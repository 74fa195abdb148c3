import type { AppRouter } from '@flywheel/api';
import { type CustomerSegments, exposureDimensions, flagAttributes } from '@flywheel/contracts/flag-attributes';
import { resolveLocale, type TokenProvider, type WidgetProps } from '@flywheel/contracts/widget';
import { GrowthBook } from '@growthbook/growthbook';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import { connectLive } from './live.ts';
import { domainEventHappened, widgetTracked } from './page-events.ts';
import { retryUnlessClientError } from './retry.ts';
import { BffStickyBucketService } from './sticky-buckets.ts';
import { createTracker, type Tracker } from './tracker.ts';

/**
 * Everything widgets on one page share for one BFF and one tenant: one tRPC client, one
 * react-query cache, one event queue, one identity and one GrowthBook instance. The kit is a
 * Module Federation singleton, so this map is shared by every widget on the page.
 */
export type PageSession = {
  key: string;
  trpc: TRPCClient<AppRouter>;
  queryClient: QueryClient;
  tracker: Tracker;
  growthbook: GrowthBook;
  /**
   * The page's GrowthBook once its payload is loaded (streaming on) and its attributes describe
   * the customer and every widget on the page; registers `widget` among them. Never rejects: if
   * the BFF is unreachable, features evaluate to their fallbacks.
   */
  flags(widget: string): Promise<GrowthBook>;
  /**
   * Every widget re-renders when the payload changes (SSE) or its flags are evaluated: GrowthBook
   * has one renderer slot, so the session owns it and fans the signal out to each widget's root.
   */
  subscribeFlags(listener: () => void): () => void;
  flagsVersion(): number;
  /** Whether `widget`'s flags have been evaluated once; a later re-evaluation keeps it true. */
  flagsEvaluated(widget: string): boolean;
  /** The latest token provider any widget was given: one identity per page. */
  setTokenProvider(provider: TokenProvider | undefined): void;
  /**
   * The page named another customer, or none (`Flywheel.identify`, `reset`): the customer is read
   * again, every widget's flags are evaluated again and its data fetched again, and the widgets
   * stay mounted meanwhile, showing their loading state rather than the last customer's data.
   */
  refreshIdentity(): void;
  /**
   * The customer signed out: forgets their token and everything fetched for them (widgets then
   * show their signed-out state). The device's anonymous id stays: it is the device's, not theirs.
   */
  reset(): void;
  /**
   * Makes this page a preview (the console's): these features (key → value) take the value asked
   * for, whatever the experiment's state (a draft can be previewed before launch), and from now on
   * the page records nothing, neither exposures nor events, so previews never enter results.
   */
  preview(forcedFeatures: Record<string, unknown>): void;
  /**
   * A plain BFF route (`/api/ugc/images`, a file upload) called as tRPC calls are: with the
   * publishable key and the customer's token, and once more with a fresh token after a 401.
   */
  fetch(path: string, init?: RequestInit): Promise<Response>;
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

export function getPageSession(props: WidgetProps): PageSession {
  const { apiBase, publishableKey, getToken } = props;
  const key = `${apiBase}|${publishableKey}`;
  const existing = sessions.get(key);
  if (existing) {
    if (getToken) existing.setTokenProvider(getToken);
    return existing;
  }
  let tokenProvider = getToken;
  let identity: Promise<{ id: string; traits: Record<string, unknown>; segments: CustomerSegments } | null> | undefined;
  let loaded: Promise<unknown> | undefined;
  const widgets = new Set<string>();
  const flagsFor = new Map<string, Promise<GrowthBook>>();
  const authHeaders = async (): Promise<Record<string, string>> => {
    const token = tokenProvider ? await tokenProvider() : null;
    return { 'x-flywheel-key': publishableKey, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  };
  const trpc = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${apiBase}/trpc`, headers: authHeaders, fetch: fetchWithTokenRefresh(() => tokenProvider) })],
  });
  const delivery = createTracker({
    endpoint: `${apiBase}/api/events`,
    headers: authHeaders,
    storageKey: `fw_anonymous_id:${publishableKey}`,
    issueAnonymousId: async () => {
      const response = await fetch(`${apiBase}/api/anonymous-ids`, { method: 'POST', headers: { 'x-flywheel-key': publishableKey } });
      if (!response.ok) throw new Error(`anonymous id: ${response.status}`);
      return ((await response.json()) as { anonymousId: string }).anonymousId;
    },
  });
  let previewing = false;
  const tracker: Tracker = {
    ...delivery,
    track: (input) => {
      if (previewing) return;
      delivery.track(input);
      widgetTracked(input.event, input.properties);
    },
  };
  const growthbook: GrowthBook = new GrowthBook({
    apiHost: apiBase,
    clientKey: publishableKey,
    stickyBucketService: new BffStickyBucketService({
      get: (input) => trpc.stickyBuckets.get.query(input),
      save: (input) => trpc.stickyBuckets.save.mutate(input),
    }),
    // GrowthBook calls this once per experiment and variation for this page's instance. The
    // dimensions are the customer's at exposure time, which is what results break down by.
    trackingCallback: (experiment, result) =>
      tracker.track({
        event: 'experiment_viewed',
        properties: { experiment_id: experiment.key, variation_id: result.key, ...exposureDimensions(growthbook.getAttributes()) },
      }),
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: retryUnlessClientError } } });
  // One live stream per page and customer: a burst of changes (a friend's sign-up and its reward)
  // becomes one refetch of what the page's widgets have open.
  let stopLive: (() => void) | undefined;
  let refetchTimer: ReturnType<typeof setTimeout> | undefined;
  const refetchOpen = () => {
    clearTimeout(refetchTimer);
    refetchTimer = setTimeout(() => void queryClient.invalidateQueries(), 250);
  };
  let version = 0;
  const flagListeners = new Set<() => void>();
  const flagsChanged = () => {
    version++;
    for (const listener of flagListeners) listener();
  };
  growthbook.setRenderer(flagsChanged);
  const evaluated = new Set<string>();
  // The `locale` attribute: the first widget's, else the page's (as the widgets themselves pick it).
  const locale = resolveLocale(props.locale ?? (typeof document === 'undefined' ? undefined : document.documentElement.lang));

  async function flags(widget: string) {
    widgets.add(widget);
    // Without a customer (no token, or the BFF refuses it) the page is evaluated anonymously.
    identity ??= tokenProvider
      ? trpc.customer.me
          .query()
          .then((me) => ({ id: me.id, traits: me.traits, segments: me.segments }))
          .catch(() => null)
      : Promise.resolve(null);
    // Live updates over SSE where the page can open a stream (every browser; not some test DOMs).
    loaded ??= growthbook.init({ streaming: typeof EventSource !== 'undefined', timeout: 3000 });
    // No id (the BFF unreachable): no unit to bucket, so experiments show their control.
    const device = tracker.anonymousId().catch(() => undefined);
    const [customer, deviceId] = await Promise.all([identity, device, loaded]);
    if (customer && !stopLive && typeof ReadableStream !== 'undefined') {
      const live = connectLive({
        url: `${apiBase}/api/live`,
        headers: authHeaders,
        onChange: (event) => {
          refetchOpen();
          domainEventHappened(event);
        },
      });
      stopLive = live.close;
    }
    await growthbook.setAttributes(
      flagAttributes({
        customerId: customer?.id ?? deviceId ?? '',
        publishableKey,
        traits: customer?.traits ?? {},
        segments: customer?.segments,
        locale,
        widgets: [...widgets],
        deviceId,
      }),
    );
    evaluated.add(widget);
    flagsChanged();
    return growthbook;
  }

  /** Forgets the customer read for flags and their live stream; the next evaluation reads them again. */
  const forgetIdentity = () => {
    identity = undefined;
    stopLive?.();
    stopLive = undefined;
    flagsFor.clear();
  };

  const session: PageSession = {
    key,
    trpc,
    growthbook,
    flags: (widget) => {
      let ready = flagsFor.get(widget);
      if (!ready) {
        ready = flags(widget);
        flagsFor.set(widget, ready);
      }
      return ready;
    },
    queryClient,
    tracker,
    subscribeFlags: (listener) => {
      flagListeners.add(listener);
      return () => flagListeners.delete(listener);
    },
    flagsVersion: () => version,
    flagsEvaluated: (widget) => evaluated.has(widget),
    setTokenProvider: (provider) => {
      if (provider === tokenProvider) return;
      tokenProvider = provider;
      forgetIdentity();
    },
    refreshIdentity: () => {
      forgetIdentity();
      for (const widget of widgets) void session.flags(widget);
      // Reset, not invalidated: nobody sees the previous customer's data while the new one's loads.
      void queryClient.resetQueries();
    },
    reset: () => {
      session.setTokenProvider(undefined);
      queryClient.clear();
    },
    fetch: async (path, init) => {
      const headers = new Headers(init?.headers);
      for (const [name, value] of Object.entries(await authHeaders())) headers.set(name, value);
      return fetchWithTokenRefresh(() => tokenProvider)(`${apiBase}${path}`, { ...init, headers });
    },
    preview: (forcedFeatures) => {
      previewing = true;
      growthbook.setForcedFeatures(new Map(Object.entries(forcedFeatures)));
    },
  };
  sessions.set(key, session);
  return session;
}
