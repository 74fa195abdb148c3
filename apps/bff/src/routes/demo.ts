import { randomBytes, randomUUID } from 'node:crypto';
import { type ApiDeps, ingestBatch, originAllowed, publicApi, signCustomerToken } from '@flywheel/api';
import { DEMO, schema } from '@flywheel/db';
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { httpError, invalidRequest } from '../http-error.ts';
import { corsFirst } from '../middleware/headers-first.ts';

const TOKEN_TTL_SECONDS = 3600;
const customerId = z.string().regex(/^[a-z0-9-]{1,64}$/);
/** The demo product's monthly prices: a billing system reports what the customer pays (referral revenue). */
const DEMO_PRICES = { free: 0, starter: 19, pro: 49 } as const;

/**
 * Demo-only: plays the demo tenant's server for the shell and the e2e journeys: signs tokens for
 * its customers, signs new customers up (with the referral code they arrived with), reports
 * their subscriptions and says which plan each is on. createApp mounts it only outside production.
 */
export function demoRoutes(deps: ApiDeps) {
  const demoTenant = async () => {
    const tenant = await deps.tenants.byPublishableKey(DEMO.publishableKey);
    if (!tenant) throw new Error('demo tenant missing');
    return tenant;
  };
  const body = async <T>(c: { req: { json(): Promise<unknown> } }, schemaFor: z.ZodType<T>) =>
    schemaFor.safeParse(await c.req.json().catch(() => null));

  return (
    new Hono()
      // Only the demo tenant's own pages may get its tokens: a demo server plays a tenant's server.
      .use(
        corsFirst({
          origin: async (origin) => (originAllowed((await demoTenant()).allowedOrigins, origin) ? origin : null),
          allowHeaders: ['content-type'],
          allowMethods: ['POST', 'OPTIONS'],
        }),
      )
      .post('/token', async (c) => {
        const parsed = await body(c, z.object({ customer: customerId }));
        if (!parsed.success) return invalidRequest(c, parsed.error);
        const tenant = await demoTenant();
        const [customer] = await deps.db
          .select({ name: schema.customers.name, email: schema.customers.email })
          .from(schema.customers)
          .where(and(eq(schema.customers.tenantId, tenant.id), eq(schema.customers.externalId, parsed.data.customer)));
        if (!customer) return httpError(c, 400, 'invalid_request', `customer: no demo customer "${parsed.data.customer}"`);
        const token = await signCustomerToken(DEMO.secretKey, {
          sub: parsed.data.customer,
          name: customer.name ?? undefined,
          email: customer.email ?? undefined,
          ttlSeconds: TOKEN_TTL_SECONDS,
        });
        return c.json({ token, expiresAt: new Date(Date.now() + TOKEN_TTL_SECONDS * 1000).toISOString() });
      })
      .post('/signup', async (c) => {
        const parsed = await body(
          c,
          z.object({
            name: z.string().trim().min(1).max(100),
            email: z.email(),
            ref: z.string().max(20).optional(),
            click: z.string().max(128).optional(),
          }),
        );
        if (!parsed.success) return invalidRequest(c, parsed.error);
        const tenant = await demoTenant();
        const customer = `demo-${randomBytes(4).toString('hex')}`;
        const { name, email, ref, click } = parsed.data;
        await ingestBatch(deps, tenant.id, { kind: 'server' }, [
          {
            type: 'identify',
            messageId: randomUUID(),
            userId: customer,
            traits: {
              name,
              email,
              plan: 'free',
              ...(ref ? { referral_code: ref } : {}),
              ...(ref && click ? { referral_click: click } : {}),
            },
          },
        ]);
        return c.json({ customer });
      })
      .post('/subscribe', async (c) => {
        const parsed = await body(c, z.object({ customer: customerId, plan: z.enum(['free', 'starter', 'pro']) }));
        if (!parsed.success) return invalidRequest(c, parsed.error);
        const tenant = await demoTenant();
        // As a billing system would: the customer's plan trait changes, and the subscription is reported.
        await ingestBatch(deps, tenant.id, { kind: 'server' }, [
          { type: 'identify', messageId: randomUUID(), userId: parsed.data.customer, traits: { plan: parsed.data.plan } },
          {
            type: 'track',
            event: 'subscription_started',
            messageId: randomUUID(),
            userId: parsed.data.customer,
            properties: { plan: parsed.data.plan, revenue: DEMO_PRICES[parsed.data.plan], currency: 'USD' },
          },
        ]);
        return c.json({ subscribed: parsed.data.plan });
      })
      // The demo product's own record of a customer's plan: the shell shows it, and it survives reloads.
      .post('/plan', async (c) => {
        const parsed = await body(c, z.object({ customer: customerId }));
        if (!parsed.success) return invalidRequest(c, parsed.error);
        const customer = await publicApi.customerById(deps.db, (await demoTenant()).id, parsed.data.customer);
        const plan = customer?.traits.plan;
        return c.json({ plan: typeof plan === 'string' ? plan : 'free' });
      })
  );
}
