import { OTHER_TENANT } from '@flywheel/api/testing';
import { DEMO, schema } from '@flywheel/db';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, readJson, type TestApp, widgetHeaders } from '../test-app.ts';

let t: TestApp;
/** This browser's visitor id, as the BFF issued it. */
let visitor: string;
beforeAll(async () => {
  t = await createTestApp();
  visitor = t.anonymousId();
});
afterAll(() => t.close());

const post = (body: unknown, headers: Record<string, string> = widgetHeaders()) =>
  t.app.request('/api/events', { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

const track = (messageId: string, extra: Record<string, unknown> = {}) => ({
  type: 'track',
  event: 'invite_sent',
  messageId,
  anonymousId: visitor,
  properties: { channel: 'email' },
  ...extra,
});

async function storedEvents(tenantId: string, messageIdPrefix: string) {
  return t.database.db
    .select()
    .from(schema.events)
    .where(and(eq(schema.events.tenantId, tenantId), like(schema.events.messageId, `${messageIdPrefix}%`)));
}

describe('POST /api/events', () => {
  it('stores a Segment-shaped batch and tells how many were new', async () => {
    const res = await post({
      batch: [
        track('ok-1'),
        { type: 'page', name: 'Pricing', messageId: 'ok-2', anonymousId: visitor, timestamp: '2026-11-20T10:00:00Z' },
        { type: 'identify', messageId: 'ok-3', anonymousId: visitor, traits: { locale: 'en' } },
      ],
    });
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ accepted: 3, duplicates: 0 });
    const rows = await storedEvents(t.tenantId, 'ok-');
    expect(rows.map((r) => [r.type, r.event]).sort()).toEqual([
      ['identify', null],
      ['page', 'Pricing'],
      ['track', 'invite_sent'],
    ]);
    expect(rows.find((r) => r.type === 'page')?.timestamp.toISOString()).toBe('2026-11-20T10:00:00.000Z');
  });

  it('is idempotent by messageId, across requests and inside one batch', async () => {
    expect(await readJson(await post({ batch: [track('dup-1'), track('dup-1')] }))).toEqual({ accepted: 1, duplicates: 1 });
    expect(await readJson(await post({ batch: [track('dup-1'), track('dup-2')] }))).toEqual({ accepted: 1, duplicates: 1 });
    expect(await storedEvents(t.tenantId, 'dup-')).toHaveLength(2);
  });

  it('refuses a messageId reused for a different event with 409 naming it, and stores nothing of that batch', async () => {
    expect(await readJson(await post({ batch: [track('reuse-1')] }))).toEqual({ accepted: 1, duplicates: 0 });
    // A retry: same content, even without a timestamp (the first one got the receive time).
    expect(await readJson(await post({ batch: [track('reuse-1')] }))).toEqual({ accepted: 0, duplicates: 1 });
    const reused = await post({ batch: [track('reuse-2'), track('reuse-1', { properties: { channel: 'social' } })] });
    expect(reused.status).toBe(409);
    expect(await readJson(reused)).toMatchObject({ error: 'message_id_reused', message: expect.stringMatching(/^batch\.1\.messageId: /) });
    // Inside one batch too.
    const twice = await post({ batch: [track('reuse-3'), track('reuse-3', { event: 'link_copied' })] });
    expect(twice.status).toBe(409);
    // An identify (stored with its inline reactions) the same way.
    const identify = (locale: string) => ({ type: 'identify', messageId: 'reuse-id', anonymousId: visitor, traits: { locale } });
    expect((await post({ batch: [identify('en')] })).status).toBe(200);
    expect((await post({ batch: [identify('zh-CN')] })).status).toBe(409);
    expect((await storedEvents(t.tenantId, 'reuse-')).map((e) => [e.messageId, e.properties]).sort()).toEqual([
      ['reuse-1', { channel: 'email' }],
      ['reuse-id', { locale: 'en' }],
    ]);
  });

  it('stores each messageId once when the same batch arrives 20 times at once', async () => {
    const batch = { batch: Array.from({ length: 5 }, (_, i) => track(`race-${i}`)) };
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(batch)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const results = await Promise.all(responses.map(readJson));
    expect(results.reduce((sum, r) => sum + r.accepted, 0)).toBe(5);
    expect(await storedEvents(t.tenantId, 'race-')).toHaveLength(5);
  });

  it('saves nothing from a batch with one bad event, and names the field', async () => {
    const res = await post({ batch: [track('half-1'), track('half-2', { event: '' })] });
    expect(res.status).toBe(400);
    const body = await readJson(res);
    expect(body.issues).toEqual([{ path: 'batch.1.event', message: expect.any(String) }]);
    expect(body.message).toContain('batch.1.event');
    expect(await storedEvents(t.tenantId, 'half-')).toHaveLength(0);
  });

  it.each([
    ['{"batch": [', 'body'],
    ['[]', '(body)'],
    [{ batch: 'nope' }, 'batch'],
    [{ batch: [{ type: 'track', event: 'x', messageId: 'm' }] }, 'batch.0.userId'],
    [{ batch: [{ type: 'screen', messageId: 'm', userId: 'u' }] }, 'batch.0.type'],
  ])('answers %j with a 400 naming %s', async (body, field) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect((await readJson(res)).message).toContain(field);
  });

  it('answers an oversized body with 413 and stores nothing', async () => {
    const big = { batch: [track('big-1', { properties: { padding: 'x'.repeat(600 * 1024) } })] };
    const res = await post(big);
    expect(res.status).toBe(413);
    expect(await storedEvents(t.tenantId, 'big-')).toHaveLength(0);
  });

  it('lets an anonymous visitor send only anonymous events', async () => {
    const res = await post({ batch: [track('anon-1'), track('anon-2', { userId: 'alice' })] });
    expect(res.status).toBe(403);
    expect((await readJson(res)).message).toContain('batch.1.userId');
    expect(await storedEvents(t.tenantId, 'anon-')).toHaveLength(0);
  });

  it('lets a customer speak only for themselves, filling in their userId', async () => {
    const token = await t.tokenFor('alice');
    expect((await post({ batch: [track('self-1', { userId: 'bob' })] }, widgetHeaders(token))).status).toBe(403);
    expect((await post({ batch: [track('self-2')] }, widgetHeaders(token))).status).toBe(200);
    const [row] = await storedEvents(t.tenantId, 'self-');
    expect(row?.userId).toBe('alice');
  });

  it('lets the tenant’s server send for any customer with its secret key, but never from a browser', async () => {
    const server = { ...widgetHeaders(), authorization: `Bearer ${DEMO.secretKey}` };
    const res = await post(
      { batch: [{ type: 'identify', messageId: 'srv-1', userId: 'zoe', anonymousId: 'anon-zoe', traits: { plan: 'pro' } }] },
      server,
    );
    expect(res.status).toBe(200);
    const [zoe] = await t.database.db.select().from(schema.customers).where(eq(schema.customers.externalId, 'zoe'));
    expect(zoe?.traits).toEqual({ plan: 'pro' });
    const fromBrowser = await post({ batch: [track('srv-2', { userId: 'zoe' })] }, { ...server, origin: 'http://localhost:3100' });
    expect(fromBrowser.status).toBe(401);
    const wrongSecret = await post({ batch: [track('srv-3')] }, { ...widgetHeaders(), authorization: `Bearer ${OTHER_TENANT.secretKey}` });
    expect(wrongSecret.status).toBe(401);
  });

  it('takes catalogued events only from their senders and with their properties', async () => {
    const token = await t.tokenFor('carol');
    const claim = await post(
      {
        batch: [
          track('cat-1', {
            event: 'referral_qualified',
            properties: { referral_id: crypto.randomUUID(), referrer_id: crypto.randomUUID() },
          }),
        ],
      },
      widgetHeaders(token),
    );
    expect(claim.status).toBe(403);
    expect((await readJson(claim)).message).toBe('batch.0.event: only Flywheel itself may record referral_qualified');
    const purchase = await post({ batch: [track('cat-2', { event: 'subscription_started' })] }, widgetHeaders(token));
    expect((await readJson(purchase)).message).toContain('only the tenant’s server (secret key) may record subscription_started');
    const badChannel = await post(
      { batch: [track('cat-3', { event: 'referral_invite_sent', properties: { channel: 'fax' } })] },
      widgetHeaders(token),
    );
    expect(badChannel.status).toBe(400);
    expect(JSON.stringify(await readJson(badChannel))).toContain('batch.0.properties.channel');
    expect(await storedEvents(t.tenantId, 'cat-')).toHaveLength(0);
  });

  it('lets a customer’s identify set only the traits the tenant lets customers own', async () => {
    const token = await t.tokenFor('erin');
    const identify = (messageId: string, traits: Record<string, unknown>) => ({ type: 'identify', messageId, userId: 'erin', traits });
    const owned = await post({ batch: [identify('own-1', { locale: 'zh-CN', timeZone: 'Asia/Shanghai' })] }, widgetHeaders(token));
    expect(owned.status).toBe(200);
    const email = await post({ batch: [identify('own-2', { email: 'someone-else@example.com' })] }, widgetHeaders(token));
    expect(email.status).toBe(403);
    expect((await readJson(email)).message).toContain('batch.0.traits.email');
    const [erin] = await t.database.db.select().from(schema.customers).where(eq(schema.customers.externalId, 'erin'));
    expect(erin?.email).toBe('erin@example.com');
  });

  it('needs a known publishable key', async () => {
    expect((await post({ batch: [track('nokey-1')] }, { 'content-type': 'application/json' })).status).toBe(401);
    expect((await post({ batch: [track('nokey-2')] }, widgetHeaders(undefined, 'pk_live_unknown'))).status).toBe(401);
  });

  it('keeps tenants apart: the same messageId is two events, each visible only to its tenant', async () => {
    const otherVisitor = t.deps.anonymousIds.issue(t.otherTenantId);
    await post({ batch: [track('iso-1')] });
    await post({ batch: [track('iso-1', { anonymousId: otherVisitor })] }, widgetHeaders(undefined, OTHER_TENANT.publishableKey));
    expect(await storedEvents(t.tenantId, 'iso-')).toHaveLength(1);
    expect(await storedEvents(t.otherTenantId, 'iso-')).toHaveLength(1);
  });

  it('takes from browsers only anonymous ids the BFF issued, and for this tenant', async () => {
    const issued = await t.app.request('/api/anonymous-ids', { method: 'POST', headers: widgetHeaders() });
    expect(issued.status).toBe(201);
    const { anonymousId } = await readJson(issued);
    expect((await post({ batch: [track('issued-1', { anonymousId })] })).status).toBe(200);
    for (const madeUp of [crypto.randomUUID(), `${crypto.randomUUID()}.${'A'.repeat(22)}`, t.deps.anonymousIds.issue(t.otherTenantId)]) {
      const res = await post({ batch: [track('issued-2', { anonymousId: madeUp })] });
      expect(res.status).toBe(403);
      expect((await readJson(res)).message).toMatch(/^batch\.0\.anonymousId: was not issued by Flywheel/);
    }
    // The tenant's server names its visitors as it likes (Segment's anonymousId).
    const server = { ...widgetHeaders(), authorization: `Bearer ${DEMO.secretKey}` };
    expect((await post({ batch: [track('issued-3', { anonymousId: 'server-side-visitor' })] }, server)).status).toBe(200);
    expect((await storedEvents(t.tenantId, 'issued-')).map((e) => e.messageId).sort()).toEqual(['issued-1', 'issued-3']);
  });
});
