import { DEMO } from '@flywheel/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, readJson, type TestApp } from '../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const signIn = (app: ReturnType<TestApp['appWith']>, email: string, password: string) =>
  app.request('/trpc/console.auth.signIn', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

describe('sign-in throttling per client', () => {
  it('stops one address trying many accounts after its failures, while successes never count', async () => {
    const app = t.appWith({ signInFailuresPerClient: 3 });
    // Right passwords, as often as people sign in: never throttled.
    for (let i = 0; i < 4; i++) expect((await signIn(app, 'viewer@flywheel.test', DEMO.consolePassword)).status).toBe(200);
    // Wrong ones, each for another account (the per-account lock never triggers): the fourth is refused.
    for (const email of ['a@flywheel.test', 'b@flywheel.test', 'c@flywheel.test']) {
      expect((await signIn(app, email, 'guess')).status).toBe(401);
    }
    const refused = await signIn(app, 'owner@flywheel.test', DEMO.consolePassword);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await readJson(refused)).error).toMatchObject({
      message: 'Too many failed sign-ins from your network. Try again in 15 minutes.',
      data: { code: 'TOO_MANY_REQUESTS' },
    });
    // Other routes are not part of it.
    expect((await app.request('/healthz')).status).toBe(200);
  }, 60_000);
});
