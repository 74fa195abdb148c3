import { randomUUID } from 'node:crypto';
import { DEMO, schema } from '@flywheel/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestBatch } from '../events/service.ts';
import { consoleCaller, createTestWorld, customerCaller, type TestWorld } from '../testing.ts';
import { CODE_ALPHABET, generateCode, maskEmail, normalizeEmailForFraud } from './codes.ts';
import { approveDue } from './lifecycle.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
  // No hold in these tests: rewards are approved as soon as approveDue runs.
  await world.database.db.update(schema.referralPrograms).set({ holdHours: 0 }).where(eq(schema.referralPrograms.tenantId, world.tenantId));
});
afterAll(() => world.close());

const server = (events: Parameters<typeof ingestBatch>[3]) => ingestBatch(world.database.db, world.tenantId, { kind: 'server' }, events);
const identify = (userId: string, traits: Record<string, string>) => ({
  type: 'identify' as const,
  messageId: randomUUID(),
  userId,
  traits,
});
const subscribed = (userId: string, plan = 'pro', messageId = randomUUID()) => ({
  type: 'track' as const,
  event: 'subscription_started',
  messageId,
  userId,
  properties: { plan },
});

async function codeOf(sub: string) {
  return (await (await customerCaller(world, sub)).referral.summary()).code;
}

async function referralOf(friend: string) {
  const [row] = await world.database.db
    .select({ referral: schema.referrals })
    .from(schema.referrals)
    .innerJoin(schema.customers, eq(schema.customers.id, schema.referrals.friendId))
    .where(and(eq(schema.referrals.tenantId, world.tenantId), eq(schema.customers.externalId, friend)));
  return row?.referral;
}

async function rewardsOf(referralId: string) {
  return world.database.db.select().from(schema.referralRewards).where(eq(schema.referralRewards.referralId, referralId));
}

describe('codes and emails', () => {
  it('draws 8 characters from an alphabet without look-alikes', () => {
    for (let i = 0; i < 200; i++) expect(generateCode()).toMatch(new RegExp(`^[${CODE_ALPHABET}]{8}$`));
    expect(CODE_ALPHABET).not.toMatch(/[01ILO]/);
  });

  it('normalises emails the way providers deliver them', () => {
    expect(normalizeEmailForFraud('A.Li.Ce+promo@GoogleMail.com')).toBe('alice@gmail.com');
    expect(normalizeEmailForFraud('alice+x@outlook.com')).toBe('alice@outlook.com');
    expect(normalizeEmailForFraud('a.lice+x@example.com')).toBe('a.lice+x@example.com');
    expect(maskEmail('alice@example.com')).toBe('a***e@example.com');
  });
});

describe('a friend converts', () => {
  it('moves signed up → pending → approved, one reward per side, each transition an event', async () => {
    const code = await codeOf('alice');
    await server([identify('friend-1', { referral_code: code.toLowerCase() })]);
    expect((await referralOf('friend-1'))?.status).toBe('signed_up');

    await server([subscribed('friend-1', 'free')]);
    expect((await referralOf('friend-1'))?.status).toBe('signed_up');

    await server([subscribed('friend-1')]);
    const referral = await referralOf('friend-1');
    expect(referral?.status).toBe('pending');
    expect((await rewardsOf(referral?.id ?? '')).map((r) => [r.side, r.status]).sort()).toEqual([
      ['friend', 'pending'],
      ['referrer', 'pending'],
    ]);

    await approveDue(world.database.db, world.tenantId);
    expect((await referralOf('friend-1'))?.status).toBe('approved');
    const summary = await (await customerCaller(world, 'alice')).referral.summary();
    expect(summary.rewards.earned).toEqual([{ type: 'credit', amount: 20, currency: 'USD' }]);
    expect(summary.friends).toEqual([expect.objectContaining({ status: 'approved' })]);
    expect(summary.milestones).toEqual({ qualified: 1, next: { friends: 3, reward: { type: 'points', amount: 500 } } });

    const transitions = await world.database.db
      .select({ event: schema.events.event })
      .from(schema.events)
      .where(and(eq(schema.events.tenantId, world.tenantId), eq(schema.events.userId, 'friend-1')));
    expect(transitions.map((t) => t.event)).toEqual(expect.arrayContaining(['referral_signed_up', 'referral_qualified']));
  });

  it('never lets a customer token qualify a referral (only the tenant’s server can)', async () => {
    const code = await codeOf('bob');
    await server([identify('friend-2', { referral_code: code })]);
    const token = await world.tokenFor('friend-2');
    const { verifyCustomerToken } = await import('../identity/customer-token.ts');
    const claims = await verifyCustomerToken(token, DEMO.secretKey);
    await ingestBatch(world.database.db, world.tenantId, { kind: 'customer', claims }, [subscribed('friend-2')]);
    expect((await referralOf('friend-2'))?.status).toBe('signed_up');
  });

  it('pays exactly one reward per side however many identical qualifying events race', async () => {
    const code = await codeOf('carol');
    await server([identify('friend-race', { referral_code: code })]);
    const sameMessage = randomUUID();
    await Promise.all([
      ...Array.from({ length: 50 }, () => server([subscribed('friend-race')])),
      ...Array.from({ length: 10 }, () => server([subscribed('friend-race', 'pro', sameMessage)])),
    ]);
    const referral = await referralOf('friend-race');
    expect(referral?.status).toBe('pending');
    const rewards = await rewardsOf(referral?.id ?? '');
    expect(rewards.map((r) => r.side).sort()).toEqual(['friend', 'referrer']);
  });

  it('claws both rewards back on a refund', async () => {
    await server([{ type: 'track', event: 'refund_issued', messageId: randomUUID(), userId: 'friend-1' }]);
    const referral = await referralOf('friend-1');
    expect(referral?.status).toBe('reversed');
    expect((await rewardsOf(referral?.id ?? '')).map((r) => r.status)).toEqual(['reversed', 'reversed']);
  });
});

describe('coupon rewards', () => {
  it('hands each friend a different code from the pool, and none once it is empty', async () => {
    const fresh = await createTestWorld();
    try {
      await fresh.database.db
        .update(schema.referralPrograms)
        .set({ friendReward: { type: 'coupon', pool: ['WELCOME-1'] } })
        .where(eq(schema.referralPrograms.tenantId, fresh.tenantId));
      const code = (await (await customerCaller(fresh, 'alice')).referral.summary()).code;
      const send = (events: Parameters<typeof ingestBatch>[3]) =>
        ingestBatch(fresh.database.db, fresh.tenantId, { kind: 'server' }, events);
      for (const friend of ['c-1', 'c-2']) {
        await send([identify(friend, { referral_code: code })]);
        await send([subscribed(friend)]);
      }
      const rewards = await fresh.database.db.select().from(schema.referralRewards).where(eq(schema.referralRewards.side, 'friend'));
      expect(rewards.map((r) => r.reward)).toHaveLength(2);
      expect(rewards.map((r) => r.reward)).toEqual(
        expect.arrayContaining([
          { type: 'coupon', pool: [], code: 'WELCOME-1' },
          { type: 'coupon', pool: [] },
        ]),
      );
    } finally {
      await fresh.close();
    }
  });
});

describe('milestones', () => {
  it('grants a milestone reward once, when the referrer reaches it', async () => {
    const code = await codeOf('alice');
    // alice already has friend-1 (reversed); three more qualified friends reach the first milestone (3).
    for (const friend of ['m-1', 'm-2', 'm-3']) {
      await server([identify(friend, { referral_code: code })]);
      await server([subscribed(friend)]);
      await server([subscribed(friend)]);
    }
    const milestones = await world.database.db.select().from(schema.referralMilestoneRewards);
    expect(milestones.map((m) => [m.friends, m.reward])).toEqual([[3, { type: 'points', amount: 500 }]]);
    await approveDue(world.database.db, world.tenantId);
    const summary = await (await customerCaller(world, 'alice')).referral.summary();
    expect(summary.rewards.earned).toContainEqual({ type: 'points', amount: 500 });
    expect(summary.milestones.next).toEqual({ friends: 5, reward: { type: 'points', amount: 1000 } });
  });
});

describe('the reward amount flag', () => {
  it('grants the referrer the amount their widget showed, evaluated on the server', async () => {
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    await marketer.console.experiments.rollout({ key: 'referral-center.reward', variationId: 'generous' });
    world.deps.flags.store.invalidate(world.tenantId);
    const shown = await (await customerCaller(world, 'bob')).referral.summary();
    expect(shown.referrerReward).toEqual({ type: 'credit', amount: 30, currency: 'USD' });
    // The flag changes after the customer saw 30: they still get what they were shown.
    await marketer.console.experiments.rollout({ key: 'referral-center.reward', variationId: null });
    world.deps.flags.store.invalidate(world.tenantId);
    await server([identify('bob-friend', { referral_code: shown.code })]);
    await server([subscribed('bob-friend')]);
    const rewards = await rewardsOf((await referralOf('bob-friend'))?.id ?? '');
    expect(rewards.find((r) => r.side === 'referrer')?.reward).toEqual({ type: 'credit', amount: 30, currency: 'USD' });
    expect(rewards.find((r) => r.side === 'friend')?.reward).toEqual({ type: 'credit', amount: 20, currency: 'USD' });
  });
});

describe('fraud rules', () => {
  it('holds a self-referral by the same mailbox with a clear reason, and a moderator decides', async () => {
    await (await customerCaller(world, 'dan')).customer.me();
    await world.database.db.update(schema.customers).set({ email: 'dan.wang@gmail.com' }).where(eq(schema.customers.externalId, 'dan'));
    const code = await codeOf('dan');
    await server([identify('dan-again', { referral_code: code })]);
    await world.database.db
      .update(schema.customers)
      .set({ email: 'danwang+2@gmail.com' })
      .where(eq(schema.customers.externalId, 'dan-again'));
    await server([subscribed('dan-again')]);
    const referral = await referralOf('dan-again');
    expect(referral).toMatchObject({ status: 'held', reasons: ['self-referral: same email address'] });
    expect(await rewardsOf(referral?.id ?? '')).toEqual([]);

    const moderator = await consoleCaller(world, 'moderator@flywheel.test');
    expect((await moderator.console.referrals.held()).map((h) => h.friend)).toContain('dan-again');
    const viewer = await consoleCaller(world, 'viewer@flywheel.test');
    await expect(
      viewer.console.referrals.review({ referralId: referral?.id ?? '', decision: 'approve', reason: 'checked' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await moderator.console.referrals.review({ referralId: referral?.id ?? '', decision: 'reject', reason: 'same person' });
    expect((await referralOf('dan-again'))?.status).toBe('rejected');
  });

  it('holds a customer using their own code', async () => {
    const code = await codeOf('erin');
    await server([identify('erin', { referral_code: code })]);
    await server([subscribed('erin')]);
    expect(await referralOf('erin')).toMatchObject({ status: 'held', reasons: ['self-referral: the friend is the referrer'] });
  });
});

describe('K-factor', () => {
  it('matches the hand-computed funnel: K = invites per referrer × conversion', async () => {
    const fresh = await createTestWorld();
    try {
      const db = fresh.database.db;
      const at = new Date('2026-11-10T10:00:00Z');
      const invite = (userId: string, channel: string) => ({
        type: 'track' as const,
        event: 'referral_invite_sent',
        messageId: randomUUID(),
        userId,
        timestamp: at.toISOString(),
        properties: { channel },
      });
      // 2 referrers, 4 invites (alice: 2 email + 1 x; bob: 1 email); alice's experiment variation is give-get.
      await ingestBatch(db, fresh.tenantId, { kind: 'server' }, [
        invite('alice', 'email'),
        invite('alice', 'email'),
        invite('alice', 'x'),
        invite('bob', 'email'),
        {
          type: 'track',
          event: 'experiment_viewed',
          messageId: randomUUID(),
          userId: 'alice',
          properties: { experiment_id: 'referral-center-headline', variation_id: 'give-get' },
        },
      ]);
      // 1 qualified friend (through alice's link by email).
      const aliceCode = (await (await customerCaller(fresh, 'alice')).referral.summary()).code;
      await db
        .insert(schema.referralClicks)
        .values({ tenantId: fresh.tenantId, code: aliceCode, anonymousId: 'anon-f', channel: 'email', fingerprint: 'x', clickedAt: at });
      await ingestBatch(db, fresh.tenantId, { kind: 'server' }, [identify('kf-friend', { referral_code: aliceCode })]);
      await db.update(schema.referrals).set({ channel: 'email', createdAt: at }).where(eq(schema.referrals.tenantId, fresh.tenantId));
      await ingestBatch(db, fresh.tenantId, { kind: 'server' }, [subscribed('kf-friend')]);
      await db.update(schema.referrals).set({ qualifiedAt: at }).where(eq(schema.referrals.tenantId, fresh.tenantId));

      const marketer = await consoleCaller(fresh, 'viewer@flywheel.test');
      const range = { from: '2026-11-01T00:00:00Z', to: '2026-12-01T00:00:00Z' };
      expect(await marketer.console.referrals.kFactor(range)).toEqual({
        activeReferrers: 2,
        invitesSent: 4,
        clicks: 1,
        signUps: 1,
        qualifiedFriends: 1,
        invitesPerReferrer: 2,
        inviteConversion: 0.25,
        kFactor: 0.5,
      });
      expect(await marketer.console.referrals.kFactor({ ...range, channel: 'email' })).toMatchObject({
        activeReferrers: 2,
        invitesSent: 3,
        qualifiedFriends: 1,
        invitesPerReferrer: 1.5,
        kFactor: 0.5,
      });
      expect(
        await marketer.console.referrals.kFactor({ ...range, experiment: { key: 'referral-center-headline', variationId: 'give-get' } }),
      ).toMatchObject({
        activeReferrers: 1,
        invitesSent: 3,
        qualifiedFriends: 1,
        kFactor: 1,
      });
    } finally {
      await fresh.close();
    }
  });
});
