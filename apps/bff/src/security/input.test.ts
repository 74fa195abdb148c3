import { DEMO } from '@flywheel/db';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, readJson, type TestApp, widgetHeaders } from '../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const postEvents = async (batch: unknown[]) =>
  t.app.request('/api/events', { method: 'POST', headers: widgetHeaders(await t.tokenFor('alice')), body: JSON.stringify({ batch }) });
const track = (extra: Record<string, unknown> = {}) => ({ type: 'track', event: 'clicked', messageId: crypto.randomUUID(), ...extra });

describe('hostile input gets a 4xx that names the field, never a 500', () => {
  it.each([
    ['a NUL byte in the event name', track({ event: 'a\u0000b' }), 'batch.0.event'],
    ['a lone surrogate in a property', track({ properties: { note: 'x\uD800' } }), 'batch.0.properties'],
    ['a timestamp in the year 9999', track({ timestamp: '9999-01-01T00:00:00Z' }), 'batch.0.timestamp'],
  ])('%s', async (_, event, field) => {
    const res = await postEvents([event]);
    expect(res.status).toBe(400);
    expect((await readJson(res)).message).toContain(field);
  });

  it('JSON nested 5,000 levels deep', async () => {
    // Written out as text: building it as an object and stringifying it would itself overflow.
    const deep = `${'{"a":'.repeat(5000)}{}${'}'.repeat(5000)}`;
    const body = `{"batch":[{"type":"track","event":"clicked","messageId":"${crypto.randomUUID()}","properties":{"deep":${deep}}}]}`;
    const res = await t.app.request('/api/events', { method: 'POST', headers: widgetHeaders(await t.tokenFor('alice')), body });
    expect(res.status).toBe(400);
    expect((await readJson(res)).message).toContain('nests deeper than 16 levels');
  });

  it('more events than a batch may hold is 413, as the contract says', async () => {
    const res = await postEvents(Array.from({ length: 101 }, () => track()));
    expect(res.status).toBe(413);
  });

  it('a tRPC batch of more than 20 calls is 413, and runs none of them', async () => {
    const paths = Array.from({ length: 21 }, () => 'customer.me').join(',');
    const res = await t.app.request(`/trpc/${paths}?batch=1&input={}`, { headers: widgetHeaders(await t.tokenFor('alice')) });
    expect(res.status).toBe(413);
    expect((await readJson(res)).message).toContain('at most 20 procedures');
  });

  it('a customer token issued in the future is refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ sub: 'alice' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(now + 3600)
      .setExpirationTime(now + 7200)
      .sign(new TextEncoder().encode(DEMO.secretKey));
    const res = await t.app.request('/trpc/customer.me', { headers: widgetHeaders(token) });
    expect(res.status).toBe(401);
  });
});

describe('a failure of ours, in production', () => {
  it('says only that something went wrong: no SQL, no parameters, no stack', async () => {
    // A tenant whose id the database cannot take: the customer upsert fails with Postgres's own error.
    const tenant = await t.deps.tenants.byPublishableKey(DEMO.publishableKey);
    const broken = {
      ...t.deps.tenants,
      byPublishableKey: async () => (tenant ? { ...tenant, id: 'not-a-uuid' } : null),
    } as unknown as typeof t.deps.tenants;
    const production = t.appWith({ api: { ...t.deps, isProduction: true, tenants: broken } });
    const res = await production.request('/trpc/customer.me', { headers: widgetHeaders(await t.tokenFor('alice')) });
    expect(res.status).toBe(500);
    const body = JSON.stringify(await readJson(res));
    expect(body).toContain('Something went wrong on our side');
    expect(body).not.toMatch(/insert|select|not-a-uuid|alice|at \//i);
  });
});
