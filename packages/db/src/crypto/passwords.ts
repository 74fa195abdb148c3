import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Tinypool } from 'tinypool';

/**
 * OWASP's scrypt floor, N = 2^17, r = 8, p = 1 (about 0.7 s here); the parameters are stored with
 * each hash, so they can rise later and old hashes still verify. PASSWORD_SCRYPT_N lowers N where
 * nothing real is protected: the test suites set 2^10, as Devise's and Django's test settings cut
 * their hashers' cost, because hundreds of hashes at the real cost on a lowered-priority thread of
 * a busy two-core machine time out (decision 028).
 */
/** The lowest cost production accepts; from here on a hash is slow enough to yield to requests. */
const PRODUCTION_FLOOR = 2 ** 15;

export function scryptN(value: string | undefined, nodeEnv: string | undefined): number {
  if (value === undefined || value === '') return 2 ** 17;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2 ** 10 || n > 2 ** 20 || (n & (n - 1)) !== 0) {
    throw new Error(`PASSWORD_SCRYPT_N must be a power of two from 1024 to 1048576, not "${value}"`);
  }
  // A machine too small for 2^17 may go down to 2^15 (about 0.2 s here); a test cost never protects real accounts.
  if (nodeEnv === 'production' && n < PRODUCTION_FLOOR) {
    throw new Error(`PASSWORD_SCRYPT_N must be at least 32768 with NODE_ENV=production, not "${value}"`);
  }
  return n;
}

const COST = { N: scryptN(process.env.PASSWORD_SCRYPT_N, process.env.NODE_ENV), r: 8, p: 1 };
const KEY_LENGTH = 32;

function maxmem(N: number, r: number) {
  return 128 * N * r * 2;
}

/**
 * scrypt runs on one thread of its own at the lowest CPU priority (scrypt-worker.mjs), never on
 * libuv's four, which token verification, DNS and file reads share: a burst of sign-ins (wrong
 * passwords cost the same) queues for that one thread, which yields the core to requests
 * (decision 028 has the measurements). The idle thread exits after a second, so a CLI command
 * that hashed one password exits at once.
 */
const hashing = new Tinypool({
  filename: new URL('./scrypt-worker.mjs', import.meta.url).href,
  minThreads: 0,
  maxThreads: 1,
  idleTimeout: 1000,
});

async function scrypt(password: string, salt: Buffer, keylen: number, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  // A test-cost hash is over in milliseconds and cannot hold requests up; at the lowest priority
  // on a busy machine it would wait seconds for the core (the suites timed out), so it keeps its.
  const lowPriority = cost.N >= PRODUCTION_FLOOR;
  const hash: Uint8Array = await hashing.run({ password, salt, keylen, lowPriority, options: { ...cost, maxmem: maxmem(cost.N, cost.r) } });
  return Buffer.from(hash);
}

/**
 * A well-formed hash of no password, at today's cost: checking a password against it when the
 * address has no account takes as long as a real check, so timing says nothing about accounts.
 */
export const NO_ACCOUNT_HASH = ['scrypt', COST.N, COST.r, COST.p, 'A'.repeat(22), 'A'.repeat(43)].join('$');

/** Console passwords: `scrypt$N$r$p$salt$hash`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, KEY_LENGTH, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return timingSafeEqual(actual, expected);
}
