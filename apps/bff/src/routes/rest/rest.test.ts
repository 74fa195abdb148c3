import { readFile } from 'node:fs/promises';
import { customerCaller } from '@flywheel/api/testing';
import { createFlywheelClient, type FlywheelClient } from '@flywheel/client';
import { DEMO, queryRows, rotateSecretKey } from '@flywheel/db';
import { testSecretsKey } from '@flywheel/db/testing';
import { Validator } from '@seriousme/openapi-schema-validator';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, readJson, type TestApp, widgetHeaders } from '../../test-app.ts';

let t: TestApp;
let flywheel: FlywheelClient;
beforeAll(async () => {
  t = await createTestApp();
  flywheel = clientFor(DEMO.secretKey);
});
afterAll(() => t.close());

const clientFor = (secretKey: string, app = t.app) =>
  createFlywheelClient({ baseUrl: 'http://localhost', secretKey, fetch: (request) => Promise.resolve(app.request(request)) });

const path = (customerId: string) => ({ params: { path: { customerId } } });

const SLOW = 60_000;

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1, and the client package holds the one the BFF serves (pnpm --filter @flywheel/bff openapi)', async () => {
    const served = await readJson(await t.app.request('/api/v1/openapi.json'));
    const validator = new Validator();
    const result = await validator.validate(served);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    const committed = JSON.parse(await readFile(new URL('../../../../../packages/client/openapi.json', import.meta.url), 'utf8'));
    expect(served).toEqual(committed);
  });

  it('has an interactive reference at /api/docs, with its assets served here', async () => {
    const page = await t.app.request('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain('/api/docs/assets/swagger-ui-bundle.js');
    const bundle = await t.app.request('/api/docs/assets/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    expect(await (await t.app.request('/api/docs/assets/start.js')).text()).toContain('/api/v1/openapi.json');
    expect((await t.app.request('/api/docs/assets/..%2Fpackage.json')).status).toBe(404);
  });
});

describe('the typed client against every endpoint', () => {
  it('upserts and reads a customer, and answers 404 for one that does not exist', async () => {
    const put = await flywheel.PUT('/customers/{customerId}', {
      ...path('rest-ada'),
      body: { email: 'ada@example.com', name: 'Ada', traits: { plan: 'pro' } },
    });
    expect(put.data).toEqual({ id: 'rest-ada', email: 'ada@example.com', name: 'Ada', traits: { plan: 'pro' }, segments: {} });
    await flywheel.PUT('/customers/{customerId}', { ...path('rest-ada'), body: { traits: { seats: 12 } } });
    const got = await flywheel.GET('/customers/{customerId}', path('rest-ada'));
    expect(got.data?.traits).toEqual({ plan: 'pro', seats: 12 });

    const missing = await flywheel.GET('/customers/{customerId}', path('nobody'));
    expect(missing.response.status).toBe(404);
    expect(missing.error).toEqual({ error: 'customer_not_found', message: 'customerId: no customer nobody in this tenant.' });
  });

  it('takes a batch of events as the server, and a bad one is a 400 naming the field', async () => {
    const sent = await flywheel.POST('/events', {
      body: { batch: [{ type: 'track', event: 'report_created', userId: 'rest-ada', messageId: 'rest-m1' }] },
    });
    expect(sent.data).toEqual({ accepted: 1, duplicates: 0 });
    const bad = await flywheel.POST('/events', { body: { batch: [{ type: 'track', event: '', messageId: 'rest-m2', userId: 'x' }] } });
    expect(bad.response.status).toBe(400);
    expect(bad.error?.issues).toEqual([expect.objectContaining({ path: 'batch.0.event' })]);
  });

  it('adjusts points and reads the balance and the history', async () => {
    await flywheel.PUT('/customers/{customerId}', { ...path('rest-bo'), body: {} });
    const credited = await flywheel.POST('/customers/{customerId}/points/adjustments', {
      ...path('rest-bo'),
      body: { amount: 120, reason: 'Thanks for the case study' },
    });
    expect(credited.data).toEqual({ pending: 0, available: 120, held: 0 });
    const overdrawn = await flywheel.POST('/customers/{customerId}/points/adjustments', {
      ...path('rest-bo'),
      body: { amount: -500, reason: 'x' },
    });
    expect(overdrawn.response.status).toBe(400);
    expect(overdrawn.error?.message).toMatch(/^amount: /);

    expect((await flywheel.GET('/customers/{customerId}/points', path('rest-bo'))).data).toEqual({ pending: 0, available: 120, held: 0 });
    const history = await flywheel.GET('/customers/{customerId}/points/history', {
      params: { path: { customerId: 'rest-bo' }, query: { limit: 10 } },
    });
    expect(history.data).toEqual({
      items: [expect.objectContaining({ amount: 120, kind: 'adjusted', reason: 'Thanks for the case study', source: 'adjustment' })],
      nextCursor: null,
    });
  });

  it('awards a badge with its points, lists it, and revokes it taking the points back', async () => {
    await flywheel.PUT('/customers/{customerId}', { ...path('rest-cy'), body: {} });
    const awarded = await flywheel.POST('/customers/{customerId}/badges', { ...path('rest-cy'), body: { badge: 'refer-3-friends' } });
    expect(awarded.data).toMatchObject({ badge: 'refer-3-friends', tier: 'standard', revokedAt: null, byApi: true });
    const again = await flywheel.POST('/customers/{customerId}/badges', { ...path('rest-cy'), body: { badge: 'refer-3-friends' } });
    expect(again.data?.id).toBe(awarded.data?.id);
    expect((await flywheel.GET('/customers/{customerId}/points', path('rest-cy'))).data?.available).toBe(300);

    const rewards = await flywheel.GET('/customers/{customerId}/rewards', path('rest-cy'));
    expect(rewards.data?.items).toEqual([
      expect.objectContaining({ source: 'achievements', spec: { type: 'points', amount: 300 }, status: 'approved' }),
    ]);
    expect((await flywheel.GET('/customers/{customerId}/badges', path('rest-cy'))).data?.items).toHaveLength(1);

    const awardId = awarded.data?.id ?? '';
    const revoked = await flywheel.DELETE('/customers/{customerId}/badges/{awardId}', {
      params: { path: { customerId: 'rest-cy', awardId } },
    });
    expect(revoked.data?.revokedAt).not.toBeNull();
    expect((await flywheel.GET('/customers/{customerId}/points', path('rest-cy'))).data?.available).toBe(0);

    const unknown = await flywheel.POST('/customers/{customerId}/badges', { ...path('rest-cy'), body: { badge: 'no-such-badge' } });
    expect(unknown.response.status).toBe(404);
    expect(unknown.error?.message).toBe('badge: no active badge no-such-badge');
  });

  it('lists the friends a customer referred', async () => {
    const link = await readJson(
      await t.app.request('/trpc/referral.summary', { headers: widgetHeaders(await t.tokenFor('rest-referrer')) }),
    );
    const code = link.result.data.code as string;
    const friend = await customerCaller(t, 'rest-friend');
    await friend.referral.attribute({ code });
    const referrals = await flywheel.GET('/customers/{customerId}/referrals', path('rest-referrer'));
    expect(referrals.data?.items).toEqual([expect.objectContaining({ friendId: 'rest-friend', status: 'signed_up' })]);
  });

  it("reads a customer's success plan once it started", async () => {
    const headers = widgetHeaders(await t.tokenFor('rest-dee'));
    await flywheel.PUT('/customers/{customerId}', { ...path('rest-dee'), body: {} });
    expect((await flywheel.GET('/customers/{customerId}/success-plan', path('rest-dee'))).error?.error).toBe('plan_not_found');
    await t.app.request('/trpc/successPlan.start', { method: 'POST', headers, body: '{}' });
    const plan = await flywheel.GET('/customers/{customerId}/success-plan', path('rest-dee'));
    expect(plan.data).toMatchObject({ day: 0, summary: { milestonesDone: 0 } });
    expect(plan.data?.milestones.length).toBeGreaterThan(0);
  });

  it('pages through the submissions, optionally in one status', async () => {
    const author = await customerCaller(t, 'rest-writer');
    for (const title of ['First story here', 'Second story here']) {
      await author.ugc.submit({
        kind: 'case_study',
        title,
        summary: 'What we did, and what it changed for the team.',
        body: 'A body long enough to be a story worth reading.',
        tags: [],
        imageIds: [],
        consent: { publish: true, licence: 'cc_by_4' },
      });
    }
    const first = await flywheel.GET('/submissions', { params: { query: { limit: 1, status: 'pending' } } });
    expect(first.data?.items).toEqual([expect.objectContaining({ authorId: 'rest-writer', title: 'Second story here', url: null })]);
    const second = await flywheel.GET('/submissions', {
      params: { query: { limit: 1, status: 'pending', cursor: first.data?.nextCursor ?? '' } },
    });
    expect(second.data?.items).toEqual([expect.objectContaining({ title: 'First story here' })]);
    const bad = await flywheel.GET('/submissions', { params: { query: { cursor: 'not-a-cursor' } } });
    expect(bad.response.status).toBe(400);
  });
});

describe('idempotency keys', () => {
  it('replay the first response and change nothing; the same key with another body is refused', async () => {
    await flywheel.PUT('/customers/{customerId}', { ...path('rest-idem'), body: {} });
    const adjust = (amount: number) =>
      flywheel.POST('/customers/{customerId}/points/adjustments', {
        ...path('rest-idem'),
        params: { path: { customerId: 'rest-idem' }, header: { 'idempotency-key': 'adjust-42' } },
        body: { amount, reason: 'Goodwill' },
      });
    const first = await adjust(40);
    const replay = await adjust(40);
    expect(replay.data).toEqual(first.data);
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect((await flywheel.GET('/customers/{customerId}/points', path('rest-idem'))).data?.available).toBe(40);

    const reused = await adjust(99);
    expect(reused.response.status).toBe(422);
    expect(reused.error?.error).toBe('idempotency_key_reused');
  });

  it('refuse an oversized body before anything reads it', async () => {
    const res = await t.app.request('/api/v1/events', {
      method: 'POST',
      headers: { authorization: `Bearer ${DEMO.secretKey}`, 'content-type': 'application/json', 'idempotency-key': 'too-big' },
      body: JSON.stringify({ batch: [], padding: 'x'.repeat(600 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect((await readJson(res)).error).toBe('payload_too_large');
  });

  it('let only one of two racing requests with one key run', { timeout: SLOW }, async () => {
    await flywheel.PUT('/customers/{customerId}', { ...path('rest-race'), body: {} });
    const send = () =>
      flywheel.POST('/customers/{customerId}/points/adjustments', {
        params: { path: { customerId: 'rest-race' }, header: { 'idempotency-key': 'race-1' } },
        body: { amount: 10, reason: 'Race' },
      });
    const answers = await Promise.all(Array.from({ length: 6 }, send));
    for (const answer of answers) expect([200, 409]).toContain(answer.response.status);
    expect((await flywheel.GET('/customers/{customerId}/points', path('rest-race'))).data?.available).toBe(10);
  });
});

describe('authentication and limits', () => {
  it('take the secret key alone, and refuse a missing, a publishable and an unknown key by name', async () => {
    const bare = await t.app.request('/api/v1/customers/rest-ada');
    expect(bare.status).toBe(401);
    expect((await readJson(bare)).error).toBe('secret_key_missing');
    expect((await clientFor(DEMO.publishableKey).GET('/customers/{customerId}', path('rest-ada'))).error?.error).toBe('publishable_key');
    expect((await clientFor('sk_test_wrong').GET('/customers/{customerId}', path('rest-ada'))).error?.error).toBe('unknown_secret_key');
  });

  it('keep each tenant to its own customers', async () => {
    await flywheel.PUT('/customers/{customerId}', { ...path('rest-private'), body: { email: 'private@example.com' } });
    const other = await clientFor('sk_test_other').GET('/customers/{customerId}', path('rest-private'));
    expect(other.response.status).toBe(404);
  });

  it('accept the previous secret key during a rotation overlap, and not after it', async () => {
    const rotated = await rotateSecretKey(t.database.db, testSecretsKey, t.otherTenantId, 60_000);
    expect((await clientFor('sk_test_other').GET('/submissions', {})).response.status).toBe(200);
    expect((await clientFor(rotated?.secretKey ?? '').GET('/submissions', {})).response.status).toBe(200);
    await rotateSecretKey(t.database.db, testSecretsKey, t.otherTenantId, 0);
    expect((await clientFor('sk_test_other').GET('/submissions', {})).response.status).toBe(401);
  });

  it('rate-limit each key with RateLimit headers, then a 429', async () => {
    const limited = clientFor(DEMO.secretKey, t.appWith({ rest: { requestsPerMinute: 2 } }));
    const first = await limited.GET('/submissions', {});
    expect(first.response.headers.get('ratelimit')).toMatch(/limit=2, remaining=1, reset=\d+/);
    expect(first.response.headers.get('ratelimit-policy')).toBe('2;w=60');
    await limited.GET('/submissions', {});
    const refused = await limited.GET('/submissions', {});
    expect(refused.response.status).toBe(429);
    expect(refused.error?.error).toBe('rate_limited');
  });
});

describe('erasure', () => {
  it("removes the customer's personal data from every table that holds it", { timeout: SLOW }, async () => {
    const sub = 'rest-erase-me';
    const token = await t.tokenFor(sub, { email: 'erase@example.com', name: 'Erin' });
    const headers = widgetHeaders(token);
    // Data in many domains: events from a device, an identify, a referral code, a plan, points, a badge, an image.
    await t.app.request('/api/events', {
      method: 'POST',
      headers,
      body: JSON.stringify({
        batch: [{ type: 'track', event: 'report_created', userId: sub, anonymousId: 'device-erase', messageId: 'erase-1' }],
      }),
    });
    await t.app.request('/trpc/referral.summary', { headers });
    await t.app.request('/trpc/successPlan.start', { method: 'POST', headers, body: '{}' });
    await flywheel.POST('/customers/{customerId}/points/adjustments', { ...path(sub), body: { amount: 5, reason: 'Hi' } });
    await flywheel.POST('/customers/{customerId}/badges', { ...path(sub), body: { badge: 'refer-3-friends' } });
    const image = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#123456' } })
      .png()
      .toBuffer();
    const uploaded = await t.app.request('/api/ugc/images?name=me.png', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'image/png' },
      body: new Uint8Array(image),
    });
    expect(uploaded.status).toBe(201);
    await t.drain();

    const [before] = await queryRows<{ id: string }>(t.database.db, sql`select id from customers where external_id = ${sub}`);
    const customerId = before?.id ?? '';
    const storageKeys = await queryRows<{ storage_key: string }>(
      t.database.db,
      sql`select storage_key from ugc_images where uploader_id = ${customerId}`,
    );
    expect(storageKeys).toHaveLength(1);

    const erased = await flywheel.DELETE('/customers/{customerId}', path(sub));
    expect(erased.data).toMatchObject({ id: sub, removed: { images: 1 } });
    expect(erased.data?.removed.events).toBeGreaterThan(1);

    // Every column that references a customer (found in the catalogue, so a new table is checked
    // too) holds no row of theirs; no event names them or their device; the image's bytes are gone.
    const references = await queryRows<{ table_name: string; column_name: string }>(
      t.database.db,
      sql`select kcu.table_name, kcu.column_name
            from information_schema.referential_constraints rc
            join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name
            join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name
           where ccu.table_name = 'customers' and kcu.table_schema = 'public'`,
    );
    const columns = references.map((r) => `${r.table_name}.${r.column_name}`).sort();
    expect(columns).toEqual(
      expect.arrayContaining([
        'badge_awards.customer_id',
        'customer_aliases.customer_id',
        'points_accounts.customer_id',
        'referral_codes.customer_id',
        'reward_grants.customer_id',
        'success_plans.customer_id',
        'ugc_images.uploader_id',
      ]),
    );
    for (const { table_name, column_name } of references) {
      const [left] = await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from ${sql.identifier(table_name)} where ${sql.identifier(column_name)} = ${customerId}`,
      );
      expect({ column: `${table_name}.${column_name}`, rows: left?.n }).toEqual({ column: `${table_name}.${column_name}`, rows: 0 });
    }
    const [events] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from events where user_id = ${sub} or anonymous_id = 'device-erase' or properties::text like '%erase@example.com%'`,
    );
    expect(events?.n).toBe(0);
    expect(await queryRows(t.database.db, sql`select 1 from customers where external_id = ${sub}`)).toEqual([]);
    expect(await t.deps.media.get(storageKeys[0]?.storage_key ?? '')).toBeNull();
    expect((await flywheel.DELETE('/customers/{customerId}', path(sub))).response.status).toBe(404);
  });
});
