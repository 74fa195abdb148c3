import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Database, DEMO, insertTenant, schema, seedDemo } from '@flywheel/db';
import { createTestDatabase, testSecretsKey } from '@flywheel/db/testing';
import { loadDefinitions } from '@flywheel/flags';
import { eq } from 'drizzle-orm';
import { createSession, findSession } from './console/index.ts';
import { type ApiDeps, type Client, createContextInner } from './context.ts';
import { ingestBatch } from './events/index.ts';
import { createFlagsRuntime } from './flags/runtime.ts';
import { AnonymousIds } from './identity/anonymous-ids.ts';
import { signCustomerToken, verifyCustomerToken } from './identity/customer-token.ts';
import { TenantDirectory } from './identity/tenant-directory.ts';
import type { MailOptions } from './mail.ts';
import { Worker } from './platform/index.ts';
import { createDomainPlatform } from './registry.ts';
import { appRouter } from './root.ts';
import { createCallerFactory } from './trpc.ts';
import { diskMediaStore } from './ugc/index.ts';

export const OTHER_TENANT = {
  publishableKey: 'pk_test_other',
  secretKey: 'sk_test_other',
  origin: 'https://other.example',
};

export type TestWorld = {
  database: Database;
  deps: ApiDeps;
  /** The demo tenant (pk_test_demo) and a second tenant that must never see its data. */
  tenantId: string;
  otherTenantId: string;
  /** The demo tenant's publishable key, as its pages send it. */
  publishableKey: string;
  /** A token for a customer of the demo tenant, signed as its server would sign it. */
  tokenFor(sub: string, extra?: { name?: string; email?: string; ttlSeconds?: number }): Promise<string>;
  otherTenantTokenFor(sub: string): Promise<string>;
  /** A new anonymous visitor of the demo tenant, as POST /api/anonymous-ids issues one to a browser. */
  anonymousId(): string;
  /** Runs every reaction and job due now, as the background worker would; resolves when none is left. */
  drain(): Promise<number>;
  close(): Promise<void>;
};

/**
 * A migrated database (PGlite, or Postgres with DATABASE_URL) holding the demo seed and a second
 * tenant, plus the deps the API needs; `mail` is an SMTP server for the jobs that send email. One per test file: PGlite takes about two seconds to start.
 */
export async function createTestWorld(options: { mail?: MailOptions } = {}): Promise<TestWorld> {
  const database = await createTestDatabase();
  const { tenantId } = await seedDemo(database.db, testSecretsKey, 'test');
  const other = await insertTenant(database.db, testSecretsKey, {
    name: 'Other Corp',
    publishableKey: OTHER_TENANT.publishableKey,
    secretKey: OTHER_TENANT.secretKey,
    allowedOrigins: [OTHER_TENANT.origin],
  });
  if (!other) throw new Error('second tenant already exists');
  // Tests deliver webhooks to a local server.
  const webhooks = { secretsKey: testSecretsKey, allowPrivateNetworks: true };
  const flags = createFlagsRuntime(database.db, loadDefinitions());
  const deps: ApiDeps = {
    db: database.db,
    // No caching in tests: a test that changes a tenant sees the change at once.
    tenants: new TenantDirectory(database.db, testSecretsKey, 0),
    anonymousIds: new AnonymousIds(testSecretsKey),
    isProduction: false,
    flags,
    platform: createDomainPlatform({ webhooks, flags, mail: options.mail }),
    webhooks,
    media: diskMediaStore(await mkdtemp(join(tmpdir(), 'flywheel-media-'))),
  };
  // Retries without delay: a test that sees a failure sees its retry in the same drain.
  const worker = new Worker({ db: database.db, platform: deps.platform, retryDelayMs: () => 0 });
  return {
    database,
    deps,
    tenantId,
    otherTenantId: other.id,
    publishableKey: DEMO.publishableKey,
    tokenFor: (sub, extra = {}) => signCustomerToken(DEMO.secretKey, { sub, ttlSeconds: 3600, ...extra }),
    otherTenantTokenFor: (sub) => signCustomerToken(OTHER_TENANT.secretKey, { sub, ttlSeconds: 3600 }),
    anonymousId: () => deps.anonymousIds.issue(tenantId),
    drain: () => worker.drain(),
    close: () => database.close(),
  };
}

const createCaller = createCallerFactory(appRouter);

/**
 * A tRPC caller for a console user of the demo tenant, with a session created directly: the
 * password check (scrypt, deliberately slow) has its own test and is not paid per caller.
 */
export async function consoleCaller(world: TestWorld, email: string) {
  const [user] = await world.database.db
    .select({ id: schema.consoleUsers.id })
    .from(schema.consoleUsers)
    .where(eq(schema.consoleUsers.email, email));
  if (!user) throw new Error(`no console user ${email}`);
  const signed = await createSession(world.database.db, user.id);
  const session = await findSession(world.database.db, signed.token);
  return createCaller(
    createContextInner(world.deps, { console: { session, sessionToken: signed.token, csrfToken: signed.csrfToken, sameOrigin: true } }),
  );
}

/** A tRPC caller for a customer of the demo tenant, with a token its server signed; `client` is their network and browser. */
export async function customerCaller(
  world: TestWorld,
  sub: string,
  { client, ...extra }: { name?: string; email?: string; client?: Client } = {},
) {
  const tenant = await world.deps.tenants.byPublishableKey(DEMO.publishableKey);
  if (!tenant) throw new Error('demo tenant missing');
  const claims = await verifyCustomerToken(await world.tokenFor(sub, extra), DEMO.secretKey);
  return createCaller(
    createContextInner(world.deps, {
      widget: { status: 'ok', tenant, caller: { kind: 'customer', claims } },
      ...(client ? { client } : {}),
    }),
  );
}

/** A tRPC caller with no session, no token and no tenant: anyone on the internet. */
export const publicCaller = (world: TestWorld) => createCaller(createContextInner(world.deps));

/** A tRPC caller for an anonymous visitor of the demo tenant's pages (no token): what public surfaces allow. */
export async function visitorCaller(world: TestWorld) {
  const tenant = await world.deps.tenants.byPublishableKey(DEMO.publishableKey);
  if (!tenant) throw new Error('demo tenant missing');
  return createCaller(createContextInner(world.deps, { widget: { status: 'ok', tenant, caller: { kind: 'anonymous' } } }));
}

export type ReceivedWebhook = { path: string; headers: IncomingHttpHeaders; body: string };

/** A tenant's webhook receiver on a local port: answers with the status `respond` picks. */
export async function webhookReceiver(respond: (received: ReceivedWebhook, index: number) => number) {
  const received: ReceivedWebhook[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const entry = { path: req.url ?? '/', headers: req.headers, body };
      received.push(entry);
      res.writeHead(respond(entry, received.length - 1)).end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return { received, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Events from the tenant's server (trusted, secret key), and every reaction they cause, run as the worker would. */
export async function fromServer(world: TestWorld, events: Parameters<typeof ingestBatch>[3]) {
  await ingestBatch(world.deps, world.tenantId, { kind: 'server' }, events);
  await world.drain();
}

/** A track event about a customer, with a fresh message id. */
export const trackEvent = (userId: string, event: string, properties: Record<string, string | number> = {}) => ({
  type: 'track' as const,
  messageId: randomUUID(),
  userId,
  event,
  properties,
});
