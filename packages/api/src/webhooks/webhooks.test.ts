import { randomUUID } from 'node:crypto';
import { schema } from '@flywheel/db';
import { and, eq, like } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestBatch } from '../events/index.ts';
import { isPrivateAddress } from '../net.ts';
import { consoleCaller, createTestWorld, customerCaller, webhookReceiver as receiver, type TestWorld } from '../testing.ts';
import { endpointUrlProblem } from './address.ts';
import { DISABLE_AFTER_FAILURES } from './endpoints.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
  await world.database.db.update(schema.referralPrograms).set({ holdHours: 0 }).where(eq(schema.referralPrograms.tenantId, world.tenantId));
});
afterAll(() => world.close());

const server = async (events: Parameters<typeof ingestBatch>[3]) => {
  await ingestBatch(world.deps, world.tenantId, { kind: 'server' }, events);
  await world.drain();
};

describe('webhooks', () => {
  it('delivers a referral reward of kind webhook, signed per Standard Webhooks, and the grant becomes paid', async () => {
    const tenant = await receiver(() => 200);
    try {
      const owner = await consoleCaller(world, 'owner@flywheel.test');
      const endpoint = await owner.console.webhooks.create({ url: tenant.url('/flywheel'), eventTypes: ['referral_qualified'] });
      expect(endpoint.secret).toMatch(/^whsec_/);
      expect((await owner.console.webhooks.list()).map((e) => Object.keys(e))).not.toContainEqual(expect.arrayContaining(['secret']));
      // Set directly: the console accepts only https reward URLs, and this receiver is local.
      await world.database.db
        .update(schema.referralPrograms)
        .set({ referrerReward: { type: 'webhook', url: tenant.url('/flywheel'), label: 'A $20 gift card' } })
        .where(eq(schema.referralPrograms.tenantId, world.tenantId));

      const code = (await (await customerCaller(world, 'webhook-referrer')).referral.summary()).code;
      await server([{ type: 'identify', messageId: randomUUID(), userId: 'webhook-friend', traits: { referral_code: code } }]);
      await server([
        { type: 'track', event: 'subscription_started', messageId: randomUUID(), userId: 'webhook-friend', properties: { plan: 'pro' } },
      ]);

      const verifier = new Webhook(endpoint.secret);
      const payloads = tenant.received.map(
        (r) => verifier.verify(r.body, r.headers as Record<string, string>) as { type: string; data: Record<string, unknown> },
      );
      expect(payloads.map((p) => p.type).sort()).toEqual(['referral_qualified', 'reward.fulfil']);
      const fulfil = payloads.find((p) => p.type === 'reward.fulfil');
      expect(fulfil?.data).toMatchObject({
        customer: 'webhook-referrer',
        reward: { type: 'webhook', label: 'A $20 gift card' },
        source: 'referral',
      });
      expect(() =>
        new Webhook(`whsec_${Buffer.from('not the secret').toString('base64')}`).verify(
          tenant.received[0]?.body ?? '',
          tenant.received[0]?.headers as Record<string, string>,
        ),
      ).toThrow();

      const [grant] = await world.database.db
        .select({ status: schema.rewardGrants.status })
        .from(schema.rewardGrants)
        .where(and(eq(schema.rewardGrants.tenantId, world.tenantId), like(schema.rewardGrants.sourceKey, '%:referrer')));
      expect(grant?.status).toBe('paid');
    } finally {
      await tenant.close();
      await world.database.db
        .update(schema.referralPrograms)
        .set({ referrerReward: { type: 'credit', amount: 20, currency: 'USD' } })
        .where(eq(schema.referralPrograms.tenantId, world.tenantId));
    }
  });

  it('retries a failing endpoint with the same webhook-id and lists every attempt', async () => {
    const tenant = await receiver((_, index) => (index < 2 ? 503 : 204));
    try {
      const owner = await consoleCaller(world, 'owner@flywheel.test');
      const endpoint = await owner.console.webhooks.create({ url: tenant.url('/flaky'), eventTypes: ['reward_granted'] });
      await owner.console.points.adjust({ customer: 'webhook-referrer', amount: 5, reason: 'thanks', requestId: randomUUID() });
      // An adjustment is not a grant: nothing is sent for it.
      await world.drain();
      expect(tenant.received).toEqual([]);
      await world.database.db.transaction(async (tx) => {
        await world.deps.platform.emit(tx, {
          tenantId: world.tenantId,
          messageId: `test:${randomUUID()}`,
          event: 'reward_granted',
          userId: 'webhook-referrer',
          properties: { grant_id: randomUUID(), source: 'test', source_key: `test:${randomUUID()}` },
        });
      });
      await world.drain();
      expect(tenant.received).toHaveLength(3);
      expect(new Set(tenant.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
      const attempts = await owner.console.webhooks.attempts({ id: endpoint.id });
      expect(attempts.map((a) => [a.attempt, a.statusCode, a.succeeded])).toEqual([
        [3, 204, true],
        [2, 503, false],
        [1, 503, false],
      ]);
      expect(attempts[1]).toMatchObject({ error: 'HTTP 503', responseExcerpt: 'thanks', latencyMs: expect.any(Number) });
    } finally {
      await tenant.close();
    }
  });

  it(`disables an endpoint after ${DISABLE_AFTER_FAILURES} failures in a row, with a notice, until an owner enables it`, async () => {
    const tenant = await receiver(() => 500);
    try {
      const owner = await consoleCaller(world, 'owner@flywheel.test');
      const endpoint = await owner.console.webhooks.create({ url: tenant.url('/down'), eventTypes: ['test_ping'] });
      await world.database.db.transaction(async (tx) => {
        for (let i = 0; i < 4; i++) {
          await world.deps.platform.emit(tx, {
            tenantId: world.tenantId,
            messageId: `ping:${randomUUID()}`,
            event: 'test_ping',
            userId: `pinger-${i}`,
          });
        }
      });
      await world.drain();
      expect(tenant.received).toHaveLength(DISABLE_AFTER_FAILURES);
      const [listed] = (await owner.console.webhooks.list()).filter((e) => e.id === endpoint.id);
      expect(listed).toMatchObject({
        status: 'disabled',
        disabledReason: expect.stringContaining(`${DISABLE_AFTER_FAILURES} failed attempts in a row`),
      });
      const notices = await world.database.db.select().from(schema.events).where(eq(schema.events.event, 'webhook_endpoint_disabled'));
      expect(notices.map((n) => n.properties.endpoint_id)).toEqual([endpoint.id]);
      expect(await owner.console.webhooks.enable({ id: endpoint.id })).toMatchObject({ status: 'enabled', consecutiveFailures: 0 });
    } finally {
      await tenant.close();
    }
  });

  it('parks a message that failed every retry as a dead letter; replay delivers it once', async () => {
    let down = true;
    const tenant = await receiver(() => (down ? 502 : 200));
    try {
      const owner = await consoleCaller(world, 'owner@flywheel.test');
      await owner.console.webhooks.create({ url: tenant.url('/later'), eventTypes: ['test_later'] });
      // Earlier tests in this file leave dead letters of their own; this one looks at what it adds.
      const earlier = new Set((await owner.console.platform.deadLetters({ name: 'webhooks.send' })).map((d) => d.id));
      const added = async () => (await owner.console.platform.deadLetters({ name: 'webhooks.send' })).filter((d) => !earlier.has(d.id));
      await world.database.db.transaction((tx) =>
        world.deps.platform.emit(tx, {
          tenantId: world.tenantId,
          messageId: `later:${randomUUID()}`,
          event: 'test_later',
          userId: 'later',
        }),
      );
      await world.drain();
      const failedTries = tenant.received.length;
      expect(failedTries).toBeGreaterThan(1);
      const dead = await added();
      expect(dead).toEqual([
        expect.objectContaining({
          kind: 'job',
          name: 'webhooks.send',
          attempts: failedTries,
          lastError: expect.stringContaining('HTTP 502'),
        }),
      ]);

      down = false;
      expect(await owner.console.platform.replay({ only: dead.map(({ kind, id }) => ({ kind, id })) })).toEqual({ requeued: 1 });
      await world.drain();
      await world.drain();
      expect(tenant.received).toHaveLength(failedTries + 1);
      expect(await added()).toEqual([]);
    } finally {
      await tenant.close();
    }
  });

  it('lets only owners manage endpoints', async () => {
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    await expect(marketer.console.webhooks.create({ url: 'https://hooks.example.com/x', eventTypes: ['*'] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(marketer.console.webhooks.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('endpoint addresses (SSRF)', () => {
  it.each([
    ['http://hooks.example.com/x', 'must be https'],
    ['https://127.0.0.1/x', 'must not point at a private or loopback address'],
    ['https://localhost:8080/x', 'must not point at a private or loopback address'],
    ['https://10.1.2.3/x', 'must not point at a private or loopback address'],
    ['https://[::1]/x', 'must not point at a private or loopback address'],
    ['https://169.254.169.254/latest/meta-data', 'must not point at a private or loopback address'],
    ['https://user:pw@hooks.example.com/x', 'must not carry credentials'],
    ['not a url', 'is not a URL'],
  ])('refuses %s in production: %s', (url, problem) => {
    expect(endpointUrlProblem(url, false)).toBe(problem);
  });

  it('accepts a public https URL, and local ones only in development', () => {
    expect(endpointUrlProblem('https://hooks.example.com/flywheel', false)).toBeNull();
    expect(endpointUrlProblem('http://127.0.0.1:9000/hook', true)).toBeNull();
  });

  it('knows private addresses, also IPv4 written as IPv6', () => {
    for (const address of ['127.0.0.1', '192.168.1.10', '172.20.0.1', '100.64.0.1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1']) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '2606:2800:220:1::1', '172.32.0.1']) expect(isPrivateAddress(address), address).toBe(false);
  });

  it('answers a production console with a 400 naming the url', async () => {
    const owner = await consoleCaller(
      { ...world, deps: { ...world.deps, webhooks: { ...world.deps.webhooks, allowPrivateNetworks: false } } },
      'owner@flywheel.test',
    );
    await expect(owner.console.webhooks.create({ url: 'http://127.0.0.1:9/x', eventTypes: ['*'] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'url: must be https',
    });
  });
});
