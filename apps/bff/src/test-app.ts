import { backlogOf, LiveHub } from '@flywheel/api';
import { createTestWorld, type TestWorld } from '@flywheel/api/testing';
import { DEMO } from '@flywheel/db';
import pino from 'pino';
import { type App, type AppDeps, createApp } from './app.ts';
import { createMetrics, type Metrics } from './metrics.ts';

export type TestApp = TestWorld & {
  app: App;
  metrics: Metrics;
  /** The live channel's hub, listening on the test database. */
  live: LiveHub;
  /** The same app with some dependencies changed (a failing database, a metrics token, …). */
  appWith(overrides: Partial<AppDeps>): App;
};

/** The real app on a fresh test database (PGlite, or Postgres with DATABASE_URL); no port. */
export async function createTestApp(): Promise<TestApp> {
  const world = await createTestWorld();
  const metrics = createMetrics(() => backlogOf(world.database.db));
  const live = new LiveHub();
  const stopLive = await live.listen(world.database);
  const appWith = (overrides: Partial<AppDeps>) =>
    createApp({ database: world.database, api: world.deps, logger: pino({ level: 'silent' }), metrics, live, ...overrides });
  return {
    ...world,
    app: appWith({}),
    metrics,
    live,
    appWith,
    close: async () => {
      await stopLive();
      await world.close();
    },
  };
}

/** Headers a widget on the demo tenant's page sends. */
export function widgetHeaders(token?: string, publishableKey: string = DEMO.publishableKey): Record<string, string> {
  return {
    'x-flywheel-key': publishableKey,
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
}

/** A response body for assertions; the shape is what the test checks. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON and assert on it with toEqual/toMatchObject.
export async function readJson(res: Response): Promise<any> {
  return res.json();
}
