import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3MediaStore } from './media.ts';

// An S3-compatible service at the network edge: what the bucket received, and what it answers.
const objects = new Map<string, { body: Buffer; contentType: string | null; authorization: string | null }>();
const server = setupServer(
  http.put('https://s3.test/showcase/*', async ({ request }) => {
    const key = new URL(request.url).pathname.replace('/showcase/', '');
    objects.set(key, {
      body: Buffer.from(await request.arrayBuffer()),
      contentType: request.headers.get('content-type'),
      authorization: request.headers.get('authorization'),
    });
    return new HttpResponse(null, { status: 200, headers: { etag: '"1"' } });
  }),
  http.get('https://s3.test/showcase/*', ({ request }) => {
    const object = objects.get(new URL(request.url).pathname.replace('/showcase/', ''));
    if (!object) {
      return new HttpResponse('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>none</Message></Error>', {
        status: 404,
        headers: { 'content-type': 'application/xml' },
      });
    }
    return new HttpResponse(new Uint8Array(object.body), { status: 200, headers: { 'content-type': object.contentType ?? '' } });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('the S3 media store', () => {
  const store = s3MediaStore({
    bucket: 'showcase',
    region: 'eu-central-1',
    endpoint: 'https://s3.test',
    forcePathStyle: true,
    accessKeyId: 'AKIATEST',
    secretAccessKey: 'secret',
  });

  it('puts an image with its type, signed with the bucket’s credentials, and reads it back', async () => {
    await store.put('ugc/t1/a.webp', Buffer.from('webp bytes'), 'image/webp');
    const stored = objects.get('ugc/t1/a.webp');
    expect(stored?.contentType).toBe('image/webp');
    expect(stored?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIATEST\/\d{8}\/eu-central-1\/s3\/aws4_request/);
    expect((await store.get('ugc/t1/a.webp'))?.toString()).toBe('webp bytes');
  });

  it('answers null for a key the bucket does not hold', async () => {
    expect(await store.get('ugc/t1/missing.webp')).toBeNull();
  });
});
