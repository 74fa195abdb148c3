import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.ts';

describe('console passwords', () => {
  it('verifies the right password only, with a salted scrypt hash', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horse ', stored)).toBe(false);
    expect(await hashPassword('correct horse')).not.toBe(stored);
    // Four 128 MB scrypt runs, slow by design; on two busy cores they need room, not a speed limit.
  }, 90_000);

  it('treats a malformed stored hash as a wrong password', async () => {
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});
