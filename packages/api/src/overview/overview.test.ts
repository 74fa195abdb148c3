import { schema } from '@flywheel/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleCaller, createTestWorld, type TestWorld } from '../testing.ts';
import { growthByWeek } from './service.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
  let n = 0;
  const event = (tenantId: string, userId: string, at: string, widget?: string) => ({
    tenantId,
    messageId: `m-${n++}`,
    type: 'track' as const,
    event: widget ? 'referral_invite_sent' : 'dashboard_viewed',
    userId,
    properties: widget ? { widget, channel: 'copy' } : {},
    timestamp: new Date(at),
  });
  await world.database.db.insert(schema.events).values([
    // The week of Monday 9 November 2026: Alice shares, Bob only uses the product.
    event(world.tenantId, 'alice', '2026-11-10T09:00:00Z', 'referral-center'),
    event(world.tenantId, 'alice', '2026-11-10T09:01:00Z'),
    event(world.tenantId, 'bob', '2026-11-12T10:00:00Z'),
    // The week of Monday 16 November: Carol shares; Dan and Erin do not.
    event(world.tenantId, 'carol', '2026-11-16T00:00:00Z', 'referral-center'),
    event(world.tenantId, 'dan', '2026-11-17T08:00:00Z'),
    event(world.tenantId, 'erin', '2026-11-18T08:00:00Z'),
    // Another tenant's customers never count here.
    event(world.otherTenantId, 'mallory', '2026-11-17T08:00:00Z', 'referral-center'),
  ]);
});
afterAll(() => world.close());

describe('growth overview', () => {
  it('counts active customers, widget participation and K-factor per UTC week', async () => {
    const weeks = await growthByWeek(world.database.db, world.tenantId, 2, new Date('2026-11-18T12:00:00Z'));
    expect(weeks).toEqual([
      {
        weekStart: '2026-11-09T00:00:00.000Z',
        kFactor: 0,
        invitesPerReferrer: 1,
        inviteConversion: 0,
        activeCustomers: 2,
        participation: { 'referral-center': { participants: 1, rate: 0.5 } },
      },
      {
        weekStart: '2026-11-16T00:00:00.000Z',
        kFactor: 0,
        invitesPerReferrer: 1,
        inviteConversion: 0,
        activeCustomers: 3,
        participation: { 'referral-center': { participants: 1, rate: 1 / 3 } },
      },
    ]);
  });

  it('is readable by every console role, and names a bad range', async () => {
    const viewer = await consoleCaller(world, 'viewer@flywheel.test');
    expect(await viewer.console.overview.growth({ weeks: 4 })).toHaveLength(4);
    await expect(viewer.console.overview.growth({ weeks: 100 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
