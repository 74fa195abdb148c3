import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hashPassword, scryptN, verifyPassword } from './passwords.ts';

describe('console passwords', () => {
  it('verifies the right password only, with a salted scrypt hash', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored.startsWith(`scrypt$${scryptN(process.env.PASSWORD_SCRYPT_N, process.env.NODE_ENV)}$8$1$`)).toBe(true);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horse ', stored)).toBe(false);
    expect(await hashPassword('correct horse')).not.toBe(stored);
  });

  it('costs N = 2^17 unless PASSWORD_SCRYPT_N names another power of two (production: 2^15 at least), and names the variable when it is wrong', () => {
    expect(scryptN(undefined, 'production')).toBe(131072);
    expect(scryptN('1024', 'test')).toBe(1024);
    expect(scryptN('32768', 'production')).toBe(32768);
    for (const wrong of ['1000', '512', '2097152', 'fast']) expect(() => scryptN(wrong, 'test')).toThrow(/PASSWORD_SCRYPT_N/);
    expect(() => scryptN('1024', 'production')).toThrow(/at least 32768 with NODE_ENV=production/);
  });

  it.runIf(process.platform === 'linux')(
    'hashes a real-cost password on a thread of its own at the lowest CPU priority, so requests go first',
    async () => {
      // Field 19 of /proc/<pid>/task/<tid>/stat is the thread's nice value (after the name in parentheses).
      const lowered = () =>
        readdirSync('/proc/self/task').filter((tid) => {
          const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
          return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16] === '19';
        }).length;
      // Checked against a stored hash at production's lowest cost (2^15): the suites' own cost
      // (PASSWORD_SCRYPT_N=1024) is too cheap to be worth yielding for.
      const realCost = ['scrypt', 2 ** 15, 8, 1, 'A'.repeat(22), 'A'.repeat(43)].join('$');
      // The thread lowers itself before it hashes; the hash itself is not awaited: at nice 19 on a
      // machine busy with the other suites it waits for the core for minutes, which is the point.
      verifyPassword('correct horse', realCost).catch(() => {});
      await expect.poll(lowered, { timeout: 20_000 }).toBe(1);
    },
    30_000,
  );

  it('treats a malformed stored hash as a wrong password', async () => {
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});
