import { DEMO } from '@flywheel/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, readJson, type TestApp, widgetHeaders } from '../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const exposure = (anonymousId: string, variation = '1') => ({
  type: 'track',
  event: 'experiment_viewed',
  messageId: crypto.randomUUID(),
  anonymousId,
  properties: { experiment_id: 'referral-copy', variation_id: variation },
});
const post = (app: TestApp['app'], batch: unknown[], headers = widgetHeaders()) =>
  app.request('/api/events', { method: 'POST', headers, body: JSON.stringify({ batch }) });
const issue = (app: TestApp['app'], headers: Record<string, string> = widgetHeaders()) =>
  app.request('/api/anonymous-ids', { method: 'POST', headers });

describe('nobody with the publishable key can manufacture an experiment’s winner', () => {
  it('refuses visitors made up per request: only ids the BFF issued count', async () => {
    // The probe's attack: tokenless exposures and conversions under invented anonymous ids.
    for (const madeUp of ['attacker-1', crypto.randomUUID()]) {
      const res = await post(t.app, [exposure(madeUp)]);
      expect(res.status).toBe(403);
      expect((await readJson(res)).message).toContain('batch.0.anonymousId');
    }
  });

  it('gives one client address a bounded number of new visitor ids', async () => {
    const app = t.appWith({ anonymousIdsPerClientPerHour: 3 });
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await issue(app);
      expect(res.status).toBe(201);
      ids.add((await readJson(res)).anonymousId);
    }
    expect(ids.size).toBe(3);
    const refused = await issue(app);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // An id is per tenant: no key, no id.
    expect((await issue(t.appWith({}), { 'content-type': 'application/json' })).status).toBe(401);
  });

  it('limits the events one visitor may send a minute, whatever their batches', async () => {
    const app = t.appWith({ eventLimits: { requestsPerClientPerMinute: 100, eventsPerUnitPerMinute: 5 } });
    const visitor = t.anonymousId();
    expect(
      (
        await post(
          app,
          Array.from({ length: 5 }, () => exposure(visitor)),
        )
      ).status,
    ).toBe(200);
    const refused = await post(app, [exposure(visitor)]);
    expect(refused.status).toBe(429);
    expect((await readJson(refused)).message).toContain('for one visitor');
    // Another visitor is not held back by that one.
    expect((await post(app, [exposure(t.anonymousId())])).status).toBe(200);
  });

  it('limits the batches one client address may send a minute; the tenant’s server is not limited', async () => {
    const app = t.appWith({ eventLimits: { requestsPerClientPerMinute: 2, eventsPerUnitPerMinute: 100 } });
    for (let i = 0; i < 2; i++) expect((await post(app, [exposure(t.anonymousId())])).status).toBe(200);
    expect((await post(app, [exposure(t.anonymousId())])).status).toBe(429);
    const server = { ...widgetHeaders(), authorization: `Bearer ${DEMO.secretKey}` };
    expect((await post(app, [exposure('server-named-visitor')], server)).status).toBe(200);
  });
});
