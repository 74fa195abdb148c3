import { consoleCaller, customerCaller } from '@flywheel/api/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, readJson, type TestApp, widgetHeaders } from '../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function upload(sub: string, bytes: Buffer, name = 'photo.jpg') {
  const headers = { ...widgetHeaders(await t.tokenFor(sub)), 'content-type': 'image/jpeg' };
  return t.app.request(`/api/ugc/images?name=${encodeURIComponent(name)}`, { method: 'POST', headers, body: new Uint8Array(bytes) });
}

const photo = () =>
  sharp({ create: { width: 80, height: 60, channels: 3, background: '#00aa66' } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Ada', Copyright: 'GPS 48.85N 2.35E' } })
    .toBuffer();

/** A published tutorial with an approved image, by `sub`. */
async function publishedWithImage(sub: string, body: string, title = 'Shipping invoices faster') {
  const image = await readJson(await upload(sub, await photo()));
  const author = await customerCaller(t, sub, { name: 'Ada Lovelace' });
  const { id } = await author.ugc.submit({
    kind: 'tutorial',
    title,
    summary: 'Three steps that took our invoicing from days to minutes.',
    body: `${body}\n\n![our dashboard](image:${image.id})`,
    tags: ['billing'],
    imageIds: [image.id],
    consent: { publish: true, licence: 'cc_by_4' },
  });
  const moderator = await consoleCaller(t, 'moderator@flywheel.test');
  await moderator.console.ugc.reviewImage({ imageId: image.id, decision: 'approve' });
  await moderator.console.ugc.review({ id, decision: 'approve' });
  return { id, image };
}

describe('image uploads', () => {
  it('store a re-encoded WebP without EXIF, served with long caching', async () => {
    const res = await upload('uploader-1', await photo(), 'holiday <script>.jpg');
    expect(res.status).toBe(201);
    const image = await readJson(res);
    expect(image).toMatchObject({ url: `http://localhost/media/${image.id}`, name: 'holiday <script>.jpg', width: 80, height: 60 });

    const served = await t.app.request(`/media/${image.id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const metadata = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect(metadata.format).toBe('webp');
    expect(metadata.exif).toBeUndefined();
  });

  it('refuse what is not an image by its content, an anonymous visitor, and a missing name', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const refused = await upload('uploader-2', svg, 'innocent.png');
    expect(refused.status).toBe(400);
    expect((await readJson(refused)).message).toContain('file');

    const anonymous = await t.app.request('/api/ugc/images?name=x.png', {
      method: 'POST',
      headers: { ...widgetHeaders(), 'content-type': 'image/png' },
      body: new Uint8Array(await photo()),
    });
    expect(anonymous.status).toBe(401);

    const headers = { ...widgetHeaders(await t.tokenFor('uploader-2')), 'content-type': 'image/png' };
    const nameless = await t.app.request('/api/ugc/images', { method: 'POST', headers, body: new Uint8Array(await photo()) });
    expect(nameless.status).toBe(400);
    expect((await readJson(nameless)).issues).toEqual([{ path: 'name', message: expect.any(String) }]);
  });

  it('refuse an image over 5 MB with 413', async () => {
    const res = await upload('uploader-3', Buffer.alloc(5 * 1024 * 1024 + 1));
    expect(res.status).toBe(413);
  });
});

describe('public pages', () => {
  it('render a published submission on the server, sanitized, with Open Graph tags and a CSP that allows no script', async () => {
    const { id, image } = await publishedWithImage('public-1', 'Step one: <script>window.owned = 1</script> **export** the ledger.');
    const res = await t.app.request(`/s/${id}?lang=en`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    const page = await res.text();
    expect(page).toContain('<meta property="og:title" content="Shipping invoices faster">');
    expect(page).toContain(`<meta property="og:image" content="http://localhost/media/${image.id}">`);
    expect(page).toContain('<strong>export</strong>');
    expect(page).toContain(`<img src="http://localhost/media/${image.id}" alt="our dashboard" loading="lazy" />`);
    expect(page).not.toContain('<script');
    expect(page).toContain('by Ada');
    expect(page).not.toContain('Lovelace');
  });

  it('list a tenant’s gallery, searchable, and answer anything not public with 404', async () => {
    const { id } = await publishedWithImage('public-2', '我们用自动化减少了对账的工作量。', '对账自动化');
    const gallery = await t.app.request(`/g/${t.tenantId}?lang=zh-CN&q=${encodeURIComponent('对账')}`);
    expect(gallery.status).toBe(200);
    const page = await gallery.text();
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain(`href="/s/${id}?lang=zh-CN"`);
    expect(gallery.headers.get('content-security-policy')).toContain("form-action 'self'");

    const author = await customerCaller(t, 'public-3');
    const draft = await author.ugc.submit({
      kind: 'work',
      title: 'Not yet',
      summary: 'A draft.',
      body: 'Draft body.',
      consent: { publish: false, licence: 'all_rights_reserved' },
      draft: true,
    });
    expect((await t.app.request(`/s/${draft.id}`)).status).toBe(404);
    expect((await t.app.request('/s/not-an-id')).status).toBe(404);
    expect((await t.app.request('/g/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await t.app.request('/media/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
