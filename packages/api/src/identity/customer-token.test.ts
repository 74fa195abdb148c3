import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { InvalidTokenError, signCustomerToken, verifyCustomerToken } from './customer-token.ts';

const secret = 'sk_test_demo';
const key = new TextEncoder().encode(secret);
const now = new Date('2026-11-23T12:00:00Z');
const nowSeconds = Math.floor(now.getTime() / 1000);

function jwt(claims: Record<string, unknown>, alg = 'HS256') {
  return new SignJWT(claims).setProtectedHeader({ alg }).sign(key);
}

describe('customer tokens', () => {
  it('accepts a token signed with the tenant secret and returns its claims', async () => {
    const token = await signCustomerToken(secret, { sub: 'alice', name: 'Alice', traits: { plan: 'pro' }, ttlSeconds: 3600 }, now);
    await expect(verifyCustomerToken(token, secret, now)).resolves.toMatchObject({ sub: 'alice', name: 'Alice', traits: { plan: 'pro' } });
  });

  const valid = { sub: 'alice', iat: nowSeconds, exp: nowSeconds + 600 };
  const rejected: [string, () => Promise<string>][] = [
    ['a wrong signature', async () => `${(await jwt(valid)).slice(0, -4)}AAAA`],
    [
      'another tenant’s secret',
      () => new SignJWT(valid).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('sk_test_other')),
    ],
    ['alg none', async () => new UnsecuredJWT(valid).encode()],
    ['alg HS512', () => jwt(valid, 'HS512')],
    [
      'alg RS256',
      async () => {
        const { privateKey } = await generateKeyPair('RS256');
        return new SignJWT(valid).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
      },
    ],
    ['an expired token', () => jwt({ ...valid, iat: nowSeconds - 7200, exp: nowSeconds - 3600 })],
    ['a missing sub', () => jwt({ iat: valid.iat, exp: valid.exp })],
    ['an empty sub', () => jwt({ ...valid, sub: '' })],
    ['a missing exp', () => jwt({ sub: 'alice', iat: nowSeconds })],
    ['a missing iat', () => jwt({ sub: 'alice', exp: valid.exp })],
    ['a lifetime over 24 h', () => jwt({ ...valid, exp: nowSeconds + 25 * 3600 })],
    ['a future iat stretching the lifetime', () => jwt({ sub: 'alice', iat: nowSeconds + 20 * 3600, exp: nowSeconds + 30 * 3600 })],
    ['malformed traits', () => jwt({ ...valid, traits: { nested: { deep: true } } })],
    ['garbage', async () => 'not.a.jwt'],
  ];

  it.each(rejected)('rejects %s', async (_case, make) => {
    await expect(verifyCustomerToken(await make(), secret, now)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses to sign for more than 24 hours', async () => {
    await expect(signCustomerToken(secret, { sub: 'a', ttlSeconds: 24 * 3600 + 1 })).rejects.toThrow(RangeError);
  });
});
