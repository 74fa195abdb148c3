import { traits } from '@flywheel/contracts/json';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

/** Tokens may live at most a day: a leaked token stops working by tomorrow. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
const CLOCK_TOLERANCE_SECONDS = 30;

const claims = z.object({
  sub: z.string().min(1).max(128),
  email: z.email().max(254).optional(),
  name: z.string().max(200).optional(),
  traits: traits.optional(),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type CustomerClaims = z.infer<typeof claims>;

/** Why a token was refused; logged on the server, never sent to the caller. */
export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

const encoder = new TextEncoder();

/**
 * Verifies a customer token signed by the tenant's server with its secret key. HS256 only
 * (so `none` and asymmetric algorithms are refused), `sub`, `iat` and `exp` required, lifetime
 * at most 24 h, and claims in the documented shape.
 */
export async function verifyCustomerToken(token: string, secretKey: string, now = new Date()): Promise<CustomerClaims> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, encoder.encode(secretKey), {
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'iat', 'exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
    }));
  } catch (error) {
    const reason = error instanceof errors.JOSEError ? error.code : 'malformed';
    throw new InvalidTokenError(reason);
  }
  const parsed = claims.safeParse(payload);
  if (!parsed.success) throw new InvalidTokenError(`claims: ${parsed.error.issues[0]?.path.join('.')}`);
  const { iat, exp } = parsed.data;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (exp - iat > MAX_TOKEN_LIFETIME_SECONDS) throw new InvalidTokenError('lifetime over 24 h');
  // Issued in the future is a wrong clock or a forgery aimed at a longer life: refused past the tolerance.
  if (iat > nowSeconds + CLOCK_TOLERANCE_SECONDS) throw new InvalidTokenError('issued in the future');
  // A future-dated iat would stretch the lifetime; judge it from now as well.
  if (exp - nowSeconds > MAX_TOKEN_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) throw new InvalidTokenError('expires too late');
  return parsed.data;
}

export type TokenRequest = {
  sub: string;
  email?: string | undefined;
  name?: string | undefined;
  traits?: Record<string, string | number | boolean | null> | undefined;
  ttlSeconds: number;
};

/**
 * Signs a customer token as a tenant's server would. Flywheel uses it for the CLI and the
 * demo host; real tenants sign on their own servers with any JWT library.
 */
export async function signCustomerToken(secretKey: string, request: TokenRequest, now = new Date()): Promise<string> {
  if (request.ttlSeconds <= 0 || request.ttlSeconds > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new RangeError(`ttl must be between 1 second and ${MAX_TOKEN_LIFETIME_SECONDS} seconds`);
  }
  const iat = Math.floor(now.getTime() / 1000);
  const extra = Object.fromEntries(
    Object.entries({ email: request.email, name: request.name, traits: request.traits }).filter(([, v]) => v !== undefined),
  );
  return new SignJWT(extra)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuedAt(iat)
    .setExpirationTime(iat + request.ttlSeconds)
    .sign(encoder.encode(secretKey));
}
