import { DEMO, schema } from '@flywheel/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateWidgetRequest, signCustomerToken } from '../identity/index.ts';
import { consoleCaller, createTestWorld, type TestWorld } from '../testing.ts';

let world: TestWorld;
beforeAll(async () => {
  world = await createTestWorld();
});
afterAll(() => world.close());

const fromOrigin = (origin: string) =>
  authenticateWidgetRequest(world.deps.tenants, new Headers({ 'x-flywheel-key': DEMO.publishableKey, origin }), 'http://bff.test/trpc');

describe('branding and language', () => {
  it('lets an owner set the widgets’ tokens and language, and refuses a value that is not one, naming the token', async () => {
    const owner = await consoleCaller(world, 'owner@flywheel.test');
    const saved = await owner.console.tenant.setBranding({
      branding: { '--fw-color-primary': '#0a7d33', '--fw-font-family': 'Inter, sans-serif' },
      defaultLocale: 'zh-CN',
    });
    expect(saved).toMatchObject({
      branding: { '--fw-color-primary': '#0a7d33', '--fw-font-family': 'Inter, sans-serif' },
      defaultLocale: 'zh-CN',
    });
    for (const [token, value] of [
      ['--fw-color-primary', 'red;} body{display:none'],
      ['--fw-radius', '100px'],
      ['--fw-font-family', 'x; background:url(https://evil.example)'],
    ] as const) {
      await expect(owner.console.tenant.setBranding({ branding: { [token]: value }, defaultLocale: null }), value).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining(token),
      });
    }
    await expect(
      owner.console.tenant.setBranding({ branding: { '--fw-color-danger': '#ff0000' } as never, defaultLocale: null }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    await expect(marketer.console.tenant.setBranding({ branding: {}, defaultLocale: null })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await owner.console.tenant.setBranding({ branding: {}, defaultLocale: null });
  });
});

describe('allowed origins', () => {
  it('lets an owner add an origin that works on the next request, and remove it again', async () => {
    const owner = await consoleCaller(world, 'owner@flywheel.test');
    expect(await fromOrigin('http://localhost:8099')).toMatchObject({ status: 'rejected', refusal: 'origin_not_allowed' });
    const added = await owner.console.tenant.addOrigin({ origin: 'http://localhost:8099/' });
    expect(added.allowedOrigins).toContain('http://localhost:8099');
    expect(await fromOrigin('http://localhost:8099')).toMatchObject({ status: 'ok' });
    await owner.console.tenant.addOrigin({ origin: 'http://localhost:8099' });
    expect((await owner.console.tenant.settings()).allowedOrigins.filter((o) => o === 'http://localhost:8099')).toHaveLength(1);
    await owner.console.tenant.removeOrigin({ origin: 'http://localhost:8099' });
    expect(await fromOrigin('http://localhost:8099')).toMatchObject({ status: 'rejected', refusal: 'origin_not_allowed' });
  });

  it('accepts a wildcard for subdomains and says so, and refuses what is not an origin, naming the field', async () => {
    const owner = await consoleCaller(world, 'owner@flywheel.test');
    const added = await owner.console.tenant.addOrigin({ origin: 'https://*.Acme.example' });
    expect(added.wildcards).toEqual(['https://*.acme.example']);
    expect(await fromOrigin('https://app.acme.example')).toMatchObject({ status: 'ok' });
    for (const bad of ['https://app.example.com/path', 'ftp://files.example.com', 'https://*.*.example.com', 'not a url', '*']) {
      await expect(owner.console.tenant.addOrigin({ origin: bad }), bad).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining('origin'),
      });
    }
  });

  it('lets only owners change origins; every role reads them, never the secret key', async () => {
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    await expect(marketer.console.tenant.addOrigin({ origin: 'https://marketing.example' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const settings = await marketer.console.tenant.settings();
    expect(settings.publishableKey).toBe(DEMO.publishableKey);
    expect(JSON.stringify(settings)).not.toContain(DEMO.secretKey);
  });
});

describe('secret key rotation', () => {
  const asCustomer = (publishableKey: string, token: string) =>
    authenticateWidgetRequest(
      world.deps.tenants,
      new Headers({ 'x-flywheel-key': publishableKey, authorization: `Bearer ${token}` }),
      'http://bff.test/trpc',
    );
  const asServer = (publishableKey: string, secretKey: string) =>
    authenticateWidgetRequest(
      world.deps.tenants,
      new Headers({ 'x-flywheel-key': publishableKey, authorization: `Bearer ${secretKey}` }),
      'http://bff.test/api/events',
    );

  it('keeps tokens signed with the old secret working during the overlap, and stops them after it', async () => {
    // A tenant of its own: the demo tenant's keys are what every other test signs with.
    const { createTenant } = await import('./index.ts');
    const { testSecretsKey } = await import('@flywheel/db/testing');
    const tenant = await createTenant(world.deps.db, testSecretsKey, { name: 'Rotating Co', allowedOrigins: [] });
    const [owner] = await world.database.db
      .insert(schema.consoleUsers)
      .values({ tenantId: tenant.id, email: 'owner@rotating.example', name: 'Ro Owner', role: 'owner', passwordHash: 'x' })
      .returning({ id: schema.consoleUsers.id });
    expect(owner).toBeDefined();
    const caller = await consoleCaller(world, 'owner@rotating.example');
    const oldToken = await signCustomerToken(tenant.secretKey, { sub: 'rosa', ttlSeconds: 600 });

    const rotated = await caller.console.tenant.rotateSecret({ overlapHours: 24 });
    expect(rotated.secretKey).toMatch(/^sk_live_\w{24}$/);
    expect(rotated.secretKey).not.toBe(tenant.secretKey);
    const newToken = await signCustomerToken(rotated.secretKey, { sub: 'rosa', ttlSeconds: 600 });
    expect(await asCustomer(tenant.publishableKey, oldToken)).toMatchObject({ status: 'ok' });
    expect(await asCustomer(tenant.publishableKey, newToken)).toMatchObject({ status: 'ok' });
    expect(await asServer(tenant.publishableKey, tenant.secretKey)).toMatchObject({ status: 'ok', caller: { kind: 'server' } });
    expect((await caller.console.tenant.settings()).previousSecretValidUntil).toBe(rotated.previousSecretValidUntil);

    // The overlap ends (as 24 hours later would).
    await world.database.db
      .update(schema.tenants)
      .set({ previousSecretKeyValidUntil: new Date(Date.now() - 1000) })
      .where(eq(schema.tenants.id, tenant.id));
    world.deps.tenants.invalidate();
    expect(await asCustomer(tenant.publishableKey, oldToken)).toMatchObject({ status: 'rejected', refusal: 'token_invalid' });
    expect(await asServer(tenant.publishableKey, tenant.secretKey)).toMatchObject({ status: 'rejected', refusal: 'token_invalid' });
    expect(await asCustomer(tenant.publishableKey, newToken)).toMatchObject({ status: 'ok' });
    expect((await caller.console.tenant.settings()).previousSecretValidUntil).toBeNull();
  });

  it('lets only owners rotate', async () => {
    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    await expect(marketer.console.tenant.rotateSecret({ overlapHours: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('a new tenant', () => {
  it('comes with an owner who can sign in with the one-time password, and a referral program its widget opens with', async () => {
    const { createTenant } = await import('./index.ts');
    const { signIn } = await import('../console/index.ts');
    const { testSecretsKey } = await import('@flywheel/db/testing');
    const tenant = await createTenant(world.deps.db, testSecretsKey, {
      name: 'Fresh Co',
      allowedOrigins: ['https://app.fresh.example'],
      owner: { email: 'Founder@Fresh.example', name: 'Fran Founder' },
    });
    expect(tenant.owner?.email).toBe('founder@fresh.example');
    expect(await signIn(world.deps.db, 'founder@fresh.example', tenant.owner?.temporaryPassword as string)).toMatchObject({
      status: 'signed-in',
    });
    const [program] = await world.database.db.select().from(schema.referralPrograms).where(eq(schema.referralPrograms.tenantId, tenant.id));
    expect(program).toMatchObject({ qualifyingEvent: 'subscription_started', landingUrl: 'https://app.fresh.example/' });
    await expect(
      createTenant(world.deps.db, testSecretsKey, {
        name: 'Copy Co',
        allowedOrigins: [],
        owner: { email: 'founder@fresh.example', name: 'X' },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('owner') });
  });
});
