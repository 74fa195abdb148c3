import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

// OWASP's scrypt floor (N=2^17, r=8, p=1); the parameters are stored with each hash so they can rise later.
const COST = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;

function maxmem(N: number, r: number) {
  return 128 * N * r * 2;
}

/**
 * At most two scrypt computations at a time, process-wide. Each takes a libuv thread for about
 * 100 ms; libuv has four, shared with token verification, DNS and file reads. Unbounded, a burst
 * of sign-ins (wrong passwords cost the same) would stall every customer request behind them.
 */
const HASHING_SLOTS = 2;
let hashing = 0;
const waiting: (() => void)[] = [];
async function inHashingSlot<T>(work: () => Promise<T>): Promise<T> {
  if (hashing >= HASHING_SLOTS) await new Promise<void>((resolve) => waiting.push(resolve));
  else hashing++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else hashing--;
  }
}

/**
 * A well-formed hash of no password, at today's cost: checking a password against it when the
 * address has no account takes as long as a real check, so timing says nothing about accounts.
 */
export const NO_ACCOUNT_HASH = ['scrypt', COST.N, COST.r, COST.p, 'A'.repeat(22), 'A'.repeat(43)].join('$');

/** Console passwords: `scrypt$N$r$p$salt$hash`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await inHashingSlot(() => scryptAsync(password, salt, KEY_LENGTH, { ...COST, maxmem: maxmem(COST.N, COST.r) }));
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const N = Number(n);
  const R = Number(r);
  const actual = await inHashingSlot(() =>
    scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, { N, r: R, p: Number(p), maxmem: maxmem(N, R) }),
  );
  return timingSafeEqual(actual, expected);
}
