import { createHash, randomBytes } from 'node:crypto';
import { type ConsoleRole, type Db, schema, verifyPassword } from '@flywheel/db';
import { and, eq, gt, lt } from 'drizzle-orm';

export const SESSION_COOKIE = 'fw_session';
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
};

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

// Verifying against a real hash when the email is unknown keeps sign-in time the same either way.
const NO_SUCH_USER_HASH = 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** Checks email and password; on success stores a new session and returns its cookie token. */
export async function signIn(db: Db, email: string, password: string, now = new Date()) {
  const [user] = await db
    .select({ id: schema.consoleUsers.id, passwordHash: schema.consoleUsers.passwordHash })
    .from(schema.consoleUsers)
    .where(eq(schema.consoleUsers.email, email.toLowerCase()));
  const valid = await verifyPassword(password, user?.passwordHash ?? NO_SUCH_USER_HASH);
  if (!user || !valid) return null;
  return createSession(db, user.id, now);
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
    })
    .from(schema.consoleSessions)
    .innerJoin(schema.consoleUsers, eq(schema.consoleUsers.id, schema.consoleSessions.userId))
    .innerJoin(schema.tenants, eq(schema.tenants.id, schema.consoleUsers.tenantId))
    .where(and(eq(schema.consoleSessions.tokenHash, sha256(token)), gt(schema.consoleSessions.expiresAt, now)));
  return row ?? null;
}

export async function signOut(db: Db, token: string) {
  await db.delete(schema.consoleSessions).where(eq(schema.consoleSessions.tokenHash, sha256(token)));
}

/** HttpOnly so scripts never see it, SameSite=Strict so other sites never send it, Secure in production. */
export function sessionCookie(token: string, { secure, maxAge }: { secure: boolean; maxAge: number }) {
  return [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAge}`, ...(secure ? ['Secure'] : [])].join(
    '; ',
  );
}

export function readSessionCookie(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || null;
  }
  return null;
}
