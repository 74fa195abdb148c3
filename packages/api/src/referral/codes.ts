import { randomInt } from 'node:crypto';

/** 31 characters with no look-alikes: no 0/O, 1/I/L. Eight of them: about 8.5 × 10^11 codes. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;

export function generateCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

/** Codes as people type them: case and look-alikes forgiven (o → 0 is not in the alphabet, so O → 0 is not needed). */
export function normalizeCode(input: string): string | null {
  const code = input.trim().toUpperCase();
  return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null;
}

// Gmail ignores dots in the name part; other providers do not.
const DOTS_IGNORED = new Set(['gmail.com', 'googlemail.com']);
// Yahoo's disposable addresses are `base-keyword@`: everything after the first hyphen reaches the base's mailbox.
const HYPHEN_ALIASES = /^(yahoo|ymail|rocketmail)\./;

/**
 * The mailbox an address really reaches, for spotting self-referrals (holding a referral for
 * review, never refusing one): lower-cased, the domain's trailing dot dropped, plus-tags removed
 * everywhere, Yahoo's hyphen aliases folded, and dots removed where the provider ignores them
 * (Gmail), googlemail folded into gmail.
 */
export function normalizeEmailForFraud(email: string): string {
  const [rawLocal = '', rawDomain = ''] = email.trim().toLowerCase().split('@');
  const bare = rawDomain.replace(/\.+$/, '');
  const domain = bare === 'googlemail.com' ? 'gmail.com' : bare;
  // A plus tag reaches the same mailbox at every provider that supports it, and means nothing elsewhere.
  let local = rawLocal.split('+')[0] ?? rawLocal;
  if (HYPHEN_ALIASES.test(domain)) local = local.split('-')[0] ?? local;
  if (DOTS_IGNORED.has(domain)) local = local.replaceAll('.', '');
  return `${local}@${domain}`;
}

/** `alice@example.com` → `a***e@example.com`: friends are listed without exposing their address. */
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const [local = '', domain = ''] = email.split('@');
  if (local.length <= 2) return `${local[0] ?? ''}***@${domain}`;
  return `${local[0]}***${local.at(-1)}@${domain}`;
}
