import { readdirSync, readFileSync } from 'node:fs';
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

  it.runIf(process.platform === 'linux')(
    'hashes on a thread of its own at a lower CPU priority, so requests go first',
    async () => {
      // Field 19 of /proc/<pid>/task/<tid>/stat is the thread's nice value (after the name in parentheses).
      const lowered = () =>
        readdirSync('/proc/self/task').filter((tid) => {
          const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
          return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16] === '5';
        }).length;
      const hashing = hashPassword('correct horse');
      await expect.poll(lowered, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
      await hashing;
    },
    90_000,
  );

  it('treats a malformed stored hash as a wrong password', async () => {
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});
