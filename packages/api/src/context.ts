import type { Db } from '@flywheel/db';
import { type ConsoleSession, findSession, readSessionCookie } from './console/sessions.ts';
import type { FlagsRuntime } from './flags/runtime.ts';
import type { AnonymousIds } from './identity/anonymous-ids.ts';
import { authenticateWidgetRequest, type WidgetAuth } from './identity/authenticate.ts';
import type { TenantDirectory } from './identity/tenant-directory.ts';
import type { Platform } from './platform/index.ts';
import type { MediaStore } from './ugc/index.ts';
import type { WebhookOptions } from './webhooks/index.ts';

/** What the API needs from the process that hosts it. */
export type ApiDeps = {
  db: Db;
  tenants: TenantDirectory;
  /** Mints and checks the ids of anonymous visitors (browsers may send only ids issued here). */
  anonymousIds: AnonymousIds;
  /** Production hides stack traces and marks cookies Secure. */
  isProduction: boolean;
  flags: FlagsRuntime;
  /** emit/schedule/deliver over the domains' reactions and jobs (registry.ts). */
  platform: Platform;
  /** The key that encrypts webhook secrets, and whether private addresses are allowed (development). */
  webhooks: WebhookOptions;
  /** Where customers' uploaded images are kept (disk under DATA_DIR, or an S3-compatible bucket). */
  media: MediaStore;
  /** The BFF's public origin when it sits behind a proxy (PUBLIC_URL); otherwise each request's own. */
  publicUrl?: string | undefined;
};

export type ConsoleRequest = {
  session: ConsoleSession | null;
  /** The raw cookie token, so sign-out can delete exactly this session. */
  sessionToken: string | null;
  /** `X-CSRF-Token`, compared with the session's token on every console mutation. */
  csrfToken: string | null;
  /** False when the browser says the request came from another site. */
  sameOrigin: boolean;
};

export type ContextInner = {
  deps: ApiDeps;
  db: Db;
  widget: WidgetAuth;
  console: ConsoleRequest;
  /** Response headers (cookies); absent when a test calls procedures directly. */
  resHeaders: Headers | null;
  /** The origin customers reach the BFF at: absolute URLs (images) in what widgets render inside other sites. */
  origin: string;
  /** Who is asking, as the socket and headers say: fraud rules compare a referrer's and a friend's. */
  client: Client;
};

export type Client = { ip: string; userAgent: string };

/**
 * The part of the context that needs no HTTP request: tests build callers from it directly.
 */
export function createContextInner(deps: ApiDeps, parts: Partial<Omit<ContextInner, 'deps' | 'db'>> = {}): ContextInner {
  return {
    deps,
    db: deps.db,
    widget: parts.widget ?? { status: 'none' },
    console: parts.console ?? { session: null, sessionToken: null, csrfToken: null, sameOrigin: true },
    resHeaders: parts.resHeaders ?? null,
    origin: parts.origin ?? deps.publicUrl ?? 'http://localhost:3000',
    client: parts.client ?? { ip: '', userAgent: '' },
  };
}

/** The adapter part: reads the tenant, customer and console session from a fetch Request. */
export async function createContext(deps: ApiDeps, req: Request, resHeaders: Headers, ip = ''): Promise<ContextInner> {
  const widget = await authenticateWidgetRequest(deps.tenants, req.headers, req.url);
  const sessionToken = readSessionCookie(req.headers.get('cookie'), deps.isProduction);
  const origin = req.headers.get('origin');
  return createContextInner(deps, {
    widget,
    console: {
      session: sessionToken ? await findSession(deps.db, sessionToken) : null,
      sessionToken,
      csrfToken: req.headers.get('x-csrf-token'),
      sameOrigin: !origin || origin === new URL(req.url).origin,
    },
    resHeaders,
    origin: deps.publicUrl ?? new URL(req.url).origin,
    client: { ip, userAgent: req.headers.get('user-agent') ?? '' },
  });
}
