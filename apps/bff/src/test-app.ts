import { createTestWorld, type TestWorld } from '@flywheel/api/testing';
import { DEMO, schema } from '@flywheel/db';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { type App, createApp } from './app.ts';

export type TestApp = TestWorld & { app: App };

/** The real app on a fresh test database (PGlite, or Postgres with DATABASE_URL); no port. */
export async function createTestApp(): Promise<TestApp> {
  const world = await createTestWorld();
  const app = createApp({ database: world.database, api: world.deps, logger: pino({ level: 'silent' }) });
  return { ...world, app };
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

/** Changes a feature's runtime state as a marketer would, through the same service and notification. */
export async function changeFeatureStateForTest(t: TestApp, key: string, change: Record<string, unknown>) {
  const { changeFeatureState } = await import('@flywheel/api/flags');
  const feature = t.deps.flags.definitions.features.find((f) => f.key === key);
  if (!feature) throw new Error(`no feature ${key}`);
  const [owner] = await t.database.db.select().from(schema.consoleUsers).where(eq(schema.consoleUsers.email, 'owner@flywheel.test'));
  await changeFeatureState(t.database.db, t.tenantId, owner?.id ?? '', feature, change);
  await t.deps.flags.store.publishChange(t.tenantId);
}
