import { LiveHub } from '@flywheel/api';
import { customerCaller } from '@flywheel/api/testing';
import { createDatabase, DEMO, queryRows } from '@flywheel/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, widgetHeaders } from '../test-app.ts';
import { readSse } from '../test-sse.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let people = 0;
/** The tenant's server sends events, and the reactions they cause run (as the worker would). */
async function serverSends(batch: unknown[], app = t.app) {
  const res = await app.request('/api/events', {
    method: 'POST',
    headers: { 'x-flywheel-key': DEMO.publishableKey, authorization: `Bearer ${DEMO.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ batch }),
  });
  expect(res.status).toBe(200);
  await t.drain();
}
const identify = (userId: string, traits: Record<string, unknown>) => ({
  type: 'identify',
  messageId: crypto.randomUUID(),
  userId,
  traits,
});

/** A referrer with a code, and their open live stream (after `ready`). */
async function referrerWatching(app = t.app) {
  const sub = `live-referrer-${++people}`;
  await serverSends([identify(sub, { name: `Referrer ${people}` })]);
  const { code } = await (await customerCaller(t, sub)).referral.summary();
  const res = await app.request('/api/live', { headers: widgetHeaders(await t.tokenFor(sub)) });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const stream = readSse(res);
  await stream.next('ready');
  return { sub, code, stream };
}

describe('GET /api/live', () => {
  it('tells a referrer’s open widgets when their friend signs up', async () => {
    const { sub, code, stream } = await referrerWatching();
    await serverSends([identify(`${sub}-friend`, { referral_code: code })]);
    await expect(stream.next('changed')).resolves.toMatchObject({ event: 'changed' });
    await stream.close();
  });

  it('names the domain event when it is about the watching customer, so the page can tell its host', async () => {
    const { sub, stream } = await referrerWatching();
    const awarded = await t.app.request(`/api/v1/customers/${sub}/badges`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEMO.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ badge: 'first-invite' }),
    });
    expect(awarded.status).toBe(200);
    const names: (string | null)[] = [];
    while (!names.includes('badge_awarded')) names.push(JSON.parse((await stream.next('changed')).data).event);
    expect(names.every((name) => name === null || /^(badge|reward)_/.test(name))).toBe(true);
    await stream.close();
  });

  it('has nothing to stream to anonymous visitors, and refuses unknown keys', async () => {
    expect((await t.app.request('/api/live', { headers: widgetHeaders() })).status).toBe(204);
    expect((await t.app.request('/api/live')).status).toBe(401);
    expect((await t.app.request('/api/live', { headers: widgetHeaders(undefined, 'pk_test_nobody') })).status).toBe(401);
    const foreign = await t.app.request('/api/live', {
      headers: { ...widgetHeaders(await t.tokenFor('x')), origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
  });

  it('a hub only wakes the streams of the customer a message names', () => {
    const hub = new LiveHub();
    const woken: string[] = [];
    const stop = hub.subscribe('tenant-1', 'alice', () => woken.push('alice'));
    hub.subscribe('tenant-1', 'bob', () => woken.push('bob'));
    hub.subscribe('tenant-2', 'alice', () => woken.push('other tenant’s alice'));
    hub.dispatch(JSON.stringify({ tenantId: 'tenant-1', userId: 'alice', event: 'badge_awarded' }));
    hub.dispatch('not json');
    expect(woken).toEqual(['alice']);
    stop();
    expect(hub.size).toBe(2);
  });

  // Replicas share nothing but Postgres: a change committed through one reaches a stream on another.
  it.runIf(process.env.DATABASE_URL)('reaches a stream held by another replica', async () => {
    const [current] = await queryRows<{ name: string }>(t.database.db, sql`select current_database() as name`);
    const url = new URL(process.env.DATABASE_URL as string);
    url.pathname = `/${current?.name}`;
    const other = await createDatabase({ databaseUrl: url.toString() });
    const hub = new LiveHub();
    const stop = await hub.listen(other);
    try {
      const { sub, code, stream } = await referrerWatching(t.appWith({ database: other, live: hub }));
      await serverSends([identify(`${sub}-friend`, { referral_code: code })]);
      await expect(stream.next('changed')).resolves.toMatchObject({ event: 'changed' });
      await stream.close();
    } finally {
      await stop();
      await other.close();
    }
  });
});
