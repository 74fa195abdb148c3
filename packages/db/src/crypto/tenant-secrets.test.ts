import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_SECRETS_KEY, decryptSecret, encryptSecret, parseSecretsKey } from './tenant-secrets.ts';

const key = parseSecretsKey('ab'.repeat(32));

describe('tenant secret encryption', () => {
  it('round-trips a secret and never stores it in clear', () => {
    const stored = encryptSecret(key, 'sk_live_abc123');
    expect(stored).not.toContain('sk_live');
    expect(decryptSecret(key, stored)).toBe('sk_live_abc123');
  });

  it('uses a fresh IV each time, so equal secrets do not look equal at rest', () => {
    expect(encryptSecret(key, 'same')).not.toBe(encryptSecret(key, 'same'));
  });

  it('refuses a tampered ciphertext or the wrong key', () => {
    const stored = encryptSecret(key, 'sk_live_abc123');
    const [v, iv, tag, data] = stored.split('.');
    // Flip one bit of the decoded ciphertext: editing the base64 text can leave the bytes unchanged.
    const bytes = Buffer.from(data ?? '', 'base64url');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    const flipped = `${v}.${iv}.${tag}.${bytes.toString('base64url')}`;
    expect(flipped).not.toBe(stored);
    expect(() => decryptSecret(key, flipped)).toThrow();
    expect(() => decryptSecret(parseSecretsKey('cd'.repeat(32)), stored)).toThrow();
  });

  it('accepts 32-byte hex or base64 keys and the development key, and rejects weak ones', () => {
    expect(parseSecretsKey(Buffer.alloc(32, 7).toString('base64'))).toHaveLength(32);
    expect(parseSecretsKey(DEVELOPMENT_SECRETS_KEY)).toHaveLength(32);
    expect(() => parseSecretsKey('hunter2')).toThrow(/32 bytes/);
  });
});
