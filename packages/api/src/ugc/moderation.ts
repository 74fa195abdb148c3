import type { AutoFlag, RejectionReason } from '@flywheel/contracts/ugc';
import { type Db, schema, type Tx } from '@flywheel/db';
import { TRPCError } from '@trpc/server';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { externalIdOf } from '../customers/index.ts';
import type { Emit } from '../platform/index.ts';
import { itemOf, lookups, type SubmissionRow } from './views.ts';

const s = schema.ugcSubmissions;
type Moderator = { tenantId: string; userId: string };
type Ctx = { db: Db; emit: Emit };
type Action = (typeof schema.ugcDecisions.$inferInsert)['action'];

const audit = (
  tx: Tx,
  moderator: Moderator,
  entry: { action: Action; submissionId?: string; imageId?: string; reason?: string; note?: string },
) => tx.insert(schema.ugcDecisions).values({ tenantId: moderator.tenantId, actorId: moderator.userId, ...entry });

/**
 * The moderators' queue: pending submissions oldest first (or the published ones, to feature or
 * take down), each rendered as the public will see it, with every image to review and the flags
 * to look at: those raised when it was sent, and its images not yet reviewed.
 */
export async function queue(db: Db, tenantId: string, status: 'pending' | 'approved', origin: string) {
  const rows = await db
    .select()
    .from(s)
    .where(and(eq(s.tenantId, tenantId), eq(s.status, status)))
    .orderBy(status === 'pending' ? asc(s.submittedAt) : desc(s.publishedAt))
    .limit(100);
  const found = await lookups(db, tenantId, rows);
  return rows.map((row) => {
    const item = itemOf(row, found, 'moderator', origin);
    const flags: AutoFlag[] = [...row.flags];
    if (item.images.some((image) => image.status === 'pending')) flags.push('unreviewed_images');
    const author = found.authors.get(row.authorId);
    return {
      ...item,
      flags,
      author: { id: author?.externalId ?? '', name: author?.name ?? null, email: author?.email ?? null },
      submittedAt: row.submittedAt?.toISOString() ?? null,
      status: row.status,
    };
  });
}

async function lockSubmission(tx: Tx, tenantId: string, id: string): Promise<SubmissionRow> {
  const [row] = await tx
    .select()
    .from(s)
    .where(and(eq(s.tenantId, tenantId), eq(s.id, id)))
    .for('update');
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no such submission' });
  return row;
}

const expect = (row: SubmissionRow, status: SubmissionRow['status'], doing: string) => {
  if (row.status !== status) {
    throw new TRPCError({ code: 'CONFLICT', message: `id: only a ${status} submission can be ${doing}; this one is ${row.status}` });
  }
};

/** A moderator approves (it is published, and its author earns points) or rejects (with a reason the author sees). */
export async function review(
  ctx: Ctx,
  moderator: Moderator,
  input: { id: string; decision: 'approve' | 'reject'; reason?: RejectionReason | undefined; note?: string | undefined },
) {
  return ctx.db.transaction(async (tx) => {
    const row = await lockSubmission(tx, moderator.tenantId, input.id);
    expect(row, 'pending', 'reviewed');
    const approve = input.decision === 'approve';
    const now = new Date();
    await tx
      .update(s)
      .set(
        approve
          ? { status: 'approved', publishedAt: now, reason: null, reasonNote: null, updatedAt: now }
          : { status: 'rejected', reason: input.reason ?? 'other', reasonNote: input.note ?? null, updatedAt: now },
      )
      .where(eq(s.id, row.id));
    await audit(tx, moderator, {
      action: input.decision,
      submissionId: row.id,
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.note ? { note: input.note } : {}),
    });
    const userId = await externalIdOf(tx, moderator.tenantId, row.authorId);
    await ctx.emit(
      tx,
      approve
        ? // Published once: a submission earns its points the first time, however often it is re-approved.
          {
            tenantId: moderator.tenantId,
            messageId: `ugc:${row.id}:published`,
            event: 'ugc_published',
            userId,
            properties: { submission_id: row.id, kind: row.kind },
          }
        : {
            tenantId: moderator.tenantId,
            messageId: `ugc:${row.id}:rejected:${now.getTime()}`,
            event: 'ugc_rejected',
            userId,
            properties: { submission_id: row.id, reason: input.reason ?? 'other' },
          },
    );
    return { id: row.id, status: approve ? ('approved' as const) : ('rejected' as const) };
  });
}

/** Media moderated apart from the text: an image approved is shown with its submission, a rejected one nowhere. */
export async function reviewImage(db: Db, moderator: Moderator, input: { imageId: string; decision: 'approve' | 'reject' }) {
  return db.transaction(async (tx) => {
    const [image] = await tx
      .update(schema.ugcImages)
      .set({ status: input.decision === 'approve' ? 'approved' : 'rejected', reviewedAt: new Date() })
      .where(and(eq(schema.ugcImages.tenantId, moderator.tenantId), eq(schema.ugcImages.id, input.imageId)))
      .returning({ id: schema.ugcImages.id, status: schema.ugcImages.status });
    if (!image) throw new TRPCError({ code: 'NOT_FOUND', message: 'imageId: no such image' });
    await audit(tx, moderator, { action: input.decision === 'approve' ? 'approve_image' : 'reject_image', imageId: image.id });
    return image;
  });
}

/** A published submission taken down: out of the gallery and its page, with a reason; what it earned is reversed. */
export async function takeDown(ctx: Ctx, moderator: Moderator, input: { id: string; reason: RejectionReason; note?: string | undefined }) {
  return ctx.db.transaction(async (tx) => {
    const row = await lockSubmission(tx, moderator.tenantId, input.id);
    expect(row, 'approved', 'taken down');
    await tx
      .update(s)
      .set({ status: 'taken_down', featuredAt: null, reason: input.reason, reasonNote: input.note ?? null, updatedAt: new Date() })
      .where(eq(s.id, row.id));
    await audit(tx, moderator, {
      action: 'takedown',
      submissionId: row.id,
      reason: input.reason,
      ...(input.note ? { note: input.note } : {}),
    });
    await ctx.emit(tx, {
      tenantId: moderator.tenantId,
      messageId: `ugc:${row.id}:taken-down`,
      event: 'ugc_taken_down',
      userId: await externalIdOf(tx, moderator.tenantId, row.authorId),
      properties: { submission_id: row.id, reason: input.reason },
    });
    return { id: row.id, status: 'taken_down' as const };
  });
}

/** Featuring puts a published submission in the running for the gallery's lead slot (and can earn its author a badge). */
export async function feature(ctx: Ctx, moderator: Moderator, input: { id: string; featured: boolean }) {
  return ctx.db.transaction(async (tx) => {
    const row = await lockSubmission(tx, moderator.tenantId, input.id);
    expect(row, 'approved', input.featured ? 'featured' : 'unfeatured');
    await tx
      .update(s)
      .set({ featuredAt: input.featured ? new Date() : null })
      .where(eq(s.id, row.id));
    await audit(tx, moderator, { action: input.featured ? 'feature' : 'unfeature', submissionId: row.id });
    if (input.featured) {
      await ctx.emit(tx, {
        tenantId: moderator.tenantId,
        messageId: `ugc:${row.id}:featured`,
        event: 'ugc_featured',
        userId: await externalIdOf(tx, moderator.tenantId, row.authorId),
        properties: { submission_id: row.id },
      });
    }
    return { id: row.id, featured: input.featured };
  });
}

/** The audit trail: every decision, newest first, with who made it. */
export async function decisions(db: Db, tenantId: string) {
  const d = schema.ugcDecisions;
  const rows = await db
    .select({
      id: d.id,
      action: d.action,
      reason: d.reason,
      note: d.note,
      at: d.createdAt,
      submissionId: d.submissionId,
      imageId: d.imageId,
      actor: schema.consoleUsers.email,
    })
    .from(d)
    .leftJoin(schema.consoleUsers, eq(schema.consoleUsers.id, d.actorId))
    .where(eq(d.tenantId, tenantId))
    .orderBy(desc(d.createdAt))
    .limit(200);
  const ids = [...new Set(rows.flatMap((row) => (row.submissionId ? [row.submissionId] : [])))];
  const titles = new Map(
    (ids.length ? await db.select({ id: s.id, title: s.title }).from(s).where(inArray(s.id, ids)) : []).map((row) => [row.id, row.title]),
  );
  return rows.map((row) => ({
    ...row,
    at: row.at.toISOString(),
    title: row.submissionId ? (titles.get(row.submissionId) ?? null) : null,
  }));
}
