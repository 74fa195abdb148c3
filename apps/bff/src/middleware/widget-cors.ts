import type { TenantDirectory } from '@flywheel/api';
import { cors } from 'hono/cors';

/**
 * CORS for routes widgets call from their host pages. Preflights carry no publishable key, so
 * they pass for any origin some tenant allows; the request itself is then checked against its
 * own tenant's origins (authenticateWidgetRequest), and a mismatch gets no CORS header and a 403.
 */
export function widgetCors(tenants: TenantDirectory) {
  return cors({
    origin: async (origin) => ((await tenants.isAllowedByAnyTenant(origin)) ? origin : null),
    allowHeaders: ['authorization', 'content-type', 'x-flywheel-key', 'trpc-accept', 'x-trpc-source'],
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    maxAge: 600,
  });
}
