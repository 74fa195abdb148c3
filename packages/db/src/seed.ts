import { eq } from 'drizzle-orm';
import type { Db } from './client.ts';
import { hashPassword } from './crypto/passwords.ts';
import type { SecretsKey } from './crypto/tenant-secrets.ts';
import { consoleUsers, customers, referralPrograms, tenants } from './schema/index.ts';
import { insertTenant } from './tenants.ts';

let demoHash: Promise<string> | undefined;
/**
 * One scrypt hash of the public demo password per process: scrypt is slow on purpose, and a test
 * suite seeds the demo tenant in every file.
 */
const demoPasswordHash = () => {
  demoHash ??= hashPassword(DEMO.consolePassword);
  return demoHash;
};

/** Demo-only credentials, printed in the README. Production refuses to start with them. */
export const DEMO = {
  publishableKey: 'pk_test_demo',
  secretKey: 'sk_test_demo',
  consolePassword: 'flywheel-demo',
  consoleUsers: [
    { email: 'owner@flywheel.test', name: 'Olivia Owner', role: 'owner' },
    { email: 'marketer@flywheel.test', name: 'Mark Marketer', role: 'marketer' },
    { email: 'moderator@flywheel.test', name: 'Mona Moderator', role: 'moderator' },
    { email: 'viewer@flywheel.test', name: 'Victor Viewer', role: 'viewer' },
  ],
  customers: [
    { externalId: 'alice', name: 'Alice Chen', email: 'alice@example.com', traits: { plan: 'pro', tier: 'champion', locale: 'en' } },
    { externalId: 'bob', name: 'Bob Martin', email: 'bob@example.com', traits: { plan: 'starter', tier: 'active', locale: 'en' } },
    { externalId: 'carol', name: 'Carol Smith', email: 'carol@example.com', traits: { plan: 'free', tier: 'new', locale: 'en' } },
    { externalId: 'dan', name: '王丹', email: 'dan@example.cn', traits: { plan: 'pro', tier: 'active', locale: 'zh-CN' } },
    { externalId: 'erin', name: 'Erin Okafor', email: 'erin@example.com', traits: { plan: 'enterprise', tier: 'at-risk', locale: 'en' } },
  ],
} as const;

/** Origins the demo tenant trusts: the BFF itself, the dev servers, and the e2e "other origin". */
export const DEMO_ORIGINS = [
  'http://localhost:3000',
  'http://127.0.0.1:3000',
  'http://localhost:3001',
  'http://localhost:3100',
  'http://127.0.0.1:3100',
];

/**
 * Creates the demo tenant, its customers and console accounts; running it again changes nothing.
 * Refuses to run in production, where the demo keys would be an open door.
 */
export async function seedDemo(db: Db, secretsKey: SecretsKey, env = process.env.NODE_ENV) {
  if (env === 'production') throw new Error('The demo seed never runs with NODE_ENV=production.');
  await insertTenant(db, secretsKey, {
    name: 'Acme Analytics (demo)',
    publishableKey: DEMO.publishableKey,
    secretKey: DEMO.secretKey,
    allowedOrigins: DEMO_ORIGINS,
  });
  const [tenant] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.publishableKey, DEMO.publishableKey));
  if (!tenant) throw new Error('demo tenant missing after insert');

  await db
    .insert(customers)
    .values(DEMO.customers.map((c) => ({ ...c, traits: { ...c.traits }, tenantId: tenant.id })))
    .onConflictDoNothing();

  await db
    .insert(referralPrograms)
    .values({
      tenantId: tenant.id,
      referrerReward: { type: 'credit', amount: 20, currency: 'USD' },
      friendReward: { type: 'credit', amount: 20, currency: 'USD' },
      qualifyingEvent: 'subscription_started',
      qualifyingCondition: { plan: { $ne: 'free' } },
      holdHours: 72,
      monthlyCap: 20,
      milestones: [
        { friends: 3, reward: { type: 'points', amount: 500 } },
        { friends: 5, reward: { type: 'points', amount: 1000 } },
        { friends: 10, reward: { type: 'points', amount: 2500 } },
      ],
      landingUrl: 'http://localhost:3000/',
    })
    .onConflictDoNothing();

  const passwordHash = await demoPasswordHash();
  await db
    .insert(consoleUsers)
    .values(DEMO.consoleUsers.map((u) => ({ ...u, passwordHash, tenantId: tenant.id })))
    .onConflictDoNothing();
  return { tenantId: tenant.id };
}
