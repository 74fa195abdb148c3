import { schema } from '@flywheel/db';
import { and, eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, readJson, type TestApp, widgetHeaders } from '../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** An award of the seeded "Refer 3 friends" badge for a customer, made directly: the earning itself is the API's test. */
async function awardFor(sub: string, badgeSlug = 'refer-3-friends') {
  await t.app.request('/trpc/customer.me', { headers: widgetHeaders(await t.tokenFor(sub, { name: `${sub} Example` })) });
  const [customer] = await t.database.db
    .select({ id: schema.customers.id })
    .from(schema.customers)
    .where(and(eq(schema.customers.tenantId, t.tenantId), eq(schema.customers.externalId, sub)));
  const [badge] = await t.database.db
    .select({ id: schema.badges.id })
    .from(schema.badges)
    .where(and(eq(schema.badges.tenantId, t.tenantId), eq(schema.badges.slug, badgeSlug)));
  const [award] = await t.database.db
    .insert(schema.badgeAwards)
    .values({
      tenantId: t.tenantId,
      badgeId: badge?.id as string,
      customerId: customer?.id as string,
      tier: 'standard',
      statusIndex: Math.floor(Math.random() * 131_072),
    })
    .returning();
  return award?.id as string;
}

async function share(sub: string, awardId: string, visible: boolean) {
  const res = await t.app.request('/trpc/achievements.share', {
    method: 'POST',
    headers: { ...widgetHeaders(await t.tokenFor(sub)), 'content-type': 'application/json' },
    body: JSON.stringify({ awardId, public: visible }),
  });
  expect(res.status).toBe(200);
}

/** The text of a PNG's iTXt chunk with this keyword: what an Open Badges verifier reads out of a baked image. */
function iTxt(png: Buffer, keyword: string): string | null {
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'iTXt' && data.toString('latin1', 0, keyword.length + 1) === `${keyword}\0`) {
      // keyword\0, compression flag and method, language tag\0, translated keyword\0, then the text.
      let offset = keyword.length + 3;
      for (let nul = 0; nul < 2; nul++) offset = data.indexOf(0, offset) + 1;
      return data.toString('utf8', offset);
    }
    at += 12 + length;
  }
  return null;
}

describe('public badge pages', () => {
  it('show nothing until the customer makes the badge public', async () => {
    const id = await awardFor('page-private');
    expect((await t.app.request(`/b/${id}`)).status).toBe(404);
    expect((await t.app.request(`/api/credentials/${id}`)).status).toBe(404);
    expect((await t.app.request(`/b/${id}/og.png`)).status).toBe(404);
  });

  it('render plain HTML with Open Graph and Twitter card tags, in the visitor’s language', async () => {
    const id = await awardFor('page-public');
    await share('page-public', id, true);
    const res = await t.app.request(`/b/${id}`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).not.toContain('<script');
    expect(page).toContain('<meta property="og:title" content="Refer 3 friends">');
    expect(page).toContain(`<meta property="og:image" content="http://localhost/b/${id}/og.png?lang=en">`);
    expect(page).toContain('<meta name="twitter:card" content="summary_large_image">');
    // First name only: the surname and email stay private.
    expect(page).toContain('page-public earned this badge from Acme Analytics (demo)');
    expect(page).toContain(`href="/api/credentials/${id}"`);

    const zh = await (await t.app.request(`/b/${id}`, { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } })).text();
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('推荐 3 位好友');

    await share('page-public', id, false);
    expect((await t.app.request(`/b/${id}`)).status).toBe(404);
  });

  it('serve a 1200×630 PNG for link previews, and the badge image with its credential baked in', async () => {
    const id = await awardFor('page-images');
    await share('page-images', id, true);
    const og = await t.app.request(`/b/${id}/og.png`);
    expect(og.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await og.arrayBuffer());
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);

    const qr = await t.app.request(`/b/${id}/qr.png`);
    expect(qr.headers.get('content-type')).toBe('image/png');
    const baked = Buffer.from(await (await t.app.request(`/b/${id}/badge.png`)).arrayBuffer());
    const credential = await t.app.request(`/api/credentials/${id}`);
    expect(credential.headers.get('content-type')).toBe('application/vc+jwt');
    const jwt = await credential.text();
    expect(iTxt(baked, 'openbadgecredential')).toBe(jwt);
    expect(decodeJwt(jwt)).toMatchObject({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      iss: `did:web:localhost:issuers:${t.tenantId}`,
    });
  });

  it('serve the issuer’s DID document and status list, and answer a malformed id with 404, not 500', async () => {
    const did = await t.app.request(`/issuers/${t.tenantId}/did.json`);
    expect(did.headers.get('access-control-allow-origin')).toBe('*');
    expect(await readJson(did)).toMatchObject({
      id: `did:web:localhost:issuers:${t.tenantId}`,
      assertionMethod: [`did:web:localhost:issuers:${t.tenantId}#key-1`],
    });
    const list = await t.app.request(`/issuers/${t.tenantId}/status/revocation`);
    expect(list.headers.get('content-type')).toBe('application/vc+jwt');
    for (const path of ['/b/not-a-uuid', '/b/<script>/og.png', '/api/credentials/1', '/issuers/x/did.json']) {
      expect((await t.app.request(path)).status).toBe(404);
    }
  });

  it('escape everything a badge says', async () => {
    await t.database.db
      .update(schema.badges)
      .set({ texts: { en: { name: '<script>alert(1)</script>', description: '"><img src=x onerror=alert(1)>', criteria: 'x' } } })
      .where(and(eq(schema.badges.tenantId, t.tenantId), eq(schema.badges.slug, 'first-invite')));
    const id = await awardFor('page-xss', 'first-invite');
    await share('page-xss', id, true);
    const page = await (await t.app.request(`/b/${id}`)).text();
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
