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

  it('answers an unknown or malformed code with a 404 page', async () => {
    expect((await t.app.request('/r/ZZZZZZZZ')).status).toBe(404);
    expect((await t.app.request('/r/<script>')).status).toBe(404);
  });
});
