import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, widgetHeaders } from '../test-app.ts';

let t: TestApp;
let app: TestApp['app'];
beforeAll(async () => {
  t = await createTestApp();
  // The built front ends, as `pnpm start` serves them (two pages are enough to see their headers).
  const root = mkdtempSync(join(tmpdir(), 'flywheel-static-'));
  for (const dir of ['shell', 'console', 'embed']) mkdirSync(join(root, dir));
  writeFileSync(join(root, 'shell/index.html'), '<!doctype html><title>shell</title>');
  writeFileSync(join(root, 'console/index.html'), '<!doctype html><title>console</title>');
  app = t.appWith({
    web: {
      registry: {
        kind: 'configured',
        entries: [{ name: 'referral-center', version: '1', manifestUrl: 'https://cdn.example/rc/mf-manifest.json' }],
      },
      static: { widgets: [], shellDir: join(root, 'shell'), consoleDir: join(root, 'console'), embedDir: join(root, 'embed') },
    },
  });
});
afterAll(() => t.close());

describe('response headers', () => {
  it('answers CORS * only on public endpoints; the customer API answers a foreign page only with its refusal', async () => {
    const features = await app.request('/api/features/pk_test_demo', { headers: { origin: 'https://anywhere.example' } });
    expect(features.headers.get('access-control-allow-origin')).toBe('*');
    const me = await app.request('/trpc/customer.me', {
      headers: { ...widgetHeaders(await t.tokenFor('alice')), origin: 'https://evil.example' },
    });
    expect(me.status).toBe(403);
    expect(me.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    expect(me.headers.get('access-control-allow-credentials')).toBeNull();
    const ready = await app.request('/readyz', { headers: { origin: 'https://evil.example' } });
    expect(ready.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('forbids MIME sniffing and foreign framing everywhere, and sends referrers only to this origin', async () => {
    for (const path of ['/healthz', '/api/features/pk_test_demo', '/trpc/customer.me', '/nope']) {
      const res = await app.request(path);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-frame-options'), path).toMatch(/SAMEORIGIN|DENY/);
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
    }
  });

  it('gives the shell and the console a CSP that runs scripts only from here and the registry’s remotes', async () => {
    const shell = (await app.request('/')).headers.get('content-security-policy') ?? '';
    expect(shell).toContain("script-src 'self' https://cdn.example");
    expect(shell).toContain("object-src 'none'");
    expect(shell).toContain("frame-ancestors 'self'");
    const consolePage = (await app.request('/console/')).headers.get('content-security-policy') ?? '';
    expect(consolePage).toContain("frame-ancestors 'none'");
    expect(consolePage).not.toContain('unsafe-eval');
  });
});
