import { createHash, randomBytes } from 'node:crypto';
import { type Db, schema } from '@flywheel/db';
import { and, desc, eq, isNull } from 'drizzle-orm';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Stores a snapshot behind a new link token (256 random bits) and returns the token; only its digest is kept. */
export async function storeReport(
  db: Db,
  input: { tenantId: string; featureKey: string; snapshot: Record<string, unknown>; createdBy: string },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(schema.experimentReports).values({ ...input, tokenDigest: sha256(token) });
  return token;
}

/** The snapshot behind a link, or null when the token is unknown or revoked (one answer for both). */
export async function reportByToken(db: Db, token: string) {
  const [row] = await db
    .select({ snapshot: schema.experimentReports.snapshot, createdAt: schema.experimentReports.createdAt })
    .from(schema.experimentReports)
    .where(and(eq(schema.experimentReports.tokenDigest, sha256(token)), isNull(schema.experimentReports.revokedAt)));
  return row ?? null;
}

/** The links shared for one feature, newest first, with who shared them. */
export function reportsFor(db: Db, tenantId: string, featureKey: string) {
  return db
    .select({
      id: schema.experimentReports.id,
      createdAt: schema.experimentReports.createdAt,
      revokedAt: schema.experimentReports.revokedAt,
      createdBy: schema.consoleUsers.name,
    })
    .from(schema.experimentReports)
    .leftJoin(schema.consoleUsers, eq(schema.consoleUsers.id, schema.experimentReports.createdBy))
    .where(and(eq(schema.experimentReports.tenantId, tenantId), eq(schema.experimentReports.featureKey, featureKey)))
    .orderBy(desc(schema.experimentReports.createdAt));
}

/** Revokes one of the tenant's links; false when it has no such link still open. */
export async function revokeReport(db: Db, tenantId: string, id: string): Promise<boolean> {
  const revoked = await db
    .update(schema.experimentReports)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(schema.experimentReports.id, id), eq(schema.experimentReports.tenantId, tenantId), isNull(schema.experimentReports.revokedAt)),
    )
    .returning({ id: schema.experimentReports.id });
  return revoked.length > 0;
}
