import { createHash, timingSafeEqual } from 'node:crypto';
import { type CustomerClaims, InvalidTokenError, verifyCustomerToken } from './customer-token.ts';
import type { Refusal } from './refusals.ts';
import type { Tenant, TenantDirectory } from './tenant-directory.ts';

/** Who is calling, once the publishable key and the Authorization header are checked. */
export type Caller =
  | { kind: 'anonymous' }
  /** A customer, with a token the tenant's server signed. */
  | { kind: 'customer'; claims: CustomerClaims }
  /** The tenant's own server, with its secret key: may act for any of its customers. */
  | { kind: 'server' };

export type WidgetAuth =
  | { status: 'none' }
  | { status: 'ok'; tenant: Tenant; caller: Caller }
  /** `refusal` travels to the browser (a code, see refusals.ts); `reason` is for logs only. */
  | { status: 'rejected'; refusal: Refusal; reason: string };

function sameSecret(a: string, b: string) {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Resolves the tenant from `X-Flywheel-Key` and the caller from `Authorization: Bearer …`
 * (a customer JWT or the tenant's secret key), and checks the browser's Origin against the
 * tenant's allowed origins. Pages Flywheel serves itself (the demo shell, the console's
 * previews) share the BFF's origin and are always allowed. Every widget-facing route goes
 * through here.
 */
export async function authenticateWidgetRequest(tenants: TenantDirectory, headers: Headers, requestUrl: string): Promise<WidgetAuth> {
  const publishableKey = headers.get('x-flywheel-key');
  if (!publishableKey) return { status: 'none' };
  const tenant = await tenants.byPublishableKey(publishableKey);
  if (!tenant) return { status: 'rejected', refusal: 'unknown_key', reason: 'unknown publishable key' };

  const origin = headers.get('origin');
  if (origin && origin !== new URL(requestUrl).origin && !originAllowed(tenant.allowedOrigins, origin)) {
    return { status: 'rejected', refusal: 'origin_not_allowed', reason: `origin ${origin} not allowed` };
  }

  const authorization = headers.get('authorization');
  if (!authorization) return { status: 'ok', tenant, caller: { kind: 'anonymous' } };
  const match = /^Bearer ([^\s]+)$/i.exec(authorization);
  if (!match?.[1]) return { status: 'rejected', refusal: 'token_invalid', reason: 'malformed authorization header' };
  const credential = match[1];

  const secrets = secretsOf(tenant, new Date());
  if (credential.startsWith('sk_')) {
    // A secret key in a browser would be a leak; refuse it whenever the request has an Origin.
    if (origin || !secrets.some((secret) => sameSecret(credential, secret))) {
      return { status: 'rejected', refusal: 'token_invalid', reason: 'bad secret key' };
    }
    return { status: 'ok', tenant, caller: { kind: 'server' } };
  }
  let failure: InvalidTokenError | undefined;
  for (const secret of secrets) {
    try {
      const claims = await verifyCustomerToken(credential, secret);
      return { status: 'ok', tenant, caller: { kind: 'customer', claims } };
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      // "Expired" means a key's signature matched: that answer wins over another key's mismatch.
      if (!failure || error.message === 'ERR_JWT_EXPIRED') failure = error;
    }
  }
  const refusal = failure?.message === 'ERR_JWT_EXPIRED' ? 'token_expired' : 'token_invalid';
  return { status: 'rejected', refusal, reason: `token: ${failure?.message ?? 'no key'}` };
}

/** The secret keys that verify now: the current one, and the previous one during its overlap. */
function secretsOf(tenant: Tenant, now: Date): string[] {
  const previous = tenant.previousSecretKey;
  return previous && previous.validUntil > now ? [tenant.secretKey, previous.secretKey] : [tenant.secretKey];
}

/**
 * Whether a tenant allows an origin: listed exactly, or matched by a wildcard entry for its
 * subdomains (`https://*.example.com` allows `https://app.example.com`, not `https://example.com`).
 */
export function originAllowed(allowed: readonly string[], origin: string): boolean {
  return allowed.some((entry) => {
    if (!entry.includes('*')) return entry === origin;
    const [scheme, host] = entry.split('://*.');
    if (!scheme || !host) return false;
    const prefix = `${scheme}://`;
    return origin.startsWith(prefix) && origin.endsWith(`.${host}`) && !origin.slice(prefix.length, -host.length - 1).includes('/');
  });
}
