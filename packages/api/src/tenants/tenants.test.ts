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

describe('the credential key', () => {
  it('rotates so badges already shared keep verifying, or, after a leak, so what the old key signed stops verifying', async () => {
    const { didDocument, statusListCredential } = await import('../achievements/index.ts');
    const { testSecretsKey } = await import('@flywheel/db/testing');
    const { decodeProtectedHeader, importJWK, jwtVerify } = await import('jose');
    const origin = 'https://flywheel.example';
    const signed = () => statusListCredential(world.deps.db, testSecretsKey, origin, world.tenantId) as Promise<string>;
    /** Verifies as a verifier would: the key the header names, from the DID document. */
    const verifies = async (jwt: string) => {
      const document = await didDocument(world.deps.db, testSecretsKey, origin, world.tenantId);
      const method = document?.verificationMethod.find((m) => m.id === decodeProtectedHeader(jwt).kid);
      if (!method) return false;
      return jwtVerify(jwt, await importJWK(method.publicKeyJwk as never, 'EdDSA')).then(() => true);
    };
    const owner = await consoleCaller(world, 'owner@flywheel.test');
    const before = await signed();
    expect(decodeProtectedHeader(before).kid).toMatch(/#key-1$/);

    expect(await owner.console.tenant.rotateCredentialKey({ old: 'keep-verifying' })).toEqual({
      keyId: 'key-2',
      verifying: ['key-2', 'key-1'],
    });
    const after = await signed();
    expect(decodeProtectedHeader(after).kid).toMatch(/#key-2$/);
    expect(await verifies(before)).toBe(true);
    expect(await verifies(after)).toBe(true);

    expect(await owner.console.tenant.rotateCredentialKey({ old: 'leaked' })).toEqual({ keyId: 'key-3', verifying: ['key-3', 'key-1'] });
    expect(await verifies(after)).toBe(false);
    expect(await verifies(await signed())).toBe(true);
    expect((await owner.console.tenant.settings()).credentialKeyId).toBe('key-3');

    // Two owners rotating at once (races are real on Postgres): two new keys, each still verifying after the other.
    const [a, b] = await Promise.all([
      owner.console.tenant.rotateCredentialKey({ old: 'keep-verifying' }),
      owner.console.tenant.rotateCredentialKey({ old: 'keep-verifying' }),
    ]);
    expect([a?.keyId, b?.keyId].sort()).toEqual(['key-4', 'key-5']);
    expect((await owner.console.tenant.rotateCredentialKey({ old: 'keep-verifying' }))?.verifying).toEqual([
      'key-6',
      'key-1',
      'key-3',
      'key-4',
      'key-5',
    ]);

    const marketer = await consoleCaller(world, 'marketer@flywheel.test');
    await expect(marketer.console.tenant.rotateCredentialKey({ old: 'leaked' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
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
    expect(
      await signIn(world.deps.db, { email: 'founder@fresh.example', password: tenant.owner?.temporaryPassword as string }),
    ).toMatchObject({
      status: 'signed-in',
    });
    const [program] = await world.database.db.select().from(schema.referralPrograms).where(eq(schema.referralPrograms.tenantId, tenant.id));
    expect(program).toMatchObject({ qualifyingEvent: 'subscription_started', landingUrl: 'https://app.fresh.example/' });
    // Every widget has something to open with: a badge for the wall, a plan any customer fits.
    const badges = await world.database.db.select().from(schema.badges).where(eq(schema.badges.tenantId, tenant.id));
    expect(badges.map((b) => b.slug)).toEqual(['first-invite']);
    const templates = await world.database.db.select().from(schema.planTemplates).where(eq(schema.planTemplates.tenantId, tenant.id));
    expect(templates).toEqual([expect.objectContaining({ slug: 'first-90-days', audience: {}, status: 'active' })]);
    expect(tenant.publishableKey).toMatch(/^pk_live_/);
    // The founder may own another tenant too: addresses are unique per tenant.
    const second = await createTenant(world.deps.db, testSecretsKey, {
      name: 'Second Co',
      allowedOrigins: [],
      owner: { email: 'founder@fresh.example', name: 'Fran Founder' },
    });
    expect(second.owner?.email).toBe('founder@fresh.example');
  });

  it('gets test keys in test mode, and its settings say which mode it is in', async () => {
    const { createTenant } = await import('./index.ts');
    const { testSecretsKey } = await import('@flywheel/db/testing');
    const tenant = await createTenant(world.deps.db, testSecretsKey, { name: 'Staging Co', allowedOrigins: [], mode: 'test' });
    expect(tenant.publishableKey).toMatch(/^pk_test_\w{24}$/);
    expect(tenant.secretKey).toMatch(/^sk_test_\w{24}$/);
    const { tenantSettings } = await import('./settings.ts');
    expect((await tenantSettings(world.deps.db, tenant.id)).mode).toBe('test');
  });
});
