import { consoleCaller } from '@flywheel/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, readJson, type TestApp, widgetHeaders } from '../test-app.ts';

let t: TestApp;
let app: TestApp['app'];
beforeAll(async () => {
  t = await createTestApp();
  app = t.appWith({
    web: {
      registry: {
        kind: 'configured',
        entries: [{ name: 'referral-center', version: '1.0.0', manifestUrl: 'https://cdn.example/referral-center/mf-manifest.json' }],
      },
    },
  });
});
afterAll(() => t.close());

const check = async (headers: Record<string, string>, widgets = 'referral-center') =>
  readJson(await app.request(`/api/embed/check?widgets=${widgets}`, { headers }));

describe('GET /api/embed/check', () => {
  it('finds nothing wrong with the demo key on an allowed origin', async () => {
    expect(await check({ ...widgetHeaders(await t.tokenFor('alice')), origin: 'http://localhost:3100' })).toEqual({
      ok: true,
      problems: [],
      branding: {},
      defaultLocale: null,
    });
  });

  it('names a foreign origin, with the console page and the CLI command that add it', async () => {
    const res = await app.request('/api/embed/check?widgets=referral-center', {
      headers: { ...widgetHeaders(), origin: 'http://localhost:8099' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await readJson(res)).toEqual({
      ok: false,
      problems: [
        {
          reason: 'origin_not_allowed',
          message:
            'http://localhost:8099 is not an allowed origin for pk_test_demo. Add it in Console → Settings → Origins (or: pnpm flywheel tenant origins add pk_test_demo http://localhost:8099).',
        },
      ],
      branding: {},
      defaultLocale: null,
    });
  });

  it('brings the tenant’s branding and language, so embed.js themes and words the widgets by them', async () => {
    const owner = await consoleCaller(t, 'owner@flywheel.test');
    await owner.console.tenant.setBranding({ branding: { '--fw-color-primary': '#0a7d33', '--fw-radius': '4px' }, defaultLocale: 'zh-CN' });
    try {
      expect(await check(widgetHeaders())).toMatchObject({
        branding: { '--fw-color-primary': '#0a7d33', '--fw-radius': '4px' },
        defaultLocale: 'zh-CN',
      });
    } finally {
      await owner.console.tenant.setBranding({ branding: {}, defaultLocale: null });
    }
  });

  it('names an unknown key, an expired-or-bad token, and a widget that does not exist', async () => {
    expect((await check(widgetHeaders(undefined, 'pk_test_typo'))).problems).toMatchObject([{ reason: 'unknown_key' }]);
    expect((await check({ 'x-flywheel-key': 'pk_test_demo', authorization: 'Bearer nope' })).problems).toMatchObject([
      { reason: 'token_invalid' },
    ]);
    expect((await check(widgetHeaders(), 'referral-centre')).problems).toEqual([
      {
        reason: 'widget_unknown',
        widget: 'referral-centre',
        message: 'There is no widget named "referral-centre". Known widgets: referral-center.',
      },
    ]);
  });
});
