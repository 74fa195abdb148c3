import type { Tenant, TenantDirectory } from '@flywheel/api';
import type { MiddlewareHandler } from 'hono';
import { httpError } from '../../http-error.ts';

export type RestEnv = { Variables: { tenant: Tenant } };

/**
 * The REST API is for tenants' servers: `Authorization: Bearer sk_…` alone names and authenticates
 * the tenant (during a rotation's overlap the previous key still does). Browsers never hold the
 * secret key, so there is no CORS here and no publishable key.
 */
export function secretKeyAuth(tenants: TenantDirectory): MiddlewareHandler<RestEnv> {
  return async (c, next) => {
    const token = /^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (!token) {
      return httpError(
        c,
        401,
        'secret_key_missing',
        'Send your secret key as `Authorization: Bearer sk_…` (Console → Settings shows how to rotate it).',
      );
    }
    if (token.startsWith('pk_')) {
      return httpError(c, 401, 'publishable_key', 'That is a publishable key, which is public; the REST API takes your secret key (sk_…).');
    }
    const tenant = await tenants.bySecretKey(token);
    if (!tenant) {
      return httpError(
        c,
        401,
        'unknown_secret_key',
        'No tenant has this secret key: it is mistyped, or it was rotated and its overlap ended.',
      );
    }
    c.set('tenant', tenant);
    await next();
  };
}
