import { signCustomerToken } from '@flywheel/api';
import { DEMO } from '@flywheel/db';
import { Hono } from 'hono';
import { z } from 'zod';
import { httpError } from '../http-error.ts';

const TOKEN_TTL_SECONDS = 3600;
const demoCustomer = z.object({ customer: z.enum(DEMO.customers.map((c) => c.externalId)) });

/**
 * Demo-only: plays the demo tenant's server, signing tokens for the seeded customers so the
 * shell and the e2e journeys can sign in. createApp mounts it only outside production.
 */
export function demoRoutes() {
  return new Hono().post('/token', async (c) => {
    const parsed = demoCustomer.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) {
      return httpError(c, 400, 'invalid_request', `customer: must be one of ${DEMO.customers.map((x) => x.externalId).join(', ')}`);
    }
    const customer = DEMO.customers.find((x) => x.externalId === parsed.data.customer);
    const token = await signCustomerToken(DEMO.secretKey, {
      sub: parsed.data.customer,
      name: customer?.name,
      email: customer?.email,
      ttlSeconds: TOKEN_TTL_SECONDS,
    });
    return c.json({ token, expiresAt: new Date(Date.now() + TOKEN_TTL_SECONDS * 1000).toISOString() });
  });
}
