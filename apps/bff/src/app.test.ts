import { OTHER_TENANT } from '@flywheel/api/testing';
import { DEMO } from '@flywheel/db';
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, readJson, type TestApp, widgetHeaders } from './test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const me = (headers: Record<string, string>) => t.app.request('/trpc/customer.me', { headers });

describe('health', () => {
  it('reports alive and ready', async () => {
    expect(await readJson(await t.app.request('/healthz'))).toEqual({ status: 'ok' });
    const ready = await t.app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await readJson(ready)).toMatchObject({ status: 'ready' });
  });

  it('reports not ready when the database does not answer', async () => {
    const broken = t.appWith({
      database: { ...t.database, ping: () => Promise.reject(new Error('connection refused')) },
    });
    expect((await broken.request('/readyz')).status).toBe(503);
  });

  it('reports degraded, still serving, while flags come from a fallback', async () => {
    const source = {
      ...t.deps.flags.source,
      payloadFor: (id: string) => t.deps.flags.source.payloadFor(id),
      onChange: () => () => {},
      degradation: () => 'GrowthBook has not answered yet',
    };
    const res = await t.appWith({ api: { ...t.deps, flags: { ...t.deps.flags, source } } }).request('/readyz');
    expect(res.status).toBe(200);
    expect(await readJson(res)).toMatchObject({ status: 'degraded', flags: 'GrowthBook has not answered yet' });
  });

  it('reports degraded, still serving, when background work falls behind', async () => {
    const strict = t.appWith({
      maxLagSeconds: 1,
    });
    await t.database.db.transaction((tx) =>
      t.deps.platform.schedule(tx, {
        tenantId: t.tenantId,
        name: 'referral.approve',
        key: `lagging:${Date.now()}`,
        runAt: new Date(Date.now() - 60_000),
        payload: { referralId: '00000000-0000-4000-8000-000000000000' },
      }),
    );
    const res = await strict.request('/readyz');
    expect(res.status).toBe(200);
    expect(await readJson(res)).toMatchObject({
      status: 'degraded',
      lagging: [{ kind: 'job', name: 'referral.approve', lagSeconds: expect.any(Number) }],
    });
    await t.drain();
    expect(await readJson(await strict.request('/readyz'))).toMatchObject({ status: 'ready' });
  });

  it('serves Prometheus metrics: requests by route, events ingested, background work', async () => {
    await t.app.request('/healthz');
    await t.app.request('/api/events', {
      method: 'POST',
      headers: { ...widgetHeaders(), authorization: `Bearer ${DEMO.secretKey}` },
      body: JSON.stringify({ batch: [{ type: 'track', event: 'metrics_probe', messageId: `m-${Date.now()}`, userId: 'alice' }] }),
    });
    const res = await t.app.request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/flywheel_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(text).toMatch(/flywheel_events_ingested_total [1-9]/);
    expect(text).toContain('# TYPE flywheel_work_lag_seconds gauge');
  });

  it('keeps /metrics behind its token when one is configured', async () => {
    const guarded = t.appWith({
      metricsToken: 'a-metrics-token-16',
    });
    expect((await guarded.request('/metrics')).status).toBe(401);
    expect((await guarded.request('/metrics', { headers: { authorization: 'Bearer a-metrics-token-16' } })).status).toBe(200);
  });

  it('answers unknown routes with a 404 that names the route, and every response with a request id', async () => {
    const res = await t.app.request('/nope');
    expect(res.status).toBe(404);
    expect(await readJson(res)).toMatchObject({ message: 'No route for GET /nope.' });
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
  });
});

describe('customer tokens over HTTP', () => {
  it('customer.me answers for a valid token', async () => {
    const res = await me(widgetHeaders(await t.tokenFor('alice')));
    expect(res.status).toBe(200);
    expect(await readJson(res)).toMatchObject({ result: { data: { id: 'alice', name: 'Alice Chen' } } });
  });

  const secret = new TextEncoder().encode(DEMO.secretKey);
  const now = Math.floor(Date.now() / 1000);
  const cases: [string, string, () => Promise<Record<string, string>>][] = [
    ['no publishable key', 'missing_key', async () => ({ authorization: `Bearer ${await t.tokenFor('alice')}` })],
    ['an unknown publishable key', 'unknown_key', async () => widgetHeaders(await t.tokenFor('alice'), 'pk_live_doesnotexist')],
    ['no token', 'token_missing', async () => widgetHeaders()],
    ['a wrong signature', 'token_invalid', async () => widgetHeaders(`${(await t.tokenFor('alice')).slice(0, -3)}abc`)],
    ['alg none', 'token_invalid', async () => widgetHeaders(new UnsecuredJWT({ sub: 'alice', iat: now, exp: now + 60 }).encode())],
    [
      'alg HS384',
      'token_invalid',
      async () =>
        widgetHeaders(await new SignJWT({ sub: 'alice', iat: now, exp: now + 60 }).setProtectedHeader({ alg: 'HS384' }).sign(secret)),
    ],
    [
      'an expired token',
      'token_expired',
      async () =>
        widgetHeaders(await new SignJWT({ sub: 'alice', iat: now - 120, exp: now - 60 }).setProtectedHeader({ alg: 'HS256' }).sign(secret)),
    ],
    [
      'a missing sub',
      'token_invalid',
      async () => widgetHeaders(await new SignJWT({ iat: now, exp: now + 60 }).setProtectedHeader({ alg: 'HS256' }).sign(secret)),
    ],
    ['a token signed by another tenant', 'token_invalid', async () => widgetHeaders(await t.otherTenantTokenFor('alice'))],
    ['a Basic authorization header', 'token_invalid', async () => ({ ...widgetHeaders(), authorization: 'Basic YWxpY2U6eA==' })],
  ];

  it.each(cases)(
    'rejects %s with a 401 whose reason names the kind of mistake, never the token’s details',
    async (_name, reason, headers) => {
      const res = await me(await headers());
      expect(res.status).toBe(401);
      const body = await readJson(res);
      expect(body.error.message).toBe('Not authenticated.');
      expect(body.error.data.reason).toBe(reason);
      expect(JSON.stringify(body)).not.toMatch(/signature|alg|sub|jws|jwt/i);
    },
  );
});

describe('origins and CORS', () => {
  it('serves an allowed origin with its CORS header', async () => {
    const res = await me({ ...widgetHeaders(await t.tokenFor('alice')), origin: 'http://localhost:3100' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3100');
  });

  it('refuses an origin the tenant did not allow, even one another tenant allows, in a refusal the page can read', async () => {
    const res = await me({ ...widgetHeaders(await t.tokenFor('alice')), origin: OTHER_TENANT.origin });
    expect(res.status).toBe(403);
    const evil = await me({ ...widgetHeaders(await t.tokenFor('alice')), origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    // Readable, so embed.js can say what to fix; the refusal itself is all the page gets.
    expect(evil.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    expect((await readJson(evil)).error.data.reason).toBe('origin_not_allowed');
  });

  it('allows a subdomain by a wildcard origin, and only subdomains', async () => {
    const { originAllowed } = await import('@flywheel/api');
    expect(originAllowed(['https://*.acme.com'], 'https://app.acme.com')).toBe(true);
    expect(originAllowed(['https://*.acme.com'], 'https://eu.app.acme.com')).toBe(true);
    expect(originAllowed(['https://*.acme.com'], 'https://acme.com')).toBe(false);
    expect(originAllowed(['https://*.acme.com'], 'https://evilacme.com')).toBe(false);
    expect(originAllowed(['https://*.acme.com'], 'http://app.acme.com')).toBe(false);
  });

  it('always lets pages the BFF serves itself call it (same origin), whatever port it runs on', async () => {
    const res = await me({ ...widgetHeaders(await t.tokenFor('alice')), origin: 'http://localhost' });
    expect(res.status).toBe(200);
  });

  it('answers preflights from any page: the request itself is checked against its tenant’s origins', async () => {
    const preflight = (origin: string) =>
      t.app.request('/trpc/customer.me', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-flywheel-key,authorization' },
      });
    const allowed = await preflight('http://localhost:3100');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3100');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('x-flywheel-key');
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBe('https://evil.example');
  });
});

describe('tenant isolation', () => {
  it('a second tenant’s customer with the same id sees only their own record', async () => {
    const res = await me(widgetHeaders(await t.otherTenantTokenFor('alice'), OTHER_TENANT.publishableKey));
    expect(res.status).toBe(200);
    const { result } = await readJson(res);
    expect(result.data).toEqual({ id: 'alice', name: null, email: null, traits: {}, segments: {} });
  });

  it('a second tenant cannot change the first tenant’s customer through identify', async () => {
    const res = await t.app.request('/trpc/customer.identify', {
      method: 'POST',
      headers: widgetHeaders(await t.otherTenantTokenFor('alice'), OTHER_TENANT.publishableKey),
      body: JSON.stringify({ traits: { locale: 'zh-CN' } }),
    });
    expect(res.status).toBe(200);
    const demoAlice = await readJson(await me(widgetHeaders(await t.tokenFor('alice'))));
    expect(demoAlice.result.data.traits.locale).toBe('en');
  });

  it('the first tenant’s key with the second tenant’s token is refused', async () => {
    expect((await me(widgetHeaders(await t.otherTenantTokenFor('alice'), DEMO.publishableKey))).status).toBe(401);
  });
});

describe('bad input to procedures', () => {
  it('identify names the bad field in a 400', async () => {
    const res = await t.app.request('/trpc/customer.identify', {
      method: 'POST',
      headers: widgetHeaders(await t.tokenFor('bob')),
      body: JSON.stringify({ traits: { plan: { nested: true } } }),
    });
    expect(res.status).toBe(400);
    const { error } = await readJson(res);
    expect(error.message).toContain('traits.plan');
    expect(error.data.issues[0].path).toBe('traits.plan');
  });

  it('sign-in names the bad field in a 400', async () => {
    const res = await t.app.request('/trpc/console.auth.signIn', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nope', password: '' }),
    });
    expect(res.status).toBe(400);
    const { error } = await readJson(res);
    expect(error.data.issues.map((i: { path: string }) => i.path)).toEqual(['email', 'password']);
  });

  it.each([
    ['/trpc/customer.identify', '{not json'],
    ['/trpc/customer.identify', '[]'],
    ['/trpc/customer.identify', 'null'],
    ['/trpc/console.auth.signIn', '"string"'],
    ['/trpc/console.auth.signIn', '{"email": 1, "password": []}'],
  ])('never answers garbage with a 500: %s %s', async (path, body) => {
    const res = await t.app.request(path, { method: 'POST', headers: widgetHeaders(await t.tokenFor('bob')), body });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('answers an unknown procedure with 404', async () => {
    expect((await t.app.request('/trpc/customer.nope', { headers: widgetHeaders(await t.tokenFor('bob')) })).status).toBe(404);
  });
});

describe('console sessions over HTTP', () => {
  it('signs in with a cookie, reads the session, and needs the CSRF header to sign out', async () => {
    const signIn = await t.app.request('/trpc/console.auth.signIn', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ email: 'owner@flywheel.test', password: DEMO.consolePassword }),
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^fw_session=/);
    const { result } = await readJson(signIn);

    const session = await t.app.request('/trpc/console.auth.session', { headers: { cookie } });
    expect(await readJson(session)).toMatchObject({ result: { data: { role: 'owner', email: 'owner@flywheel.test' } } });

    const forged = await t.app.request('/trpc/console.auth.signOut', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
    });
    expect(forged.status).toBe(403);
    const crossSite = await t.app.request('/trpc/console.auth.signOut', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': result.data.csrfToken, origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    const signOut = await t.app.request('/trpc/console.auth.signOut', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': result.data.csrfToken },
    });
    expect(signOut.status).toBe(200);
    expect((await t.app.request('/trpc/console.auth.session', { headers: { cookie } })).status).toBe(401);
  });
});

describe('demo routes', () => {
  it.each([
    ['/demo/token', { customer: 'Not An Id!' }, 'customer'],
    ['/demo/signup', { name: '', email: 'nope' }, 'name'],
    ['/demo/subscribe', { customer: 'alice', plan: 'platinum' }, 'plan'],
    ['/demo/plan', { customer: '' }, 'customer'],
  ])('answer bad input to %s with a 400 naming the field', async (path, body, field) => {
    const res = await t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    const json = await readJson(res);
    expect(json.issues.map((i: { path: string }) => i.path)).toContain(field);
  });

  it('keep the plan a customer subscribed to, as the demo product’s billing would', async () => {
    const post = (path: string, body: unknown) =>
      t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(await readJson(await post('/demo/plan', { customer: 'alice' }))).toEqual({ plan: 'pro' });
    expect(await readJson(await post('/demo/plan', { customer: 'carol' }))).toEqual({ plan: 'free' });
    await post('/demo/subscribe', { customer: 'carol', plan: 'pro' });
    expect(await readJson(await post('/demo/plan', { customer: 'carol' }))).toEqual({ plan: 'pro' });
  });
});
