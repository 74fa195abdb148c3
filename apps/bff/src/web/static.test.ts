import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { staticRoutes } from './static.ts';

// A widget's build as the precompress plugin leaves it: each text file with its .br and .gz copy.
const root = mkdtempSync(join(tmpdir(), 'flywheel-static-'));
const distDir = join(root, 'rc');
mkdirSync(join(distDir, 'static/js'), { recursive: true });
const chunk = `console.log(${JSON.stringify('x'.repeat(4000))});`;
const files: Record<string, string> = { 'static/js/main.1a2b3c4d.js': chunk, 'mf-manifest.json': '{"name":"referral_center"}' };
for (const [name, content] of Object.entries(files)) {
  writeFileSync(join(distDir, name), content);
  writeFileSync(join(distDir, `${name}.br`), brotliCompressSync(content));
  writeFileSync(join(distDir, `${name}.gz`), gzipSync(content));
}
for (const dir of ['shell', 'console', 'embed']) mkdirSync(join(root, dir));
writeFileSync(join(root, 'shell/index.html'), '<!doctype html><title>shell</title>');
const app = staticRoutes({
  widgets: [{ name: 'referral-center', version: '1', distDir } as never],
  shellDir: join(root, 'shell'),
  consoleDir: join(root, 'console'),
  embedDir: join(root, 'embed'),
});
const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
const js = '/remotes/referral-center/static/js/main.1a2b3c4d.js';

describe('the built front ends on the wire', () => {
  it('sends the brotli copy to browsers that take it, gzip to the others, and plain text to the rest', async () => {
    const br = await get(js, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(chunk);
    const gzip = await get(js, { 'accept-encoding': 'gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(chunk);
    const plain = await get(js);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(chunk);
    for (const res of [br, gzip, plain]) {
      expect(res.headers.get('vary')).toBe('Accept-Encoding');
      expect(res.headers.get('content-type')).toMatch(/javascript/);
    }
    expect(Number(br.headers.get('content-length'))).toBeLessThan(chunk.length / 10);
  });

  it('caches content-hashed files for a year, and revalidates the rest by ETag', async () => {
    expect((await get(js, { 'accept-encoding': 'br' })).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const manifest = await get('/remotes/referral-center/mf-manifest.json', { 'accept-encoding': 'br' });
    expect(manifest.headers.get('cache-control')).toBe('public, max-age=60');
    expect(manifest.headers.get('access-control-allow-origin')).toBe('*');
    const tag = manifest.headers.get('etag');
    expect(tag).toBeTruthy();
    const again = await get('/remotes/referral-center/mf-manifest.json', { 'accept-encoding': 'br', 'if-none-match': tag ?? '' });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const page = await get('/');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('etag')).toBeTruthy();
  });
});
