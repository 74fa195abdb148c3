import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Piscina } from 'piscina';

// OWASP's scrypt floor (N=2^17, r=8, p=1); the parameters are stored with each hash so they can rise later.
const COST = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;

function maxmem(N: number, r: number) {
  return 128 * N * r * 2;
}

/**
 * scrypt runs on one thread of its own, at a lower CPU priority (scrypt-worker.mjs), never on
 * libuv's four, which token verification, DNS and file reads share: a burst of sign-ins (wrong
 * passwords cost the same) queues for that one thread, which yields the core to requests. One, not two:
 * with 16 wrong-password sign-ins in flight on a server pinned to one core (`bench:sign-in`,
 * Postgres), two hashing threads left customers' p99 at 13–14× its idle value (decision 028).
 * The idle thread exits after a second, so a CLI command that hashed one password exits at once.
 */
const hashing = new Piscina<{ password: string; salt: Buffer; keylen: number; options: object }, Uint8Array>({
  filename: new URL('./scrypt-worker.mjs', import.meta.url).href,
  minThreads: 0,
  maxThreads: 1,
  idleTimeout: 1000,
});

async function scrypt(password: string, salt: Buffer, keylen: number, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const hash = await hashing.run({ password, salt, keylen, options: { ...cost, maxmem: maxmem(cost.N, cost.r) } });
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
