import { createHash, randomBytes } from 'node:crypto';
import { type ConsoleRole, type Db, hashPassword, NO_ACCOUNT_HASH, schema, verifyPassword } from '@flywheel/db';
import { and, asc, desc, eq, gt, lt, ne } from 'drizzle-orm';

/**
 * The session cookie's name. Over https (production) it carries the `__Host-` prefix: browsers
 * then only accept it Secure, for this exact host and path `/`, so a sibling subdomain cannot
 * plant or overwrite it. Plain http (development) cannot use the prefix.
 */
export const sessionCookieName = (secure: boolean) => (secure ? '__Host-fw_session' : 'fw_session');
export const SESSION_TTL_SECONDS = 7 * 24 * 60 * 60;

export type ConsoleSession = {
  userId: string;
  tenantId: string;
  /** The tenant's publishable key: the console previews widgets as that tenant's pages do. */
  publishableKey: string;
  email: string;
  name: string;
  role: ConsoleRole;
  csrfToken: string;
  /** Signed in with a temporary password: only changing it is allowed. */
  mustChangePassword: boolean;
};

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Failed sign-ins an address may have within the window before it is locked until they age out. */
export const SIGN_IN_LIMIT = { failures: 10, windowMinutes: 15 };

export type SignInResult =
  | { status: 'signed-in'; token: string; csrfToken: string }
  /**
   * The password is right for this address in several tenants (an agency's marketer): which one?
   * Only said once the password proved who is asking, so it reveals nothing to anyone else.
   */
  | { status: 'choose-tenant'; tenants: { id: string; name: string }[] }
  | { status: 'wrong' }
  /** Too many failures for this address lately: refused without checking the password at all. */
  | { status: 'locked'; retryAfterSeconds: number };

/**
 * Checks a console password. An address is unique per tenant, so it may have accounts in several;
 * the password is checked against each (`tenantId` narrows to one), and the accounts it opens
 * decide: one signs in, several ask which tenant. An address with SIGN_IN_LIMIT.failures failures
 * in the window is locked (an unknown address too, so locking says nothing about who has an
 * account) until the oldest failure ages out; a success clears its failures.
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; tenantId?: string | undefined },
  now = new Date(),
): Promise<SignInResult> {
  const email = input.email.toLowerCase();
  const windowStart = new Date(now.getTime() - SIGN_IN_LIMIT.windowMinutes * 60_000);
  const failures = await db
    .select({ failedAt: schema.signInFailures.failedAt })
    .from(schema.signInFailures)
    .where(and(eq(schema.signInFailures.email, email), gt(schema.signInFailures.failedAt, windowStart)))
    .orderBy(desc(schema.signInFailures.failedAt))
    .limit(SIGN_IN_LIMIT.failures);
  const oldest = failures.at(-1);
  if (failures.length >= SIGN_IN_LIMIT.failures && oldest) {
    const unlocksAt = oldest.failedAt.getTime() + SIGN_IN_LIMIT.windowMinutes * 60_000;
    return { status: 'locked', retryAfterSeconds: Math.max(1, Math.ceil((unlocksAt - now.getTime()) / 1000)) };
  }
  const accounts = await db
    .select({
      id: schema.consoleUsers.id,
      passwordHash: schema.consoleUsers.passwordHash,
      tenantId: schema.tenants.id,
      tenantName: schema.tenants.name,
    })
    .from(schema.consoleUsers)
    .innerJoin(schema.tenants, eq(schema.tenants.id, schema.consoleUsers.tenantId))
    .where(and(eq(schema.consoleUsers.email, email), input.tenantId ? eq(schema.consoleUsers.tenantId, input.tenantId) : undefined))
    .orderBy(asc(schema.tenants.name));
  const opened = [];
  for (const account of accounts) if (await verifyPassword(input.password, account.passwordHash)) opened.push(account);
  if (accounts.length === 0) await verifyPassword(input.password, NO_ACCOUNT_HASH);
  const [only, ...more] = opened;
  if (!only) {
    await db.delete(schema.signInFailures).where(lt(schema.signInFailures.failedAt, windowStart));
    await db.insert(schema.signInFailures).values({ email, failedAt: now });
    return { status: 'wrong' };
  }
  await db.delete(schema.signInFailures).where(eq(schema.signInFailures.email, email));
  if (more.length > 0) return { status: 'choose-tenant', tenants: opened.map((a) => ({ id: a.tenantId, name: a.tenantName })) };
  return { status: 'signed-in', ...(await createSession(db, only.id, now)) };
}

/** Stores a new session for a console user (after sign-in) and returns its cookie token and CSRF token. */
export async function createSession(db: Db, userId: string, now = new Date()) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.delete(schema.consoleSessions).where(lt(schema.consoleSessions.expiresAt, now));
  await db.insert(schema.consoleSessions).values({
    tokenHash: sha256(token),
    userId,
    csrfToken,
    expiresAt: new Date(now.getTime() + SESSION_TTL_SECONDS * 1000),
  });
  return { token, csrfToken };
}

export async function findSession(db: Db, token: string, now = new Date()): Promise<ConsoleSession | null> {
  const [row] = await db
    .select({
      userId: schema.consoleUsers.id,
      tenantId: schema.consoleUsers.tenantId,
      publishableKey: schema.tenants.publishableKey,
      email: schema.consoleUsers.email,
      name: schema.consoleUsers.name,
      role: schema.consoleUsers.role,
      csrfToken: schema.consoleSessions.csrfToken,
      mustChangePassword: schema.consoleUsers.mustChangePassword,
    })
    .from(schema.consoleSessions)
    .innerJoin(schema.consoleUsers, eq(schema.consoleUsers.id, schema.consoleSessions.userId))
    .innerJoin(schema.tenants, eq(schema.tenants.id, schema.consoleUsers.tenantId))
    .where(and(eq(schema.consoleSessions.tokenHash, sha256(token)), gt(schema.consoleSessions.expiresAt, now)));
  return row ?? null;
}

/**
 * Replaces the password after checking the current one, and signs the user out everywhere else:
 * whoever knew the old password (or held a session from it) is out. False when `current` is wrong.
 */
export async function changePassword(db: Db, userId: string, sessionToken: string, current: string, next: string): Promise<boolean> {
  const [user] = await db
    .select({ hash: schema.consoleUsers.passwordHash })
    .from(schema.consoleUsers)
    .where(eq(schema.consoleUsers.id, userId));
  if (!user || !(await verifyPassword(current, user.hash))) return false;
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx.update(schema.consoleUsers).set({ passwordHash, mustChangePassword: false }).where(eq(schema.consoleUsers.id, userId));
    await tx
      .delete(schema.consoleSessions)
      .where(and(eq(schema.consoleSessions.userId, userId), ne(schema.consoleSessions.tokenHash, sha256(sessionToken))));
  });
  return true;
}

export async function signOut(db: Db, token: string) {
  await db.delete(schema.consoleSessions).where(eq(schema.consoleSessions.tokenHash, sha256(token)));
}

/** HttpOnly so scripts never see it, SameSite=Strict so other sites never send it, Secure in production. */
export function sessionCookie(token: string, { secure, maxAge }: { secure: boolean; maxAge: number }) {
  return [
    `${sessionCookieName(secure)}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAge}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function readSessionCookie(cookieHeader: string | null, secure: boolean): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === sessionCookieName(secure)) return value.join('=') || null;
  }
  return null;
}
