import { schema } from '@flywheel/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestBatch } from '../events/index.ts';
import { consoleCaller, createTestWorld, publicCaller, type TestWorld } from '../testing.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
  const marketer = await consoleCaller(world, 'marketer@flywheel.test');
  await marketer.console.experiments.launch({ key: 'referral-center.headline' });
  await ingestBatch(
    world.deps,
    world.tenantId,
    { kind: 'server' },
    ['control', 'give-get'].flatMap((variation) =>
      Array.from({ length: 10 }, (_, i) => ({
        type: 'track' as const,
        event: 'experiment_viewed',
        messageId: `share-${variation}-${i}`,
        userId: `share-${variation}-${i}`,
        properties: { experiment_id: 'referral-center-headline', variation_id: variation },
      })),
    ),
  );
});
afterAll(() => world.close());

describe('a shared, read-only results link', () => {
  it('shows anyone holding it the results as they were when shared, until it is revoked', async () => {
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    const { token, url } = await marketer.console.results.share({ key: 'referral-center.headline' });
    expect(url).toBe(`http://localhost:3000/console/#/report/${token}`);
    const live = await marketer.console.results.get({ key: 'referral-center.headline' });

    const report = await publicCaller(world).sharedReport.get({ token });
    expect(report.results.variations.map((v) => v.users)).toEqual([10, 10]);
    expect(report.results.variations).toEqual(live.variations);
    expect(report.results.metrics.map((m) => m.key)).toEqual(live.metrics.map((m) => m.key));
    expect(report).toMatchObject({
      sharedBy: 'Mark Marketer',
      hypothesis: expect.stringContaining('share'),
      timeline: { days: [expect.any(Object)] },
    });

    // A snapshot: traffic after sharing does not change what the link shows.
    await ingestBatch(world.deps, world.tenantId, { kind: 'server' }, [
      {
        type: 'track',
        event: 'experiment_viewed',
        messageId: 'share-late',
        userId: 'share-late',
        properties: { experiment_id: 'referral-center-headline', variation_id: 'control' },
      },
    ]);
    expect((await publicCaller(world).sharedReport.get({ token })).results.variations).toEqual(live.variations);

    // Only the token's digest is stored: the database alone does not open the link.
    const rows = await world.database.db.select().from(schema.experimentReports);
    expect(JSON.stringify(rows)).not.toContain(token);

    const [listed] = await marketer.console.results.reports({ key: 'referral-center.headline' });
    expect(listed).toMatchObject({ createdBy: 'Mark Marketer', revokedAt: null });
    await marketer.console.results.revoke({ id: listed?.id ?? '' });
    await expect(publicCaller(world).sharedReport.get({ token })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(marketer.console.results.revoke({ id: listed?.id ?? '' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers an unknown token as a revoked one, and refuses a malformed one naming the field', async () => {
    await expect(publicCaller(world).sharedReport.get({ token: 'x'.repeat(43) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(publicCaller(world).sharedReport.get({ token: 'short' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('token'),
    });
  });

  it('is shared by marketers only, and revoked only within the tenant that shared it', async () => {
    const viewer = await consoleCaller(world, 'viewer@flywheel.test');
    await expect(viewer.console.results.share({ key: 'referral-center.headline' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    const { token } = await marketer.console.results.share({ key: 'referral-center.headline' });
    const [{ id } = { id: '' }] = await marketer.console.results.reports({ key: 'referral-center.headline' });

    await world.database.db.insert(schema.consoleUsers).values({
      tenantId: world.otherTenantId,
      email: 'marketer@other.example',
      name: 'Other Marketer',
      role: 'marketer',
      passwordHash: 'unused',
    });
    const other = await consoleCaller(world, 'marketer@other.example');
    await expect(other.console.results.revoke({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await other.console.results.reports({ key: 'referral-center.headline' })).toEqual([]);
    await expect(publicCaller(world).sharedReport.get({ token })).resolves.toMatchObject({ sharedBy: 'Mark Marketer' });
    await world.database.db.delete(schema.consoleUsers).where(eq(schema.consoleUsers.email, 'marketer@other.example'));
  });
});
