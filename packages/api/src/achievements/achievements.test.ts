import { randomUUID } from 'node:crypto';
import { Bitstring } from '@digitalbazaar/bitstring';
import { DEMO, schema } from '@flywheel/db';
import { testSecretsKey } from '@flywheel/db/testing';
import { and, eq } from 'drizzle-orm';
import { decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestBatch } from '../events/index.ts';
import { consoleCaller, createTestWorld, customerCaller, fromServer, type TestWorld, trackEvent, webhookReceiver } from '../testing.ts';
import { awardCredential, didDocument, statusListCredential } from './credentials.ts';

// Journeys through several reactions per event, and the concurrency tests: a minute on a loaded
// 2-core machine (every suite runs at once in CI), a few seconds alone.
const SLOW = 60_000;

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
  await world.database.db.update(schema.referralPrograms).set({ holdHours: 0 }).where(eq(schema.referralPrograms.tenantId, world.tenantId));
});
afterAll(() => world.close());

type Batch = Parameters<typeof ingestBatch>[3];
const server = (events: Batch) => fromServer(world, events);

/** Events from a customer's browser (untrusted: never spendable points). */
async function browser(userId: string, events: Batch) {
  const now = Math.floor(Date.now() / 1000);
  await ingestBatch(world.deps, world.tenantId, { kind: 'customer', claims: { sub: userId, iat: now, exp: now + 600 } }, events);
  await world.drain();
}

let people = 0;
/** A new customer of the demo tenant, known to its server: each test arranges its own. */
async function newCustomer(traits: Record<string, string> = {}) {
  const sub = `achiever-${++people}`;
  await server([{ type: 'identify', messageId: randomUUID(), userId: sub, traits: { name: `Achiever ${people}`, ...traits } }]);
  return { sub, caller: await customerCaller(world, sub) };
}

/** Many new customers at once (one batch from the tenant's server), each with spendable points. */
async function newCustomersWithPoints(n: number, points: number) {
  const subs = Array.from({ length: n }, () => `achiever-${++people}`);
  await server(subs.map((sub) => ({ type: 'identify' as const, messageId: randomUUID(), userId: sub, traits: { name: sub } })));
  const owner = await consoleCaller(world, 'owner@flywheel.test');
  for (const sub of subs)
    await owner.console.points.adjust({ customer: sub, amount: points, reason: 'test balance', requestId: randomUUID() });
  return Promise.all(subs.map(async (sub) => ({ sub, caller: await customerCaller(world, sub) })));
}

/** A referrer whose `n` friends sign up with their code and start paying. */
async function referFriends(referrer: Awaited<ReturnType<typeof newCustomer>>, n: number, from = 0) {
  const { code } = await referrer.caller.referral.summary();
  for (let i = from; i < from + n; i++) {
    const friend = `${referrer.sub}-friend-${i}`;
    await server([{ type: 'identify', messageId: randomUUID(), userId: friend, traits: { referral_code: code } }]);
    await server([trackEvent(friend, 'subscription_started', { plan: 'pro' })]);
  }
}

const badgeOf = async (caller: Awaited<ReturnType<typeof newCustomer>>['caller'], name: string) =>
  (await caller.achievements.wall()).badges.find((b) => b.name === name);

async function giveAvailablePoints(sub: string, amount: number) {
  const owner = await consoleCaller(world, 'owner@flywheel.test');
  await owner.console.points.adjust({ customer: sub, amount, reason: 'test balance', requestId: randomUUID() });
}

describe('badges from rules', () => {
  it(
    'awards "Refer 3 friends" once, with its points, on the third qualified friend; a refund revokes both',
    async () => {
      const alice = await newCustomer();
      await referFriends(alice, 2);
      expect(await badgeOf(alice.caller, 'Refer 3 friends')).toMatchObject({ state: 'in-progress', progress: 2, next: { threshold: 3 } });

      await referFriends(alice, 1, 2);
      const badge = await badgeOf(alice.caller, 'Refer 3 friends');
      expect(badge).toMatchObject({ state: 'earned', progress: 3, next: null, pays: true });
      expect(badge?.earned).toHaveLength(1);
      const wall = await alice.caller.achievements.wall();
      // The badge's 300 points are spendable at once (a domain's event); the milestone's 500 wait out their hold.
      expect(wall.points.available).toBeGreaterThanOrEqual(300);

      // The friend's subscription event replayed changes nothing.
      await world.drain();
      expect((await badgeOf(alice.caller, 'Refer 3 friends'))?.earned).toHaveLength(1);

      await server([trackEvent(`${alice.sub}-friend-1`, 'refund_issued')]);
      expect(await badgeOf(alice.caller, 'Refer 3 friends')).toMatchObject({ state: 'in-progress', progress: 2, earned: [] });
      const [revoked] = await world.database.db
        .select()
        .from(schema.badgeAwards)
        .where(eq(schema.badgeAwards.id, badge?.earned[0]?.awardId as string));
      expect(revoked?.revokedAt).not.toBeNull();
      const history = await alice.caller.points.history({ limit: 50 });
      expect(history.items.filter((e) => e.source === 'achievements').map((e) => [e.kind, e.amount])).toContainEqual(['reversed', -300]);

      // A fourth friend earns it again: a new award, new points.
      await referFriends(alice, 1, 3);
      const again = await badgeOf(alice.caller, 'Refer 3 friends');
      expect(again?.earned[0]?.awardId).not.toBe(badge?.earned[0]?.awardId);
    },
    SLOW,
  );

  it('lets browser events earn a badge but never spendable points', async () => {
    const bo = await newCustomer();
    await browser(bo.sub, [trackEvent(bo.sub, 'referral_invite_sent', { channel: 'copy' })]);
    expect(await badgeOf(bo.caller, 'First invite')).toMatchObject({ state: 'earned', pays: false });
    expect((await bo.caller.achievements.wall()).points).toEqual({ pending: 0, available: 0, held: 0 });
  });

  it('shows a hidden badge only once earned, and counts only events its condition matches', async () => {
    const cy = await newCustomer();
    expect(await badgeOf(cy.caller, 'Going big')).toBeUndefined();
    await server([trackEvent(cy.sub, 'subscription_started', { plan: 'pro' })]);
    expect(await badgeOf(cy.caller, 'Going big')).toBeUndefined();
    await server([trackEvent(cy.sub, 'subscription_started', { plan: 'enterprise' })]);
    expect(await badgeOf(cy.caller, 'Going big')).toMatchObject({ state: 'earned' });
    expect((await cy.caller.achievements.wall()).points.available).toBe(200);
  });

  it('speaks the customer’s language', async () => {
    const dan = await newCustomer({ locale: 'zh-CN' });
    expect((await dan.caller.achievements.wall()).badges.map((b) => b.name)).toContain('推荐 3 位好友');
  });
});

describe('points for actions', () => {
  it('pay trusted events up to the daily cap on the customer’s own day, never browser events, once per event', async () => {
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    const event = `report_shared_${randomUUID().slice(0, 8)}`;
    await marketer.console.achievements.createPointRule({ event, condition: { format: 'pdf' }, points: 10, dailyCap: 2 });
    const lu = await newCustomer({ timeZone: 'Asia/Shanghai' });
    const shared = (timestamp: string, format = 'pdf') => ({ ...trackEvent(lu.sub, event, { format }), timestamp });
    // 23:30 and 23:45 on the 1st in Shanghai, then 00:15 on the 2nd: two on one day (the cap), one the next.
    const replayed = shared('2026-11-01T15:30:00.000Z');
    await server([replayed, shared('2026-11-01T15:45:00.000Z'), shared('2026-11-01T15:50:00.000Z'), shared('2026-11-01T16:15:00.000Z')]);
    await server([replayed, shared('2026-11-01T16:20:00.000Z', 'csv')]);
    await browser(lu.sub, [trackEvent(lu.sub, event, { format: 'pdf' })]);
    expect((await lu.caller.achievements.wall()).points.available).toBe(30);
  });

  it('refuse page views, which only browsers send', async () => {
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    await expect(marketer.console.achievements.createPointRule({ event: '$page', points: 5, dailyCap: 1 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('event'),
    });
  });
});

describe('settings', () => {
  it('refuse a level curve that does not rise, naming the field', async () => {
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    await expect(
      marketer.console.achievements.saveSettings({ streakEvent: '$page', streakCadence: 'daily', levelCurve: [0, 100, 50] }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('levelCurve') });
    expect((await marketer.console.achievements.settings()).levelCurve[1]).toBe(100);
  });
});

describe('the leaderboard', () => {
  it('shows only members who opted in: the few just ahead, never anyone behind', async () => {
    const players: Awaited<ReturnType<typeof newCustomer>>[] = [];
    for (const points of [500, 400, 300, 200, 100, 50]) {
      const player = await newCustomer();
      await giveAvailablePoints(player.sub, points);
      await player.caller.achievements.joinLeaderboard({ join: true });
      players.push(player);
    }
    const [, second, , , fifth, last] = players;
    expect(await second?.caller.achievements.leaderboard()).toMatchObject({ member: true });
    expect(await second?.caller.achievements.joinLeaderboard({ join: false })).toEqual({ member: false });

    // Fifth by points, fourth now that 400 left: three ahead, themselves last, the 50 behind never shown.
    expect((await fifth?.caller.achievements.leaderboard())?.rows).toEqual([
      { rank: 1, name: 'Achiever', points: 500, you: false },
      { rank: 2, name: 'Achiever', points: 300, you: false },
      { rank: 3, name: 'Achiever', points: 200, you: false },
      { rank: 4, name: 'Achiever', points: 100, you: true },
    ]);
    expect((await last?.caller.achievements.leaderboard())?.rows.map((r) => r.points)).toEqual([300, 200, 100, 50]);
    expect(await (await newCustomer()).caller.achievements.leaderboard()).toEqual({ member: false, rows: [] });
  });
});

describe('levels', () => {
  it('come from lifetime points: spending does not lower a level', async () => {
    const lev = await newCustomer();
    await giveAvailablePoints(lev.sub, 350);
    expect((await lev.caller.achievements.wall()).level).toMatchObject({ level: 3, lifetime: 350, floor: 300, next: 600 });
    const stickers = (await lev.caller.achievements.wall()).catalogue.find((i) => i.name === 'Sticker pack');
    await lev.caller.achievements.redeem({ rewardId: stickers?.id as string, idempotencyKey: randomUUID() });
    expect((await lev.caller.achievements.wall()).level).toMatchObject({ level: 3, lifetime: 350 });
  });
});

describe('the points bank', () => {
  const itemNamed = async (caller: Awaited<ReturnType<typeof newCustomer>>['caller'], name: string) =>
    (await caller.achievements.wall()).catalogue.find((i) => i.name === name)?.id as string;

  it('redeems a coupon once per key: the points are spent, a code is drawn, the history shows the debit', async () => {
    const ed = await newCustomer();
    await giveAvailablePoints(ed.sub, 250);
    const stickers = await itemNamed(ed.caller, 'Sticker pack');
    const key = randomUUID();
    const first = await ed.caller.achievements.redeem({ rewardId: stickers, idempotencyKey: key });
    expect(first).toMatchObject({ status: 'fulfilled', price: 200, code: expect.stringMatching(/^STICKERS-\d{3}$/) });
    expect(await ed.caller.achievements.redeem({ rewardId: stickers, idempotencyKey: key })).toEqual(first);
    expect((await ed.caller.achievements.wall()).points).toEqual({ pending: 0, available: 50, held: 0 });
    const [latest] = (await ed.caller.points.history({ limit: 1 })).items;
    expect(latest).toMatchObject({ amount: -200, kind: 'spent', source: 'redemption' });

    await expect(
      ed.caller.achievements.redeem({ rewardId: await itemNamed(ed.caller, 'Streak freeze'), idempotencyKey: key }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('idempotencyKey'),
    });
  });

  it('refuses what the customer cannot afford with both numbers, and holds nothing', async () => {
    const fi = await newCustomer();
    await giveAvailablePoints(fi.sub, 120);
    await expect(
      fi.caller.achievements.redeem({ rewardId: await itemNamed(fi.caller, 'Sticker pack'), idempotencyKey: randomUUID() }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'rewardId: not enough points: you have 120, this needs 200',
    });
    expect((await fi.caller.achievements.wall()).points).toEqual({ pending: 0, available: 120, held: 0 });
    await expect(fi.caller.achievements.redeem({ rewardId: randomUUID(), idempotencyKey: randomUUID() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('banks a bought streak freeze, at most two', async () => {
    const gus = await newCustomer();
    await giveAvailablePoints(gus.sub, 200);
    const freeze = await itemNamed(gus.caller, 'Streak freeze');
    await gus.caller.achievements.redeem({ rewardId: freeze, idempotencyKey: randomUUID() });
    await gus.caller.achievements.redeem({ rewardId: freeze, idempotencyKey: randomUUID() });
    await expect(gus.caller.achievements.redeem({ rewardId: freeze, idempotencyKey: randomUUID() })).rejects.toMatchObject({
      message: expect.stringContaining('freezes'),
    });
    const wall = await gus.caller.achievements.wall();
    expect(wall.streak.freezes).toBe(2);
    expect(wall.points.available).toBe(100);
  });

  it('delivers a webhook reward signed, and gives the points back when delivery finally fails', async () => {
    const tenant = await webhookReceiver((received) => (received.path === '/ok' ? 200 : 503));
    try {
      const owner = await consoleCaller(world, 'owner@flywheel.test');
      for (const path of ['/ok', '/down']) await owner.console.webhooks.create({ url: tenant.url(path), eventTypes: ['test_ping'] });
      const item = (path: string, name: string) =>
        owner.console.achievements.createItem({
          texts: { en: { name, description: 'Account credit, applied by the tenant.' } },
          price: 100,
          fulfilment: { type: 'webhook', url: tenant.url(path), label: '$10 credit' },
          stock: 5,
        });
      const [ok, down] = [await item('/ok', 'Credit that arrives'), await item('/down', 'Credit that never arrives')];
      const hal = await newCustomer();
      await giveAvailablePoints(hal.sub, 300);

      const delivered = await hal.caller.achievements.redeem({ rewardId: ok.id, idempotencyKey: randomUUID() });
      expect(delivered.status).toBe('pending');
      expect((await hal.caller.achievements.wall()).points).toMatchObject({ available: 200, held: 100 });
      await world.drain();
      expect(tenant.received.find((r) => r.path === '/ok')?.body).toContain(hal.sub);
      const failed = await hal.caller.achievements.redeem({ rewardId: down.id, idempotencyKey: randomUUID() });
      await world.drain();
      const wall = await hal.caller.achievements.wall();
      expect(wall.redemptions.find((r) => r.id === delivered.id)?.status).toBe('fulfilled');
      expect(wall.redemptions.find((r) => r.id === failed.id)?.status).toBe('failed');
      expect(wall.points).toEqual({ pending: 0, available: 200, held: 0 });
      expect(wall.catalogue.find((i) => i.id === down.id)?.stock).toBe(5);
    } finally {
      await tenant.close();
    }
  });

  it(
    'never oversells stock: 50 concurrent redemptions of an item with 10 in stock succeed 10 times',
    async () => {
      const owner = await consoleCaller(world, 'owner@flywheel.test');
      const item = await owner.console.achievements.createItem({
        texts: { en: { name: 'Limited hoodie', description: 'Ten made.' } },
        price: 10,
        fulfilment: { type: 'coupon', pool: Array.from({ length: 10 }, (_, i) => `HOODIE-${i}`) },
      });
      const buyers = await newCustomersWithPoints(50, 10);
      const outcomes = await Promise.allSettled(
        buyers.map((b) => b.caller.achievements.redeem({ rewardId: item.id, idempotencyKey: randomUUID() })),
      );
      const won = outcomes
        .filter((o) => o.status === 'fulfilled')
        .map((o) => (o as PromiseFulfilledResult<{ code: string | null }>).value.code);
      expect(won).toHaveLength(10);
      expect(new Set(won).size).toBe(10);
      expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason.message))).toEqual(
        Array(40).fill('rewardId: this reward is out of stock'),
      );
      const [row] = await world.database.db
        .select({ stock: schema.catalogueItems.stock })
        .from(schema.catalogueItems)
        .where(eq(schema.catalogueItems.id, item.id));
      expect(row?.stock).toBe(0);
    },
    SLOW,
  );

  it(
    'never takes a balance below zero: 100 concurrent redemptions against one balance',
    async () => {
      const owner = await consoleCaller(world, 'owner@flywheel.test');
      const item = await owner.console.achievements.createItem({
        texts: { en: { name: 'Digital thank-you', description: 'Unlimited.' } },
        price: 30,
        fulfilment: { type: 'coupon', pool: Array.from({ length: 200 }, (_, i) => `THANKS-${i}`) },
      });
      const ivy = await newCustomer();
      await giveAvailablePoints(ivy.sub, 1000);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 100 }, () => ivy.caller.achievements.redeem({ rewardId: item.id, idempotencyKey: randomUUID() })),
      );
      // 1000 / 30: 33 fit, the 34th would go below zero.
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(33);
      expect((await ivy.caller.achievements.wall()).points).toEqual({ pending: 0, available: 10, held: 0 });
    },
    SLOW,
  );
});

describe('streaks', () => {
  it(
    'count the customer’s days in their time zone, earn a freeze a week, and award the streak badge',
    async () => {
      const jo = await newCustomer({ timeZone: 'Asia/Shanghai' });
      // The tenant's server reports page views with their times: 20:00 in Shanghai, 12:00 UTC, on 7 days running.
      const days = Array.from({ length: 7 }, (_, i) => `2026-11-${String(10 + i).padStart(2, '0')}T12:00:00.000Z`);
      for (const at of days) await server([{ type: 'page', messageId: randomUUID(), userId: jo.sub, name: 'Dashboard', timestamp: at }]);
      const [streak] = await world.database.db
        .select()
        .from(schema.streaks)
        .where(eq(schema.streaks.customerId, await customerId(jo.sub)));
      expect(streak).toMatchObject({ current: 7, longest: 7, lastPeriod: '2026-11-16', timeZone: 'Asia/Shanghai' });
      expect(await badgeOf(jo.caller, 'On a roll')).toMatchObject({
        state: 'earned',
        earned: [{ tier: 'bronze' }],
        next: { tier: 'silver', threshold: 30 },
      });
      const freezes = await world.database.db
        .select()
        .from(schema.streakFreezes)
        .where(eq(schema.streakFreezes.customerId, await customerId(jo.sub)));
      expect(freezes).toMatchObject([{ source: 'earned', sourceKey: 'run:2026-11-16', usedFor: null }]);
    },
    SLOW,
  );
});

async function customerId(sub: string) {
  const [row] = await world.database.db
    .select({ id: schema.customers.id })
    .from(schema.customers)
    .where(and(eq(schema.customers.tenantId, world.tenantId), eq(schema.customers.externalId, sub)));
  return row?.id as string;
}

describe('console', () => {
  const rule = { event: 'lesson_completed', goal: { kind: 'count' as const } };
  const lessonBadge = (slug: string) => ({
    slug,
    texts: { en: { name: 'Five lessons', description: 'You completed five lessons.', criteria: 'Complete 5 lessons.' } },
    design: { kind: 'builtin' as const, shape: 'shield' as const, color: '#1a7f37' },
    rule,
    tiers: [
      { tier: 'bronze' as const, threshold: 5, points: 50 },
      { tier: 'silver' as const, threshold: 10, points: 100 },
    ],
  });

  it('dry-runs a rule on the last 30 days without awarding anything, then backfills it', async () => {
    const students = [await newCustomer(), await newCustomer()];
    for (const s of students.slice(0, 1)) await server(Array.from({ length: 5 }, () => trackEvent(s.sub, 'lesson_completed')));
    await server([trackEvent(students[1]?.sub as string, 'lesson_completed')]);
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    const slug = `lessons-${randomUUID().slice(0, 8)}`;
    expect(await marketer.console.achievements.dryRun(lessonBadge(slug))).toMatchObject({ customers: 1, events: 6 });
    expect(await world.database.db.select().from(schema.badges).where(eq(schema.badges.slug, slug))).toEqual([]);

    const badge = await marketer.console.achievements.createBadge(lessonBadge(slug));
    expect(await badgeOf(students[0]?.caller as never, 'Five lessons')).toMatchObject({ state: 'locked', progress: 0 });
    await marketer.console.achievements.backfill({ id: badge.id });
    await marketer.console.achievements.backfill({ id: badge.id });
    expect(await badgeOf(students[0]?.caller as never, 'Five lessons')).toMatchObject({ state: 'earned', progress: 5 });
    expect((await students[0]?.caller.achievements.wall())?.points.available).toBe(50);
    await marketer.console.achievements.retireBadge({ id: badge.id });
  });

  it('refuses bad definitions naming the field, and lets only marketers and owners change the program', async () => {
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    const bad = {
      ...lessonBadge('bad-tiers'),
      tiers: [
        { tier: 'gold' as const, threshold: 5, points: 0 },
        { tier: 'silver' as const, threshold: 3, points: 0 },
      ],
    };
    await expect(marketer.console.achievements.createBadge(bad)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('tiers'),
    });
    const streakWithPoints = { ...lessonBadge('paid-streak'), rule: { event: '$page', goal: { kind: 'streak' as const } } };
    await expect(marketer.console.achievements.createBadge(streakWithPoints)).rejects.toMatchObject({
      message: expect.stringContaining('tiers.0.points'),
    });
    const sneaky = { ...lessonBadge('sneaky'), rule: { ...rule, condition: { $where: 'sleep(1)' } } };
    await expect(marketer.console.achievements.createBadge(sneaky)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('$where'),
    });
    const viewer = await consoleCaller(world, 'viewer@flywheel.test');
    await expect(viewer.console.achievements.createBadge(lessonBadge('viewer'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await viewer.console.achievements.badges()).map((b) => b.slug)).toContain('refer-3-friends');
  });
});

describe('credentials', () => {
  const origin = 'https://flywheel.example';

  it(
    'issues each award as an Open Badges 3.0 VC-JWT a verifier can check against the DID document and the status list',
    async () => {
      const kim = await newCustomer();
      await referFriends(kim, 3);
      const awardId = (await badgeOf(kim.caller, 'Refer 3 friends'))?.earned[0]?.awardId as string;
      const jwt = (await awardCredential(world.database.db, testSecretsKey, origin, awardId)) as string;

      // An independent verifier: resolve the issuer's did:web, take the key the header names, verify.
      const header = decodeProtectedHeader(jwt);
      expect(header).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt' });
      const did = String(header.kid).split('#')[0] as string;
      expect(did).toBe(`did:web:flywheel.example:issuers:${world.tenantId}`);
      const document = await didDocument(world.database.db, testSecretsKey, origin, world.tenantId);
      const method = document?.verificationMethod.find((m) => m.id === header.kid);
      const { payload } = await jwtVerify(jwt, await importJWK(method?.publicKeyJwk as never, 'EdDSA'), { issuer: did });
      expect(payload).toMatchObject({
        '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        issuer: { id: did, type: ['Profile'], name: 'Acme Analytics (demo)' },
        credentialSubject: {
          type: ['AchievementSubject'],
          achievement: {
            type: ['Achievement'],
            name: 'Refer 3 friends',
            criteria: { narrative: expect.any(String) },
            image: { type: 'Image' },
          },
        },
      });
      expect(payload.jti).toBe(payload.id);
      expect(payload.sub).toBe((payload.credentialSubject as { id: string }).id);
      expect(payload.nbf).toBe(Math.floor(Date.parse(String(payload.validFrom)) / 1000));

      const bit = async () => {
        const status = payload.credentialStatus as { statusListIndex: string; statusListCredential: string };
        const list = (await statusListCredential(world.database.db, testSecretsKey, origin, world.tenantId)) as string;
        const { payload: listPayload } = await jwtVerify(list, await importJWK(method?.publicKeyJwk as never, 'EdDSA'), { issuer: did });
        expect(listPayload.id).toBe(status.statusListCredential);
        const encoded = (listPayload.credentialSubject as { encodedList: string }).encodedList;
        expect(encoded.startsWith('u')).toBe(true);
        return new Bitstring({ buffer: await Bitstring.decodeBits({ encoded: encoded.slice(1) }) }).get(Number(status.statusListIndex));
      };
      expect(await bit()).toBe(false);
      await server([trackEvent(`${kim.sub}-friend-0`, 'refund_issued')]);
      expect(await bit()).toBe(true);
    },
    SLOW,
  );

  it('publishes the public key only', async () => {
    const document = await didDocument(world.database.db, testSecretsKey, origin, world.tenantId);
    expect(Object.keys(document?.verificationMethod[0]?.publicKeyJwk ?? {}).sort()).toEqual(['crv', 'kty', 'x']);
    expect(DEMO.publishableKey).toBe('pk_test_demo');
  });
});
