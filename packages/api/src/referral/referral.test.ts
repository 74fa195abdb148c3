import { randomUUID } from 'node:crypto';
import { DEMO, schema } from '@flywheel/db';
import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestBatch } from '../events/index.ts';
import { verifyCustomerToken } from '../identity/index.ts';
import { Worker } from '../platform/index.ts';
import { consoleCaller, createTestWorld, customerCaller, type TestWorld, visitorCaller } from '../testing.ts';
import { CODE_ALPHABET, generateCode, maskEmail, normalizeEmailForFraud } from './codes.ts';
import { followLink } from './links.ts';

/** The demo program's hold period in a world: 0 makes the approval job due as soon as a referral qualifies. */
async function setHoldHours(on: TestWorld, holdHours: number) {
  await on.database.db.update(schema.referralPrograms).set({ holdHours }).where(eq(schema.referralPrograms.tenantId, on.tenantId));
}

// Several friends qualifying through the worker: on a loaded 2-core machine they take their time.
const SLOW = 60_000;

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
  // No hold in these tests: the approval job is due as soon as the referral qualifies.
  await setHoldHours(world, 0);
});
afterAll(() => world.close());

/**
 * A world of its own, for tests that change the tenant's program. Made in a hook, not in the test:
 * starting a database is setup, and hooks get the time it takes on a loaded machine.
 */
function ownWorld(setup: (on: TestWorld) => Promise<unknown> = async () => {}) {
  const own = {} as { world: TestWorld };
  beforeAll(async () => {
    own.world = await createTestWorld();
    await setup(own.world);
  });
  afterAll(() => own.world.close());
  return own;
}

type Batch = Parameters<typeof ingestBatch>[3];
/** The tenant's server sends events, and the reactions they cause run (as the worker would). */
async function server(events: Batch, on: TestWorld = world) {
  await ingestBatch(on.deps, on.tenantId, { kind: 'server' }, events);
  await on.drain();
}
const identify = (userId: string, traits: Record<string, string>, anonymousId?: string) => ({
  type: 'identify' as const,
  messageId: randomUUID(),
  userId,
  traits,
  ...(anonymousId ? { anonymousId } : {}),
});
const subscribed = (userId: string, plan = 'pro', messageId = randomUUID()) => ({
  type: 'track' as const,
  event: 'subscription_started',
  messageId,
  userId,
  properties: { plan },
});
const refunded = (userId: string) => ({ type: 'track' as const, event: 'refund_issued', messageId: randomUUID(), userId });

let people = 0;
/** A new referrer of the demo tenant, with their code: each test invites its own friends. */
async function newReferrer(on: TestWorld = world, email?: string) {
  const sub = `referrer-${++people}`;
  await server([identify(sub, { name: `Referrer ${people}`, ...(email ? { email } : {}) })], on);
  const code = (await (await customerCaller(on, sub)).referral.summary()).code;
  return { sub, code };
}
const friendOf = (referrer: { sub: string }, n: number) => `${referrer.sub}-friend-${n}`;

async function referralOf(friend: string, on: TestWorld = world) {
  const [row] = await on.database.db
    .select({ referral: schema.referrals })
    .from(schema.referrals)
    .innerJoin(schema.customers, eq(schema.customers.id, schema.referrals.friendId))
    .where(and(eq(schema.referrals.tenantId, on.tenantId), eq(schema.customers.externalId, friend)));
  return row?.referral;
}

/** The grants of one referral, as [side, status, spec]. */
async function grantsOfReferral(referralId: string, on: TestWorld = world) {
  const rows = await on.database.db
    .select()
    .from(schema.rewardGrants)
    .where(and(eq(schema.rewardGrants.tenantId, on.tenantId), like(schema.rewardGrants.sourceKey, `referral:${referralId}:%`)));
  return rows.map((g) => [g.sourceKey.split(':').at(-1), g.status, g.spec] as const).sort();
}

async function milestoneGrants(referrerSub: string) {
  const [referrer] = await world.database.db.select().from(schema.customers).where(eq(schema.customers.externalId, referrerSub));
  return world.database.db
    .select({ sourceKey: schema.rewardGrants.sourceKey, status: schema.rewardGrants.status })
    .from(schema.rewardGrants)
    .where(like(schema.rewardGrants.sourceKey, `referral:${referrer?.id}:milestone:%`))
    .orderBy(schema.rewardGrants.sourceKey);
}

/** Invites and qualifies `n` friends of the referrer. */
async function qualifyFriends(referrer: { sub: string; code: string }, n: number, from = 1) {
  for (let i = from; i < from + n; i++) {
    await server([identify(friendOf(referrer, i), { referral_code: referrer.code })]);
    await server([subscribed(friendOf(referrer, i))]);
  }
}

describe('codes and emails', () => {
  it('draws 8 characters from an alphabet without look-alikes', () => {
    for (let i = 0; i < 200; i++) expect(generateCode()).toMatch(new RegExp(`^[${CODE_ALPHABET}]{8}$`));
    expect(CODE_ALPHABET).not.toMatch(/[01ILO]/);
  });

  it('normalises emails the way providers deliver them: plus tags everywhere, dots only at Gmail', () => {
    expect(normalizeEmailForFraud('A.Li.Ce+promo@GoogleMail.com')).toBe('alice@gmail.com');
    expect(normalizeEmailForFraud('alice+x@outlook.com')).toBe('alice@outlook.com');
    expect(normalizeEmailForFraud('alice+friend@example.com')).toBe('alice@example.com');
    expect(normalizeEmailForFraud('a.lice@example.com')).toBe('a.lice@example.com');
    expect(normalizeEmailForFraud('alice-shopping@yahoo.com')).toBe('alice@yahoo.com');
    expect(normalizeEmailForFraud('alice-news@ymail.com')).toBe('alice@ymail.com');
    expect(normalizeEmailForFraud('mary-jane@example.com')).toBe('mary-jane@example.com');
    expect(normalizeEmailForFraud('Alice@Example.COM.')).toBe('alice@example.com');
    expect(maskEmail('alice@example.com')).toBe('a***e@example.com');
  });
});

describe('a friend converts', () => {
  it('moves signed up → pending → approved, one reward per side, each transition an event', async () => {
    const referrer = await newReferrer();
    const friend = friendOf(referrer, 1);
    await server([identify(friend, { referral_code: referrer.code.toLowerCase() })]);
    expect((await referralOf(friend))?.status).toBe('signed_up');

    await server([subscribed(friend, 'free')]);
    expect((await referralOf(friend))?.status).toBe('signed_up');

    await ingestBatch(world.deps, world.tenantId, { kind: 'server' }, [subscribed(friend)]);
    expect((await referralOf(friend))?.status).toBe('signed_up'); // reactions run off the request
    await world.drain();
    const referral = await referralOf(friend);
    // The approval job ran in the same drain (no hold in these tests).
    expect(referral?.status).toBe('approved');
    expect(await grantsOfReferral(referral?.id ?? '')).toEqual([
      ['friend', 'approved', { type: 'credit', amount: 20, currency: 'USD' }],
      ['referrer', 'approved', { type: 'credit', amount: 20, currency: 'USD' }],
    ]);
    const summary = await (await customerCaller(world, referrer.sub)).referral.summary();
    expect(summary.rewards.totals.earned).toEqual([{ type: 'credit', amount: 20, currency: 'USD' }]);
    // Each reward says what it is for: here, the friend who subscribed.
    expect(summary.rewards.items).toEqual([
      expect.objectContaining({ status: 'approved', for: expect.objectContaining({ kind: 'friend' }), approvesAt: null }),
    ]);
    expect(summary.friends).toEqual([expect.objectContaining({ status: 'approved' })]);
    expect(summary.milestones).toEqual({ qualified: 1, next: { friends: 3, reward: { type: 'points', amount: 500 } } });

    const transitions = await world.database.db
      .select({ event: schema.events.event, messageId: schema.events.messageId, producer: schema.events.producer })
      .from(schema.events)
      .where(and(eq(schema.events.tenantId, world.tenantId), eq(schema.events.userId, friend), like(schema.events.event, 'referral_%')));
    expect(transitions.map((t) => t.event).sort()).toEqual(['referral_approved', 'referral_qualified', 'referral_signed_up']);
    expect(transitions.map((t) => t.messageId)).toContain(`referral:${referral?.id}:qualified`);
    expect(new Set(transitions.map((t) => t.producer))).toEqual(new Set(['domain']));
  });

  it('never lets a customer token qualify a referral (only the tenant’s server can)', async () => {
    const referrer = await newReferrer();
    const friend = friendOf(referrer, 1);
    await server([identify(friend, { referral_code: referrer.code })]);
    const claims = await verifyCustomerToken(await world.tokenFor(friend), DEMO.secretKey);
    await expect(ingestBatch(world.deps, world.tenantId, { kind: 'customer', claims }, [subscribed(friend)])).rejects.toThrow(
      'batch.0.event: only the tenant’s server (secret key) may record subscription_started',
    );
    await world.drain();
    expect((await referralOf(friend))?.status).toBe('signed_up');
  });

  it('pays exactly one reward per side however many identical qualifying events race', { timeout: SLOW }, async () => {
    const referrer = await newReferrer();
    const friend = friendOf(referrer, 1);
    await server([identify(friend, { referral_code: referrer.code })]);
    const sameMessage = randomUUID();
    await Promise.all([
      ...Array.from({ length: 30 }, () => ingestBatch(world.deps, world.tenantId, { kind: 'server' }, [subscribed(friend)])),
      ...Array.from({ length: 10 }, () =>
        ingestBatch(world.deps, world.tenantId, { kind: 'server' }, [subscribed(friend, 'pro', sameMessage)]),
      ),
    ]);
    await Promise.all([world.drain(), world.drain()]);
    const referral = await referralOf(friend);
    expect((await grantsOfReferral(referral?.id ?? '')).map(([side]) => side)).toEqual(['friend', 'referrer']);
  });

  it('claws both rewards back on a refund', async () => {
    const referrer = await newReferrer();
    await qualifyFriends(referrer, 1);
    await server([refunded(friendOf(referrer, 1))]);
    const referral = await referralOf(friendOf(referrer, 1));
    expect(referral?.status).toBe('reversed');
    expect((await grantsOfReferral(referral?.id ?? '')).map(([, status]) => status)).toEqual(['reversed', 'reversed']);
  });

  it('takes the rewards back even when the friend sent an event under the refund’s message id first (regression)', async () => {
    const referrer = await newReferrer();
    await qualifyFriends(referrer, 1);
    const friend = friendOf(referrer, 1);
    const refund = refunded(friend);
    // The friend's own browser spends the id the tenant's server will use for the refund.
    const accepted = await ingestBatch(world.deps, world.tenantId, { kind: 'customer', claims: { sub: friend } as never }, [
      { type: 'track', event: 'referral_link_copied', messageId: refund.messageId, userId: friend },
    ]);
    expect(accepted.accepted).toBe(1);
    await server([refund]);
    expect((await referralOf(friend))?.status).toBe('reversed');
    // The server's own retry of the refund is still one refund.
    await server([refund]);
    const [row] = await world.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.events)
      .where(and(eq(schema.events.tenantId, world.tenantId), eq(schema.events.messageId, refund.messageId)));
    expect(row?.n).toBe(2);
  });

  it('ties the link click, and its share channel, to the friend who signs up from it', async () => {
    const referrer = await newReferrer();
    const visitor = `visitor-${randomUUID()}`;
    const landing = new URL(
      (await followLink(world.database.db, referrer.code, {
        anonymousId: visitor,
        returning: true,
        channel: 'email',
        ip: '1.2.3.4',
        userAgent: 'test',
      })) ?? '',
    );
    expect(landing.searchParams.get('fw_click')).toBe(visitor);
    const friend = friendOf(referrer, 1);
    await server([identify(friend, { referral_code: landing.searchParams.get('ref') ?? '', referral_click: visitor })]);
    expect(await referralOf(friend)).toMatchObject({ channel: 'email', clickedAt: expect.any(Date) });
  });
});

describe('coupon rewards', () => {
  const couponWorld = ownWorld();
  it('hands each friend a different code from the pool, and none once it is empty', async () => {
    const fresh = couponWorld.world;
    await fresh.database.db
      .update(schema.referralPrograms)
      .set({ friendReward: { type: 'coupon', pool: ['WELCOME-1'] } })
      .where(eq(schema.referralPrograms.tenantId, fresh.tenantId));
    const referrer = await newReferrer(fresh);
    for (const friend of ['c-1', 'c-2']) {
      await server([identify(friend, { referral_code: referrer.code })], fresh);
      await server([subscribed(friend)], fresh);
    }
    const grants = await fresh.database.db.select().from(schema.rewardGrants).where(like(schema.rewardGrants.sourceKey, '%:friend'));
    expect(grants.map((g) => g.spec)).toEqual(
      expect.arrayContaining([
        { type: 'coupon', pool: [], code: 'WELCOME-1' },
        { type: 'coupon', pool: [] },
      ]),
    );
    expect(grants).toHaveLength(2);
  });
});

describe('milestones', () => {
  it('grants a milestone reward once, when the referrer reaches it, and its points become spendable', { timeout: SLOW }, async () => {
    const referrer = await newReferrer();
    await qualifyFriends(referrer, 3);
    await server([subscribed(friendOf(referrer, 3))]);
    expect(await milestoneGrants(referrer.sub)).toEqual([{ sourceKey: expect.stringMatching(/:milestone:3:0$/), status: 'approved' }]);
    const caller = await customerCaller(world, referrer.sub);
    const summary = await caller.referral.summary();
    expect(summary.rewards.totals.earned).toContainEqual({ type: 'points', amount: 500 });
    expect(summary.rewards.items).toContainEqual(expect.objectContaining({ for: { kind: 'milestone', friends: 3 } }));
    expect(summary.milestones.next).toEqual({ friends: 5, reward: { type: 'points', amount: 1000 } });
    // The milestone's 500 are spendable; the demo's "Refer 3 friends" badge adds its own 300 (the achievements domain's test).
    const milestonePoints = (await caller.points.history({ limit: 50 })).items.filter(
      (e) => e.source === 'referral' && e.bucket === 'available',
    );
    expect(milestonePoints.map((e) => e.amount)).toEqual([500]);
    expect((await caller.points.balance()).pending).toBe(0);
  });

  it('grants the milestone when a moderator approves the held friend that reaches it (regression)', { timeout: SLOW }, async () => {
    const referrer = await newReferrer(world, `ref-${people + 1}@example.com`);
    await qualifyFriends(referrer, 2);
    const third = friendOf(referrer, 3);
    await server([identify(third, { referral_code: referrer.code, email: `ref-${people}+friend@example.com` })]);
    await server([subscribed(third)]);
    expect(await referralOf(third)).toMatchObject({ status: 'held', signals: [{ code: 'same_email' }] });
    expect(await milestoneGrants(referrer.sub)).toEqual([]);

    const moderator = await consoleCaller(world, 'moderator@flywheel.test');
    await moderator.console.referrals.review({
      referralIds: [(await referralOf(third))?.id ?? ''],
      decision: 'approve',
      reason: 'a colleague',
    });
    await world.drain();
    expect(await milestoneGrants(referrer.sub)).toEqual([{ sourceKey: expect.stringMatching(/:milestone:3:0$/), status: 'approved' }]);
  });

  const refundWorld = ownWorld();
  it('reverses a milestone reward when a friend that earned it is refunded (regression)', { timeout: SLOW }, async () => {
    const fresh = refundWorld.world;
    // A long hold: the milestone is still pending when the refund arrives.
    await setHoldHours(fresh, 72);
    const referrer = await newReferrer(fresh);
    for (let i = 1; i <= 3; i++) {
      await server([identify(friendOf(referrer, i), { referral_code: referrer.code })], fresh);
      await server([subscribed(friendOf(referrer, i))], fresh);
    }
    const milestoneKey = like(schema.rewardGrants.sourceKey, '%:milestone:%');
    expect((await fresh.database.db.select().from(schema.rewardGrants).where(milestoneKey)).map((g) => g.status)).toEqual(['pending']);
    await server([refunded(friendOf(referrer, 2))], fresh);
    expect((await fresh.database.db.select().from(schema.rewardGrants).where(milestoneKey)).map((g) => g.status)).toEqual(['reversed']);
    const summary = await (await customerCaller(fresh, referrer.sub)).referral.summary();
    expect(summary.milestones).toEqual({ qualified: 2, next: { friends: 3, reward: { type: 'points', amount: 500 } } });
    expect(summary.rewards.totals.pending).not.toContainEqual({ type: 'points', amount: 500 });
    expect(await (await customerCaller(fresh, referrer.sub)).points.balance()).toEqual({ available: 0, pending: 0, held: 0 });
  });
});

describe('the reward amount flag', () => {
  it('grants the referrer the amount their widget showed, evaluated on the server', async () => {
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    await marketer.console.experiments.rollout({ key: 'referral-center.reward', variationId: 'generous' });
    world.deps.flags.store.invalidate(world.tenantId);
    const referrer = await newReferrer();
    const shown = await (await customerCaller(world, referrer.sub)).referral.summary();
    expect(shown.referrerReward).toEqual({ type: 'credit', amount: 30, currency: 'USD' });
    // The flag changes after the customer saw 30: they still get what they were shown.
    await marketer.console.experiments.rollout({ key: 'referral-center.reward', variationId: null });
    world.deps.flags.store.invalidate(world.tenantId);
    await qualifyFriends(referrer, 1);
    expect(await grantsOfReferral((await referralOf(friendOf(referrer, 1)))?.id ?? '')).toEqual([
      ['friend', 'approved', { type: 'credit', amount: 20, currency: 'USD' }],
      ['referrer', 'approved', { type: 'credit', amount: 30, currency: 'USD' }],
    ]);
  });
});

describe('fraud rules', () => {
  it('holds a self-referral by the same mailbox with a clear reason, and a moderator decides', async () => {
    const referrer = await newReferrer(world, 'dan.wang@gmail.com');
    const again = friendOf(referrer, 1);
    await server([identify(again, { referral_code: referrer.code, email: 'danwang+2@gmail.com' })]);
    await server([subscribed(again)]);
    const referral = await referralOf(again);
    expect(referral).toMatchObject({ status: 'held', signals: [{ code: 'same_email' }] });
    expect(await grantsOfReferral(referral?.id ?? '')).toEqual([]);

    const moderator = await consoleCaller(world, 'moderator@flywheel.test');
    const queue = await moderator.console.referrals.list({ view: 'held', limit: 50 });
    expect(queue.items.find((h) => h.id === referral?.id)).toMatchObject({
      friend: { id: again, email: 'danwang+2@gmail.com' },
      referrer: { id: referrer.sub, name: expect.stringMatching(/^Referrer /), email: 'dan.wang@gmail.com' },
      signals: [{ code: 'same_email' }],
      referrerHistory: { referred: 1, rewarded: 0, rejected: 0 },
    });
    const viewer = await consoleCaller(world, 'viewer@flywheel.test');
    await expect(
      viewer.console.referrals.review({ referralIds: [referral?.id ?? ''], decision: 'approve', reason: 'checked' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await moderator.console.referrals.review({ referralIds: [referral?.id ?? ''], decision: 'reject', reason: 'same person' });
    expect((await referralOf(again))?.status).toBe('rejected');
    // It moves to the decided tab, with who decided and why.
    const decided = await moderator.console.referrals.list({ view: 'decided', search: 'danwang', limit: 50 });
    expect(decided.items).toEqual([
      expect.objectContaining({
        status: 'rejected',
        decision: { by: 'moderator@flywheel.test', at: expect.any(String), note: 'same person' },
      }),
    ]);
  });

  it('holds a customer using their own code', async () => {
    const referrer = await newReferrer();
    await server([identify(referrer.sub, { referral_code: referrer.code })]);
    await server([subscribed(referrer.sub)]);
    expect(await referralOf(referrer.sub)).toMatchObject({ status: 'held', signals: [{ code: 'self_referral' }] });
  });

  it('holds a second account signed up from the referrer’s own browser (regression)', async () => {
    const referrer = await newReferrer();
    const device = `device-${randomUUID()}`;
    await server([identify(referrer.sub, {}, device)]);
    const second = friendOf(referrer, 1);
    await server([identify(second, { referral_code: referrer.code }, device)]);
    await server([subscribed(second)]);
    expect(await referralOf(second)).toMatchObject({ status: 'held', signals: [{ code: 'same_device' }] });
  });

  it('holds a friend who opened the link from the referrer’s own public address and browser, not one on localhost', async () => {
    const referrer = await newReferrer();
    const home = { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (Macintosh) Safari/605' };
    await (await customerCaller(world, referrer.sub, { client: home })).referral.summary();
    const visit = (visitor: string, client: { ip: string; userAgent: string }) =>
      followLink(world.database.db, referrer.code, { anonymousId: visitor, returning: true, channel: 'copy', ...client });
    const signsUpAndSubscribes = async (friend: string, visitor: string) => {
      await server([identify(friend, { referral_code: referrer.code, referral_click: visitor })]);
      await server([subscribed(friend)]);
      return (await referralOf(friend))?.signals;
    };
    await visit('same-network-visitor', home);
    expect(await signsUpAndSubscribes(friendOf(referrer, 1), 'same-network-visitor')).toEqual([
      { code: 'same_network', params: { hours: 24 } },
    ]);
    // Another browser on that network is someone else (a flatmate, a colleague).
    await visit('other-browser-visitor', { ...home, userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/140' });
    expect(await signsUpAndSubscribes(friendOf(referrer, 2), 'other-browser-visitor')).toEqual([]);
    // Loopback and private addresses are a proxy's or a LAN's, shared by everyone: never a signal.
    const local = { ip: '127.0.0.1', userAgent: 'Mozilla/5.0 (X11) Chrome/140' };
    const localReferrer = await newReferrer();
    await (await customerCaller(world, localReferrer.sub, { client: local })).referral.summary();
    await followLink(world.database.db, localReferrer.code, { anonymousId: 'local-visitor', returning: true, channel: 'copy', ...local });
    await server([identify('local-friend', { referral_code: localReferrer.code, referral_click: 'local-visitor' })]);
    await server([subscribed('local-friend')]);
    expect(await referralOf('local-friend')).toMatchObject({ status: 'approved', signals: [] });
  });

  it('decides several held referrals at once, and reports those no longer held', async () => {
    const referrer = await newReferrer();
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const device = `bulk-device-${randomUUID()}`;
      await server([identify(referrer.sub, {}, device)]);
      await server([identify(friendOf(referrer, n), { referral_code: referrer.code }, device)]);
      await server([subscribed(friendOf(referrer, n))]);
      ids.push((await referralOf(friendOf(referrer, n)))?.id ?? '');
    }
    const moderator = await consoleCaller(world, 'moderator@flywheel.test');
    expect(await moderator.console.referrals.review({ referralIds: ids, decision: 'approve', reason: 'same office' })).toEqual({
      decided: ids,
      notHeld: [],
    });
    for (const id of ids)
      expect((await grantsOfReferral(id)).map(([side, status]) => [side, status])).toEqual([
        ['friend', 'approved'],
        ['referrer', 'approved'],
      ]);
    await expect(moderator.console.referrals.review({ referralIds: ids, decision: 'reject', reason: 'again' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/^referralIds: /),
    });
  });

  it('ignores a refund while held, and a later approval pays nothing for the refunded friend (regression)', { timeout: SLOW }, async () => {
    const referrer = await newReferrer();
    await server([identify(referrer.sub, { referral_code: referrer.code })]);
    await server([subscribed(referrer.sub)]);
    const held = await referralOf(referrer.sub);
    expect(held?.status).toBe('held');
    await server([refunded(referrer.sub)]);
    expect((await referralOf(referrer.sub))?.status).toBe('reversed');
    const moderator = await consoleCaller(world, 'moderator@flywheel.test');
    await expect(
      moderator.console.referrals.review({ referralIds: [held?.id ?? ''], decision: 'approve', reason: 'looks fine' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await grantsOfReferral(held?.id ?? '')).toEqual([]);
  });
});

describe('concurrent friends of one referrer (races are real on Postgres)', () => {
  /** Qualifying events for many friends at once, handled by several workers on their own connections at once. */
  async function qualifyAtOnce(on: TestWorld, referrer: { code: string }, friends: string[]) {
    for (const friend of friends) await server([identify(friend, { referral_code: referrer.code })], on);
    await Promise.all(friends.map((friend) => ingestBatch(on.deps, on.tenantId, { kind: 'server' }, [subscribed(friend)])));
    const workers = Array.from(
      { length: 4 },
      () => new Worker({ db: on.database.db, platform: on.deps.platform, batchSize: 1, retryDelayMs: () => 0 }),
    );
    await Promise.all(workers.map((w) => w.drain()));
    await on.drain();
  }

  const capWorld = ownWorld();
  it('holds the monthly cap: with a cap of 3, ten friends qualifying at once reward three (regression)', { timeout: SLOW }, async () => {
    const fresh = capWorld.world;
    await fresh.database.db
      .update(schema.referralPrograms)
      .set({ monthlyCap: 3, milestones: [] })
      .where(eq(schema.referralPrograms.tenantId, fresh.tenantId));
    const referrer = await newReferrer(fresh);
    const friends = Array.from({ length: 10 }, (_, i) => `cap-friend-${i}`);
    await qualifyAtOnce(fresh, referrer, friends);
    const statuses = await Promise.all(friends.map(async (f) => (await referralOf(f, fresh))?.status));
    expect(statuses.filter((s) => s === 'pending')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'held')).toHaveLength(7);
  });

  const raceWorld = ownWorld();
  it('grants the 3-friend milestone exactly once when three friends qualify at once (regression)', { timeout: SLOW }, async () => {
    const fresh = raceWorld.world;
    await setHoldHours(fresh, 0);
    const referrer = await newReferrer(fresh);
    await qualifyAtOnce(fresh, referrer, ['m-a', 'm-b', 'm-c']);
    const milestones = await fresh.database.db
      .select()
      .from(schema.rewardGrants)
      .where(like(schema.rewardGrants.sourceKey, '%:milestone:%'));
    expect(milestones.map((g) => [g.sourceKey.split(':').slice(-2).join(':'), g.status])).toEqual([['3:0', 'approved']]);
  });
});

describe('K-factor', () => {
  const kFactorWorld = ownWorld();
  it('matches the hand-computed funnel: K = invites per referrer × conversion', { timeout: SLOW }, async () => {
    const fresh = kFactorWorld.world;
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
    await ingestBatch(fresh.deps, fresh.tenantId, { kind: 'server' }, [
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
    await ingestBatch(fresh.deps, fresh.tenantId, { kind: 'server' }, [identify('kf-friend', { referral_code: aliceCode })]);
    await fresh.drain();
    await db.update(schema.referrals).set({ channel: 'email', createdAt: at }).where(eq(schema.referrals.tenantId, fresh.tenantId));
    await ingestBatch(fresh.deps, fresh.tenantId, { kind: 'server' }, [subscribed('kf-friend')]);
    await fresh.drain();
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
  });
});

describe('the program in the console', () => {
  it('is saved whole by a marketer, with each change recorded, and counts the coupons left', async () => {
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    const program = await marketer.console.referrals.program();
    if (!program) throw new Error('the demo has a program');
    const { tenantId: _, updatedAt: __, couponsLeft: ___, ...fields } = program;
    const saved = await marketer.console.referrals.updateProgram({
      ...fields,
      qualifyingCondition: fields.qualifyingCondition as never,
      friendReward: { type: 'coupon', pool: ['WELCOME-1', 'WELCOME-2'] },
      holdHours: 48,
    });
    expect(saved?.couponsLeft).toEqual({ referrer: null, friend: 2 });
    const changes = await marketer.console.referrals.programChanges();
    expect(changes[0]).toMatchObject({ by: 'marketer@flywheel.test', fields: ['friendReward', 'holdHours'] });

    await expect(
      marketer.console.referrals.updateProgram({ ...fields, qualifyingCondition: null, friendReward: { type: 'coupon', pool: [] } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('pool') });
    const custom = { type: 'webhook', url: 'https://hooks.example.com/rewards', label: 'A month of Pro' } as const;
    await expect(
      marketer.console.referrals.updateProgram({ ...fields, qualifyingCondition: null, friendReward: custom }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^friendReward\.url: register this address/),
    });
    const owner = await consoleCaller(world, 'owner@flywheel.test');
    const endpoint = await owner.console.webhooks.create({ url: custom.url, eventTypes: ['reward_approved'] });
    await marketer.console.referrals.updateProgram({ ...fields, qualifyingCondition: null, friendReward: custom });
    await owner.console.webhooks.remove({ id: endpoint.id });
    const viewer = await consoleCaller(world, 'viewer@flywheel.test');
    await expect(viewer.console.referrals.updateProgram({ ...fields, qualifyingCondition: null })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // Back as it was, for the tests that follow.
    await marketer.console.referrals.updateProgram({ ...fields, qualifyingCondition: fields.qualifyingCondition as never });
  });
});

describe('a paused program', () => {
  const pauseWorld = ownWorld((on) => setHoldHours(on, 0));
  it('takes no new referrals and rewards nobody new, says so to customers and friends, and keeps its terms', async () => {
    const fresh = pauseWorld.world;
    const marketer = await consoleCaller(fresh, 'marketer@flywheel.test');
    const program = await marketer.console.referrals.program();
    if (!program) throw new Error('the demo has a program');
    const { tenantId: _, updatedAt: __, couponsLeft: ___, pausedAt: ____, ...fields } = program;
    const settings = { ...fields, qualifyingCondition: fields.qualifyingCondition as never };
    const referrer = await newReferrer(fresh);
    await server([identify('before-pause', { referral_code: referrer.code })], fresh);

    const terms = { en: 'One reward per friend.', 'zh-CN': '每位好友奖励一次。' };
    const paused = await marketer.console.referrals.updateProgram({ ...settings, terms, paused: true });
    expect(paused).toMatchObject({ paused: true, pausedAt: expect.any(Date), terms });
    // Saving again while paused keeps when the pause began.
    expect((await marketer.console.referrals.updateProgram({ ...settings, terms, paused: true }))?.pausedAt).toEqual(paused?.pausedAt);
    await server([identify('during-pause', { referral_code: referrer.code })], fresh);
    await server([subscribed('before-pause')], fresh);
    expect(await referralOf('during-pause', fresh)).toBeUndefined();
    expect((await referralOf('before-pause', fresh))?.status).toBe('signed_up');
    expect(await (await customerCaller(fresh, referrer.sub)).referral.summary()).toMatchObject({ paused: true, terms });
    expect(await (await visitorCaller(fresh)).referral.invite({ code: referrer.code })).toMatchObject({ paused: true, terms });
    // The second save changed nothing, and is not listed as a change.
    expect((await marketer.console.referrals.programChanges())[0]?.fields).toEqual(['terms', 'pausedAt']);

    await marketer.console.referrals.updateProgram({ ...settings, terms, paused: false });
    await server([subscribed('before-pause', 'pro')], fresh);
    expect((await referralOf('before-pause', fresh))?.status).toBe('approved');
  });
});

describe('the console’s list of referrals', () => {
  const listWorld = ownWorld();
  it('finds referrals by name, email or code, filters by status and channel, pages, and exports CSV a spreadsheet cannot run', {
    timeout: SLOW,
  }, async () => {
    const fresh = listWorld.world;
    const referrer = await newReferrer(fresh);
    await server(
      [identify('=HYPERLINK("http://evil")', { referral_code: referrer.code, name: '=cmd|calc', email: 'mallory@example.org' })],
      fresh,
    );
    await server([identify('list-friend-2', { referral_code: referrer.code, name: 'Grace Lin', email: 'grace@example.org' })], fresh);
    await server([subscribed('list-friend-2')], fresh);
    await fresh.database.db.update(schema.referrals).set({ channel: 'copy' }).where(eq(schema.referrals.tenantId, fresh.tenantId));
    const marketer = await consoleCaller(fresh, 'marketer@flywheel.test');
    const list = (input: Parameters<typeof marketer.console.referrals.list>[0]) => marketer.console.referrals.list(input);

    const all = await list({ limit: 50 });
    expect(all.items.map((r) => r.friend.name)).toEqual(['Grace Lin', '=cmd|calc']);
    expect(all.items[0]).toMatchObject({
      status: 'pending',
      rewards: { friend: { spec: { type: 'credit', amount: 20 }, status: 'pending' } },
    });
    expect((await list({ search: 'GRACE@', limit: 50 })).items.map((r) => r.friend.id)).toEqual(['list-friend-2']);
    expect((await list({ search: referrer.code.toLowerCase(), limit: 50 })).items).toHaveLength(2);
    expect((await list({ search: `Referrer ${referrer.sub.split('-')[1]}`, limit: 50 })).items).toHaveLength(2);
    // LIKE's wildcards are searched for as themselves.
    expect((await list({ search: '%', limit: 50 })).items).toEqual([]);
    expect((await list({ status: 'signed_up', limit: 50 })).items.map((r) => r.friend.email)).toEqual(['mallory@example.org']);
    expect((await list({ channel: 'email', limit: 50 })).items).toEqual([]);
    const first = await list({ limit: 1 });
    const second = await list({ limit: 1, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((r) => r.friend.name)).toEqual(['Grace Lin', '=cmd|calc']);
    expect(second.nextCursor).toBeNull();
    await expect(list({ limit: 1, cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^cursor: /),
    });

    const { csv } = await marketer.console.referrals.exportCsv({ view: 'all' });
    const [header, grace, mallory] = csv.trim().split('\n');
    expect(header).toMatch(/^referral_id,status,signed_up_at,/);
    expect(grace).toContain(',Grace Lin,grace@example.org,20 USD (pending),20 USD (pending),');
    // A name or id that starts a formula is written as text.
    expect(mallory).toContain(`,"'=HYPERLINK(""http://evil"")",'=cmd|calc,mallory@example.org,`);
    const viewer = await consoleCaller(fresh, 'viewer@flywheel.test');
    await expect(viewer.console.referrals.exportCsv({ view: 'all' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('referral analytics', () => {
  const analyticsWorld = ownWorld((on) => setHoldHours(on, 0));
  it('leads with the funnel per week and channel, the top referrers, what rewards cost and owe, and referred revenue', {
    timeout: SLOW,
  }, async () => {
    const fresh = analyticsWorld.world;
    const referrer = await newReferrer(fresh);
    const visit = (visitor: string, channel: string) =>
      followLink(fresh.database.db, referrer.code, {
        anonymousId: visitor,
        returning: true,
        channel,
        ip: '198.51.100.9',
        userAgent: 'friend',
      });
    await visit('copy-visitor', 'copy');
    await visit('email-visitor', 'email');
    await server([identify('paying-friend', { referral_code: referrer.code, referral_click: 'copy-visitor' })], fresh);
    await server([identify('quiet-friend', { referral_code: referrer.code, referral_click: 'email-visitor' })], fresh);
    await server([{ ...subscribed('paying-friend'), properties: { plan: 'pro', revenue: 49, currency: 'USD' } }], fresh);
    // A browser cannot claim revenue: only the tenant's server's events count.
    await ingestBatch(fresh.deps, fresh.tenantId, { kind: 'customer', claims: { sub: 'paying-friend' } as never }, [
      { type: 'track', event: 'referral_link_copied', messageId: randomUUID(), userId: 'paying-friend', properties: { revenue: 1000 } },
    ]);

    const marketer = await consoleCaller(fresh, 'marketer@flywheel.test');
    await marketer.console.experiments.launch({ key: 'referral-center.headline' });
    const analytics = await marketer.console.referrals.analytics({ weeks: 4 });
    // The running headline experiment: the funnel per variation (nobody here saw it yet).
    expect(analytics.experiments).toEqual([
      {
        feature: 'referral-center.headline',
        key: 'referral-center-headline',
        variations: [
          expect.objectContaining({ id: 'control', activeReferrers: 0 }),
          expect.objectContaining({ id: 'give-get', kFactor: 0 }),
        ],
      },
    ]);
    expect(analytics.funnel).toMatchObject({ clicks: 2, signUps: 2, qualified: 1, rewarded: 1 });
    expect(analytics.weekly).toHaveLength(4);
    expect(analytics.weekly.at(-1)).toMatchObject({ clicks: 2, signUps: 2, qualifiedFriends: 1 });
    // The sign-up through a ?via=copy link counts for the copy channel, the other for email.
    expect(analytics.channels.map((c) => [c.channel, c.signUps, c.qualifiedFriends])).toEqual([
      ['copy', 1, 1],
      ['email', 1, 0],
    ]);
    expect(analytics.topReferrers).toEqual([
      { id: referrer.sub, name: expect.stringMatching(/^Referrer /), email: null, referred: 2, rewarded: 1 },
    ]);
    expect(analytics.rewards).toEqual({ paid: [], owed: [{ type: 'credit', currency: 'USD', amount: 40 }], pending: [] });
    expect(analytics.revenue).toEqual([{ currency: 'USD', amount: 49 }]);
    const viewer = await consoleCaller(fresh, 'viewer@flywheel.test');
    await expect(viewer.console.referrals.analytics({ weeks: 4 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the invite a landing page shows', () => {
  it('names the referrer by first name and the friend’s reward, to anyone with the link, and never a coupon code', async () => {
    const referrer = await customerCaller(world, 'invite-referrer', { name: 'Grace Hopper' });
    const { code } = await referrer.referral.summary();
    const visitor = await visitorCaller(world);
    expect(await visitor.referral.invite({ code: code.toLowerCase() })).toEqual({
      referrer: 'Grace',
      friendReward: { type: 'credit', amount: 20, currency: 'USD' },
      paused: false,
      terms: null,
    });
    await expect(visitor.referral.invite({ code: '22222222' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/^code: /),
    });

    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    const program = await marketer.console.referrals.program();
    if (!program) throw new Error('the demo has a program');
    const { tenantId: _, updatedAt: __, couponsLeft: ___, ...fields } = program;
    const condition = fields.qualifyingCondition as never;
    await marketer.console.referrals.updateProgram({
      ...fields,
      qualifyingCondition: condition,
      friendReward: { type: 'coupon', pool: ['SECRET-1'] },
    });
    try {
      expect((await visitor.referral.invite({ code })).friendReward).toEqual({ type: 'coupon', pool: [] });
    } finally {
      await marketer.console.referrals.updateProgram({ ...fields, qualifyingCondition: condition });
    }
  });
});

describe('reward totals', () => {
  it('add points together and credit per currency, and list what does not add up', async () => {
    const { totalsOf } = await import('./service.ts');
    expect(
      totalsOf([
        { type: 'credit', amount: 20, currency: 'USD' },
        { type: 'points', amount: 500 },
        { type: 'credit', amount: 20.1, currency: 'USD' },
        { type: 'credit', amount: 5, currency: 'EUR' },
        { type: 'points', amount: 250 },
        { type: 'coupon', pool: [], code: 'A' },
      ]),
    ).toEqual([
      { type: 'credit', amount: 40.1, currency: 'USD' },
      { type: 'points', amount: 750 },
      { type: 'credit', amount: 5, currency: 'EUR' },
      { type: 'coupon', pool: [], code: 'A' },
    ]);
  });
});
