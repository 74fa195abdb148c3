import { schema } from '@flywheel/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, widgetHeaders } from '../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /r/:code', () => {
  it('records the click once per visitor and redirects to the landing page with ?ref and the visitor id', async () => {
    const summary = await t.app.request('/trpc/referral.summary', { headers: widgetHeaders(await t.tokenFor('alice')) });
    const { code } = ((await summary.json()) as { result: { data: { code: string } } }).result.data;
    const first = await t.app.request(`/r/${code.toLowerCase()}?via=email`);
    expect(first.status).toBe(302);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^fw_visitor=/);
    const visitor = cookie.slice('fw_visitor='.length);
    expect(first.headers.get('location')).toBe(`http://localhost:3000/?ref=${code}&fw_click=${visitor}`);
    await t.app.request(`/r/${code}?via=email`, { headers: { cookie } });
    const clicks = await t.database.db.select().from(schema.referralClicks).where(eq(schema.referralClicks.code, code));
    expect(clicks).toEqual([expect.objectContaining({ channel: 'email' })]);
  });

  it('counts a client that keeps no cookies once, by IP and user agent, with one visitor id', async () => {
    const summary = await t.app.request('/trpc/referral.summary', { headers: widgetHeaders(await t.tokenFor('bob')) });
    const { code } = ((await summary.json()) as { result: { data: { code: string } } }).result.data;
    const locations = new Set<string | null>();
    for (let i = 0; i < 30; i++) {
      const res = await t.app.request(`/r/${code}`, { headers: { 'user-agent': 'curl/8.0' } });
      locations.add(res.headers.get('location'));
    }
    expect(locations.size).toBe(1);
    const other = await t.app.request(`/r/${code}`, { headers: { 'user-agent': 'Mozilla/5.0 (another browser)' } });
    expect(locations.has(other.headers.get('location'))).toBe(false);
    const clicks = await t.database.db.select().from(schema.referralClicks).where(eq(schema.referralClicks.code, code));
    expect(clicks).toHaveLength(2);
  });

  it('answers an unknown or malformed code with a 404 page', async () => {
    expect((await t.app.request('/r/ZZZZZZZZ')).status).toBe(404);
    expect((await t.app.request('/r/<script>')).status).toBe(404);
  });
});

describe('GET /r/:code/qr.png', () => {
  it('draws the link’s QR code with its share channel, and nothing for a malformed code', async () => {
    const summary = await t.app.request('/trpc/referral.summary', { headers: widgetHeaders(await t.tokenFor('carol')) });
    const { code } = ((await summary.json()) as { result: { data: { code: string } } }).result.data;
    const qr = await t.app.request(`/r/${code}/qr.png?via=wechat`);
    expect(qr.status).toBe(200);
    expect(qr.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await qr.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect((await t.app.request('/r/<script>/qr.png')).status).toBe(404);
  });
});
