import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { eq, isNull } from 'drizzle-orm';
import type { Db } from './client.ts';
import { decryptSecret, encryptSecret, type SecretsKey } from './crypto/tenant-secrets.ts';
import { tenants } from './schema/index.ts';

const KEY_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** 24 characters of base62: about 143 bits, drawn without modulo bias. */
function randomKeyBody(length = 24): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      // 248 = 4 × 62: bytes above it would favour the first characters.
      if (byte < 248 && out.length < length) out += KEY_ALPHABET[byte % 62];
    }
  }
  return out;
}

/** How a secret key is looked up: the REST API receives the key alone, and only this is stored besides its ciphertext. */
export function secretKeyDigest(secretKey: string): string {
  return createHash('sha256').update(secretKey).digest('hex');
}

/** A fresh Ed25519 key pair for signing the tenant's credentials, its private half encrypted. */
export function credentialKeyPair(secretsKey: SecretsKey) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    credentialPublicJwk: publicKey.export({ format: 'jwk' }),
    credentialPrivateJwkCiphertext: encryptSecret(secretsKey, JSON.stringify(privateKey.export({ format: 'jwk' }))),
  };
}

export type NewTenant = {
  name: string;
  allowedOrigins: string[];
  /** Which keys it gets: `pk_test_`/`sk_test_` or `pk_live_`/`sk_live_` (default). */
  mode?: 'test' | 'live';
  /** Only the seed passes fixed keys; everyone else gets fresh random ones. */
  publishableKey?: string;
  secretKey?: string;
};

/**
 * Inserts a tenant and returns its keys. The secret key is returned here and never again:
 * only its ciphertext is stored. Returns null when the publishable key already exists.
 */
export async function insertTenant(db: Db, secretsKey: SecretsKey, tenant: NewTenant) {
  const mode = tenant.mode ?? 'live';
  const publishableKey = tenant.publishableKey ?? `pk_${mode}_${randomKeyBody()}`;
  const secretKey = tenant.secretKey ?? `sk_${mode}_${randomKeyBody()}`;
  const [row] = await db
    .insert(tenants)
    .values({
      name: tenant.name,
      publishableKey,
      secretKeyCiphertext: encryptSecret(secretsKey, secretKey),
      secretKeyDigest: secretKeyDigest(secretKey),
      allowedOrigins: tenant.allowedOrigins,
      ...credentialKeyPair(secretsKey),
    })
    .onConflictDoNothing({ target: tenants.publishableKey })
    .returning({ id: tenants.id });
  return row ? { id: row.id, publishableKey, secretKey } : null;
}

/**
 * Gives the tenant a new secret key and keeps the current one verifying for `overlapMs`, so its
 * servers can switch without a window in which tokens fail. Returns the new key: the only time
 * it is shown. The key keeps its mode (`sk_test_` stays a test key).
 */
export async function rotateSecretKey(db: Db, secretsKey: SecretsKey, tenantId: string, overlapMs: number, now = new Date()) {
  const [current] = await db
    .select({ ciphertext: tenants.secretKeyCiphertext, digest: tenants.secretKeyDigest, publishableKey: tenants.publishableKey })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!current) return null;
  const mode = current.publishableKey.startsWith('pk_test_') ? 'test' : 'live';
  const secretKey = `sk_${mode}_${randomKeyBody()}`;
  await db
    .update(tenants)
    .set({
      secretKeyCiphertext: encryptSecret(secretsKey, secretKey),
      secretKeyDigest: secretKeyDigest(secretKey),
      previousSecretKeyCiphertext: current.ciphertext,
      previousSecretKeyDigest: current.digest,
      previousSecretKeyValidUntil: new Date(now.getTime() + overlapMs),
    })
    .where(eq(tenants.id, tenantId));
  return { secretKey, previousValidUntil: new Date(now.getTime() + overlapMs) };
}

/**
 * Tenants made before secret keys had digests get theirs (decrypting the key in memory): run at
 * start-up, so the REST API can find every tenant by its key.
 */
export async function backfillSecretKeyDigests(db: Db, secretsKey: SecretsKey) {
  const missing = await db
    .select({ id: tenants.id, ciphertext: tenants.secretKeyCiphertext })
    .from(tenants)
    .where(isNull(tenants.secretKeyDigest));
  for (const row of missing) {
    await db
      .update(tenants)
      .set({ secretKeyDigest: secretKeyDigest(decryptSecret(secretsKey, row.ciphertext)) })
      .where(eq(tenants.id, row.id));
  }
}
