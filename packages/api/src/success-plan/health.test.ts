import { randomUUID } from 'node:crypto';
import { schema } from '@flywheel/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCustomer } from '../customers/index.ts';
import { ingestBatch } from '../events/index.ts';
import { consoleCaller, createTestWorld, customerCaller, type TestWorld } from '../testing.ts';
import { recordHealth } from './health.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(() => world.close());

const DAY = 86_400_000;
const at = (base: number, days: number, hour = 12) => new Date(base + days * DAY + hour * 3_600_000);

/** The clock the health job runs on, injected: each call scores the customer as of that day. */
async function scoreOn(sub: string, now: Date) {
  const customer = await findCustomer(world.database.db, world.tenantId, sub);
  if (!customer) throw new Error(`no customer ${sub}`);
  return world.database.db.transaction((tx) =>
    recordHealth({ tx, emit: world.deps.platform.emit }, { tenantId: world.tenantId, customer, now }),
  );
}

describe('health scores', () => {
  it('drop from healthy to at risk when a customer stops being active, and open an alert that names the signal', async () => {
    const sub = `health-${randomUUID().slice(0, 8)}`;
    await ingestBatch(world.deps, world.tenantId, { kind: 'server' }, [
      { type: 'identify', messageId: randomUUID(), userId: sub, traits: { name: 'Hana Health', plan: 'free' } },
    ]);
    const caller = await customerCaller(world, sub);
    await caller.successPlan.start();
    // Day 0 of the story is 40 days ago (midnight UTC); the plan started 20 days before it.
    const base = Math.floor((Date.now() - 40 * DAY) / DAY) * DAY;
    await world.database.db
      .update(schema.successPlans)
      .set({ startedAt: at(base, -21), startedOn: at(base, -20).toISOString().slice(0, 10) })
      .where(eq(schema.successPlans.tenantId, world.tenantId));
    // Active on 10 of the 14 days before day 0, using every key feature.
    const features = ['report_created', 'dashboard_shared', 'teammate_invited', 'integration_connected'];
    const events = Array.from({ length: 10 }, (_, i) => ({
      type: 'track' as const,
      messageId: randomUUID(),
      userId: sub,
      event: features[i % features.length] as string,
      timestamp: at(base, -10 + i).toISOString(),
    }));
    await ingestBatch(world.deps, world.tenantId, { kind: 'server' }, events);
    await world.drain();

    const start = await scoreOn(sub, at(base, 0));
    expect(start.band).toBe('healthy');
    // Then nothing: scored every night for three weeks, as the nightly job would.
    let last = start;
    for (let day = 1; day <= 21 && last.band === 'healthy'; day++) last = await scoreOn(sub, at(base, day));
    expect(last.band).toBe('at_risk');
    expect(last.signals.find((s) => s.signal === 'active_days')).toMatchObject({ value: expect.any(Number) });

    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    const [alert] = (await marketer.console.successPlan.alerts()).filter((a) => a.customer === sub);
    expect(alert).toMatchObject({ status: 'open', band: 'at_risk', previousBand: 'healthy' });
    expect(alert?.explanation[0]).toMatchObject({ signal: 'active_days', change: expect.any(Number) });
    expect(alert?.explanation[0]?.change).toBeLessThan(0);
    expect(alert?.explanation[0]?.detail?.daysSinceActive).toBeGreaterThan(0);

    // One row per day of history, oldest first; the console lists the customer among the at-risk.
    const history = await marketer.console.successPlan.customerHealth({ customer: sub });
    expect(history.history.map((h) => h.band).slice(0, 1)).toEqual(['healthy']);
    expect(new Set(history.history.map((h) => h.day)).size).toBe(history.history.length);
    expect((await marketer.console.successPlan.health()).find((c) => c.customer === sub)).toMatchObject({ band: 'at_risk' });

    // Handled: taken, then resolved with a note; a viewer cannot.
    const viewer = await consoleCaller(world, 'viewer@flywheel.test');
    await expect(viewer.console.successPlan.updateAlert({ id: alert?.id as string, action: 'assign' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await marketer.console.successPlan.updateAlert({ id: alert?.id as string, action: 'assign' });
    await marketer.console.successPlan.updateAlert({ id: alert?.id as string, action: 'resolve', note: 'Called Hana: back next week.' });
    const [resolved] = await world.database.db
      .select()
      .from(schema.healthAlerts)
      .where(and(eq(schema.healthAlerts.id, alert?.id as string)));
    expect(resolved).toMatchObject({ status: 'resolved', note: 'Called Hana: back next week.' });
    const dropped = await world.database.db.select().from(schema.events).where(eq(schema.events.event, 'customer_health_dropped'));
    // The tenant heard of it (a fast fall may have told it earlier, on the same alert).
    expect(dropped.filter((e) => e.userId === sub).at(-1)?.properties).toMatchObject({ band: 'at_risk', previous_band: 'healthy' });
  }, 60_000);
});

describe('the health model', () => {
  it('is edited in the console, refusing cut-offs in the wrong order by name, and scores follow it', async () => {
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    const settings = await marketer.console.successPlan.healthSettings();
    expect(settings.weights.active_days).toBe(30);
    await expect(marketer.console.successPlan.saveHealthSettings({ ...settings, atRiskFrom: 80 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('atRiskFrom'),
    });
    const onlyActivity = Object.fromEntries(
      Object.keys(settings.weights).map((k) => [k, k === 'active_days' ? 100 : 0]),
    ) as typeof settings.weights;
    await marketer.console.successPlan.saveHealthSettings({ ...settings, weights: onlyActivity });
    const sub = `model-${randomUUID().slice(0, 8)}`;
    await ingestBatch(world.deps, world.tenantId, { kind: 'server' }, [
      { type: 'identify', messageId: randomUUID(), userId: sub, traits: { plan: 'free' } },
    ]);
    const health = await scoreOn(sub, new Date());
    expect(health.signals.map((s) => s.signal)).toEqual(['active_days']);
    expect(health).toMatchObject({ score: 0, band: 'critical' });
    const viewer = await consoleCaller(world, 'viewer@flywheel.test');
    await expect(viewer.console.successPlan.saveHealthSettings(settings)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await marketer.console.successPlan.saveHealthSettings(settings);
  });
});
