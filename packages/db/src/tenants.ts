import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Db } from './client.ts';
import { encryptSecret, type SecretsKey } from './crypto/tenant-secrets.ts';
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
  /** Only the seed passes fixed keys; everyone else gets fresh random ones. */
  publishableKey?: string;
  secretKey?: string;
};

/**
 * Inserts a tenant and returns its keys. The secret key is returned here and never again:
 * only its ciphertext is stored. Returns null when the publishable key already exists.
 */
export async function insertTenant(db: Db, secretsKey: SecretsKey, tenant: NewTenant) {
  const publishableKey = tenant.publishableKey ?? `pk_live_${randomKeyBody()}`;
  const secretKey = tenant.secretKey ?? `sk_live_${randomKeyBody()}`;
  const [row] = await db
    .insert(tenants)
    .values({
      name: tenant.name,
      publishableKey,
      secretKeyCiphertext: encryptSecret(secretsKey, secretKey),
      allowedOrigins: tenant.allowedOrigins,
      ...credentialKeyPair(secretsKey),
    })
    .onConflictDoNothing({ target: tenants.publishableKey })
    .returning({ id: tenants.id });
  return row ? { id: row.id, publishableKey, secretKey } : null;
}
