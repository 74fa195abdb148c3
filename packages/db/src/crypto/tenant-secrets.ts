import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Tenant secret keys are needed in clear to verify HMAC-signed tokens, so they are encrypted
 * (not hashed) at rest: AES-256-GCM under TENANT_SECRETS_KEY. Stored as `v1.<iv>.<tag>.<data>`.
 */
export type SecretsKey = Buffer;

/** Development-only key, used when TENANT_SECRETS_KEY is unset outside production. */
export const DEVELOPMENT_SECRETS_KEY = 'flywheel-development-only-key-never-use-in-production';

/**
 * Accepts 32 bytes as 64 hex characters or as base64; any other string is stretched with
 * SHA-256 only when it is the development key, so a weak production key fails loudly.
 */
export function parseSecretsKey(value: string): SecretsKey {
  if (value === DEVELOPMENT_SECRETS_KEY) return createHash('sha256').update(value).digest();
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, 'hex');
  const decoded = Buffer.from(value, 'base64');
  if (decoded.length === 32) return decoded;
  throw new Error('must be 32 bytes, as 64 hex characters or base64 (generate one with `openssl rand -hex 32`)');
}

export function encryptSecret(key: SecretsKey, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

export function decryptSecret(key: SecretsKey, stored: string): string {
  const [version, iv, tag, data] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || !data) throw new Error('unrecognised tenant secret format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
