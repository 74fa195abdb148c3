import type { AddressInfo } from 'node:net';
import { consoleCaller } from '@flywheel/api/testing';
import { DEMO } from '@flywheel/db';
import { flagAttributes, HOLDOUT_FEATURE } from '@flywheel/flags';
import { GrowthBook } from '@growthbook/growthbook';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app.ts';
import { readSse } from '../test-sse.ts';

let t: TestApp;
let stopListening: () => Promise<void>;
// Signed in once up front, so the stream test times the change, not the password hash.
let marketer: Awaited<ReturnType<typeof consoleCaller>>;
beforeAll(async () => {
  t = await createTestApp();
  stopListening = await t.deps.flags.store.listen(t.database);
  marketer = await consoleCaller(t, 'marketer@flywheel.test');
});
afterAll(async () => {
  await stopListening();
  await t.close();
});

const FREEZES = 'achievement-wall.freezes';
const HEADLINE = 'referral-center.headline';

describe('GET /api/features/:clientKey', () => {
  it('serves the payload with an ETag, SSE support and CORS, and 304 when unchanged', async () => {
    const res = await t.app.request('/api/features/pk_test_demo', { headers: { origin: 'https://anywhere.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-sse-support')).toBe('enabled');
    expect(res.headers.get('access-control-expose-headers')).toContain('x-sse-support');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await res.json()) as { status: number; features: Record<string, unknown>; dateUpdated: string };
    expect(body.status).toBe(200);
    expect(Object.keys(body.features).sort()).toEqual(t.deps.flags.store.definitions.features.map((f) => f.key).sort());
    const again = await t.app.request('/api/features/pk_test_demo', { headers: { 'if-none-match': res.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
  });

  it('answers an unknown key like GrowthBook does', async () => {
    const res = await t.app.request('/api/features/pk_nope');
    expect(res.status).toBe(400);
    expect(res.headers.get('x-unrecoverable')).toBe('1');
  });
});

describe('the official GrowthBook SDK against the BFF', () => {
  it('loads the payload; over 10,000 ids the two growth-namespace experiments never share a customer, and the split has no sample-ratio mismatch, exactly as the server evaluates', async () => {
    await marketer.console.experiments.launch({ key: HEADLINE });
    await marketer.console.experiments.launch({ key: FREEZES });
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const apiHost = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const gb = new GrowthBook({ apiHost, clientKey: DEMO.publishableKey });
      expect(await gb.init({ timeout: 3000, streaming: false })).toMatchObject({ success: true, source: 'network' });
      const payload = await t.deps.flags.source.payloadFor(t.tenantId);
      const counts = { control: 0, 'give-get': 0 };
      let inFreezes = 0;
      for (let i = 0; i < 10_000; i++) {
        const attributes = flagAttributes({
          customerId: `user-${i}`,
          publishableKey: DEMO.publishableKey,
          traits: {},
          locale: 'en',
          widgets: ['referral-center', 'achievement-wall'],
        });
        await gb.setAttributes(attributes);
        const headline = gb.evalFeature('referral-center.headline').experimentResult;
        const freezes = gb.evalFeature(FREEZES).experimentResult;
        expect(Boolean(headline?.inExperiment && freezes?.inExperiment)).toBe(false);
        const scoped = await t.deps.flags.clients.scoped(t.tenantId, payload, attributes, { onExposure: () => {} });
        expect(scoped.evalFeature('referral-center.headline').experimentResult?.key).toBe(headline?.key);
        if (freezes?.inExperiment) inFreezes++;
        if (headline?.inExperiment) counts[headline.key as keyof typeof counts]++;
      }
      // Each takes its half of the namespace.
      expect(inFreezes).toBeGreaterThan(4700);
      expect(counts.control + counts['give-get']).toBeGreaterThan(4700);
      // Pearson chi-square, 1 degree of freedom: above 10.828 means p < 0.001 (GrowthBook's SRM threshold).
      const expected = (counts.control + counts['give-get']) / 2;
      const chiSquare = Object.values(counts).reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
      expect(chiSquare).toBeLessThan(10.828);
      gb.destroy();
    } finally {
      server.close();
    }
  }, 60_000);

  it('serves held-out customers every feature’s holdout value and puts them in no experiment, while the holdout runs', async () => {
    await marketer.console.experiments.launch({ key: HOLDOUT_FEATURE });
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const gb = new GrowthBook({ apiHost: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, clientKey: DEMO.publishableKey });
    try {
      await gb.init({ timeout: 3000, streaming: false, skipCache: true });
      const features = t.deps.flags.store.definitions.features.filter((f) => f.key !== HOLDOUT_FEATURE);
      let heldOut = 0;
      for (let i = 0; i < 2000; i++) {
        await gb.setAttributes(
          flagAttributes({ customerId: `held-${i}`, publishableKey: DEMO.publishableKey, traits: {}, locale: 'en', widgets: [] }),
        );
        if (!gb.isOn(HOLDOUT_FEATURE)) continue;
        heldOut++;
        for (const feature of features) {
          const result = gb.evalFeature(feature.key);
          expect({ key: feature.key, value: result.value, inExperiment: result.experimentResult?.inExperiment ?? false }).toEqual({
            key: feature.key,
            value: feature.holdoutValue ?? feature.defaultValue,
            inExperiment: false,
          });
        }
      }
      // flywheel.holdout.yaml holds out 5 %: about 100 of 2,000.
      expect(heldOut).toBeGreaterThan(60);
      expect(heldOut).toBeLessThan(140);
    } finally {
      gb.destroy();
      server.close();
      await marketer.console.experiments.stop({ key: HOLDOUT_FEATURE, shipVariationId: null, outcome: 'inconclusive' });
    }
  }, 60_000);
});

describe('GET /sub/:clientKey', () => {
  it('streams the payload, then every change within a second, as GrowthBook’s proxy does', async () => {
    // A running experiment of its own to ramp (launched here unless an earlier test already did).
    const headline = (await marketer.console.experiments.list()).find((f) => f.key === HEADLINE);
    if (headline?.state.status !== 'running') await marketer.console.experiments.launch({ key: HEADLINE });
    const res = await t.app.request('/sub/pk_test_demo');
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const stream = readSse(res);
    type Streamed = { dateUpdated: string; features: Record<string, { rules: { coverage: number }[] }> };
    const first = JSON.parse((await stream.next('features')).data) as Streamed;
    expect(stream.retry).toBe(10000);
    // The change, made once the stream has delivered the current payload.
    await marketer.console.experiments.ramp({ key: HEADLINE, coverage: 0.8 });
    const second = JSON.parse((await stream.next('features')).data) as Streamed;
    await stream.close();
    expect(second.dateUpdated).not.toBe(first.dateUpdated);
    expect(second.features['referral-center.headline']?.rules[0]?.coverage).toBe(0.8);
  });

  it('pings and closes the stream after its maximum duration', async () => {
    const app = t.appWith({
      streamTiming: { pingMs: 50, maxDurationMs: 400 },
    });
    const res = await app.request('/sub/pk_test_demo');
    // rest() resolves only because the server ends the stream.
    const events = await readSse(res).rest();
    expect(events.filter((e) => e.event === undefined && e.data === '').length).toBeGreaterThanOrEqual(3);
  });
});
