import { randomUUID } from 'node:crypto';
import type { SubmissionStatus, SubmissionValues } from '@flywheel/contracts/ugc';
import { type Db, schema, type Tx } from '@flywheel/db';
import { TRPCError } from '@trpc/server';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Emit } from '../platform/index.ts';
import { textFlags } from './auto-flags.ts';
import type { MediaStore } from './media.ts';
import { reencodeImage } from './media.ts';
import { renderBody } from './render.ts';
import { gramsOf } from './search.ts';
import { draftOf, imageUrl, itemOf, lookups, type SubmissionRow } from './views.ts';

type Author = { id: string; tenantId: string; externalId: string };
type Ctx = { db: Db; emit: Emit; origin: string };

/** What the author may still change: a published or taken-down submission is the moderators' record. */
const EDITABLE: SubmissionStatus[] = ['draft', 'pending', 'rejected', 'withdrawn'];

const notFound = () => new TRPCError({ code: 'NOT_FOUND', message: 'id: no such submission' });

/** A file's name as shown beside the image: printable characters only, at most 120, never markup (it is rendered as text). */
const displayName = (name: string) =>
  [...name]
    .filter((char) => char >= ' ' && char !== '\u007f')
    .join('')
    .trim()
    .slice(0, 120) || 'image';

/** Stores an upload, re-encoded, as the customer's image; moderators review it apart from any text. */
export async function uploadImage(db: Db, media: MediaStore, author: Author, upload: { bytes: Buffer; name: string }, origin: string) {
  const image = await reencodeImage(upload.bytes);
  const id = randomUUID();
  const storageKey = `ugc/${author.tenantId}/${id}.webp`;
  await media.put(storageKey, image.data, image.contentType);
  await db.insert(schema.ugcImages).values({
    id,
    tenantId: author.tenantId,
    uploaderId: author.id,
    storageKey,
    contentType: image.contentType,
    width: image.width,
    height: image.height,
    bytes: image.data.length,
    originalName: displayName(upload.name),
  });
  return { id, url: imageUrl(origin, id), name: displayName(upload.name), width: image.width, height: image.height };
}

/** An image's bytes for the BFF to serve; a rejected image is gone for everyone. */
export async function imageFile(db: Db, media: MediaStore, id: string) {
  const [image] = await db.select().from(schema.ugcImages).where(eq(schema.ugcImages.id, id));
  if (!image || image.status === 'rejected') return null;
  const bytes = await media.get(image.storageKey);
  return bytes ? { bytes, contentType: image.contentType } : null;
}

/** The author's images among `ids`, or a 400 naming the first that is not theirs. */
async function ownImages(tx: Tx, author: Author, ids: string[]) {
  if (ids.length === 0) return;
  const found = new Set(
    (
      await tx
        .select({ id: schema.ugcImages.id })
        .from(schema.ugcImages)
        .where(
          and(
            eq(schema.ugcImages.tenantId, author.tenantId),
            eq(schema.ugcImages.uploaderId, author.id),
            inArray(schema.ugcImages.id, ids),
          ),
        )
    ).map((row) => row.id),
  );
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw new TRPCError({ code: 'BAD_REQUEST', message: `imageIds.${missing}: no such image of yours; upload it first` });
}

/** The columns an author's input sets, and what it is found and compared by. */
function columnsOf(input: SubmissionValues, now: Date) {
  const status: SubmissionStatus = input.draft ? 'draft' : 'pending';
  return {
    kind: input.kind,
    title: input.title,
    summary: input.summary,
    body: input.body,
    tags: input.tags,
    imageIds: input.imageIds,
    consentPublish: input.consent.publish,
    licence: input.consent.licence,
    consentAt: input.consent.publish ? now : null,
    status,
    grams: gramsOf(input.title, input.summary, input.body),
    submittedAt: status === 'pending' ? now : null,
    updatedAt: now,
  };
}

/** A submission sent for review: its auto-flags for the queue, and the event that says so. */
async function sendForReview(ctx: Ctx, tx: Tx, row: SubmissionRow, author: Author, now: Date) {
  const flags = await textFlags(tx, row, now);
  await tx.update(schema.ugcSubmissions).set({ flags }).where(eq(schema.ugcSubmissions.id, row.id));
  await ctx.emit(tx, {
    tenantId: row.tenantId,
    // Each sending is its own event: a resubmission after a rejection counts again.
    messageId: `ugc:${row.id}:submitted:${now.getTime()}`,
    event: 'ugc_submitted',
    userId: author.externalId,
    properties: { submission_id: row.id, kind: row.kind },
  });
}

/** A new submission (or draft) by the signed-in customer. */
export async function submit(ctx: Ctx, author: Author, input: SubmissionValues) {
  const now = new Date();
  return ctx.db.transaction(async (tx) => {
    await ownImages(tx, author, input.imageIds);
    const [row] = await tx
      .insert(schema.ugcSubmissions)
      .values({ tenantId: author.tenantId, authorId: author.id, ...columnsOf(input, now) })
      .returning();
    if (!row) throw new Error('insert returned no row');
    if (row.status === 'pending') await sendForReview(ctx, tx, row, author, now);
    return { id: row.id, status: row.status };
  });
}

/** The author's edit: a draft, a pending or a rejected submission, sent (again) for review unless kept as a draft. */
export async function update(ctx: Ctx, author: Author, id: string, input: SubmissionValues) {
  const now = new Date();
  return ctx.db.transaction(async (tx) => {
    const current = await ownSubmission(tx, author, id);
    if (!EDITABLE.includes(current.status)) {
      throw new TRPCError({ code: 'CONFLICT', message: `status: a ${current.status.replace('_', ' ')} submission cannot be edited` });
    }
    await ownImages(tx, author, input.imageIds);
    const [row] = await tx
      .update(schema.ugcSubmissions)
      .set({ ...columnsOf(input, now), reason: null, reasonNote: null })
      .where(eq(schema.ugcSubmissions.id, current.id))
      .returning();
    if (!row) throw notFound();
    if (row.status === 'pending') await sendForReview(ctx, tx, row, author, now);
    return { id: row.id, status: row.status };
  });
}

/** The author takes their submission back; a published one leaves the gallery, and what it earned is reversed. */
export async function withdraw(ctx: Ctx, author: Author, id: string) {
  return ctx.db.transaction(async (tx) => {
    const current = await ownSubmission(tx, author, id);
    if (current.status === 'withdrawn' || current.status === 'taken_down') return { id, status: current.status };
    await tx
      .update(schema.ugcSubmissions)
      .set({ status: 'withdrawn', featuredAt: null, updatedAt: sql`now()` })
      .where(eq(schema.ugcSubmissions.id, id));
    if (current.status === 'approved') {
      await ctx.emit(tx, {
        tenantId: author.tenantId,
        messageId: `ugc:${id}:taken-down`,
        event: 'ugc_taken_down',
        userId: author.externalId,
        properties: { submission_id: id, reason: 'withdrawn' },
      });
    }
    return { id, status: 'withdrawn' as const };
  });
}

async function ownSubmission(tx: Tx, author: Author, id: string) {
  const [row] = await tx
    .select()
    .from(schema.ugcSubmissions)
    .where(
      and(
        eq(schema.ugcSubmissions.tenantId, author.tenantId),
        eq(schema.ugcSubmissions.authorId, author.id),
        eq(schema.ugcSubmissions.id, id),
      ),
    )
    .for('update');
  if (!row) throw notFound();
  return row;
}

/** The author's submissions, newest change first, with their status and the reason of a rejection. */
export async function mySubmissions(db: Db, author: Author, origin: string) {
  const rows = await db
    .select()
    .from(schema.ugcSubmissions)
    .where(and(eq(schema.ugcSubmissions.tenantId, author.tenantId), eq(schema.ugcSubmissions.authorId, author.id)))
    .orderBy(desc(schema.ugcSubmissions.updatedAt))
    .limit(100);
  const found = await lookups(db, author.tenantId, rows);
  return rows.map((row) => draftOf(row, found, origin));
}

/**
 * One submission opened: a published one for anyone, any of their own for its author (with
 * images not yet reviewed); anything else does not exist for the caller.
 */
export async function openSubmission(db: Db, tenantId: string, id: string, viewer: { customerId: string | null }, origin: string) {
  const [row] = await db
    .select()
    .from(schema.ugcSubmissions)
    .where(and(eq(schema.ugcSubmissions.tenantId, tenantId), eq(schema.ugcSubmissions.id, id)));
  const isAuthor = row !== undefined && row.authorId === viewer.customerId;
  if (!row || (row.status !== 'approved' && !isAuthor)) return null;
  const found = await lookups(db, tenantId, [row]);
  const liked = viewer.customerId ? await likedAmong(db, viewer.customerId, [row.id]) : new Set<string>();
  return { ...itemOf(row, found, isAuthor ? 'author' : 'public', origin, liked), status: row.status, mine: isAuthor };
}

/** The submissions among `ids` the customer likes. */
export async function likedAmong(db: Db | Tx, customerId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: schema.ugcLikes.submissionId })
    .from(schema.ugcLikes)
    .where(and(eq(schema.ugcLikes.customerId, customerId), inArray(schema.ugcLikes.submissionId, ids)));
  return new Set(rows.map((row) => row.id));
}

/** The form's preview: the body exactly as it will be shown, with the author's own images. */
export async function preview(db: Db, author: Author, input: { body: string; imageIds: string[] }, origin: string) {
  const images = input.imageIds.length
    ? await db
        .select({ id: schema.ugcImages.id, name: schema.ugcImages.originalName })
        .from(schema.ugcImages)
        .where(
          and(
            eq(schema.ugcImages.tenantId, author.tenantId),
            eq(schema.ugcImages.uploaderId, author.id),
            inArray(schema.ugcImages.id, input.imageIds),
            sql`${schema.ugcImages.status} <> 'rejected'`,
          ),
        )
    : [];
  return { html: renderBody(input.body, new Map(images.map((image) => [image.id, { url: imageUrl(origin, image.id), alt: image.name }]))) };
}

const ListCursor = z.object({ createdAt: z.iso.datetime(), id: z.uuid() });

/** The tenant's submissions for its server (REST API), newest first, optionally in one status. */
export async function submissionsPage(
  db: Db,
  tenantId: string,
  query: { status?: SubmissionStatus | undefined; cursor?: string | undefined; limit: number },
  origin: string,
) {
  const s = schema.ugcSubmissions;
  let after: z.infer<typeof ListCursor> | undefined;
  if (query.cursor !== undefined) {
    const parsed = ListCursor.safeParse(safeJson(Buffer.from(query.cursor, 'base64url').toString()));
    if (!parsed.success) throw new TRPCError({ code: 'BAD_REQUEST', message: 'cursor: pass back the nextCursor of the page before' });
    after = parsed.data;
  }
  const rows = await db
    .select({
      id: s.id,
      authorId: schema.customers.externalId,
      kind: s.kind,
      title: s.title,
      status: s.status,
      likes: s.likes,
      publishedAt: s.publishedAt,
      createdAt: s.createdAt,
    })
    .from(s)
    .innerJoin(schema.customers, eq(schema.customers.id, s.authorId))
    .where(
      and(
        eq(s.tenantId, tenantId),
        query.status ? eq(s.status, query.status) : undefined,
        after ? sql`(${s.createdAt}, ${s.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(s.createdAt), desc(s.id))
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map(({ createdAt: _, publishedAt, ...row }) => ({
    ...row,
    publishedAt: publishedAt?.toISOString() ?? null,
    url: row.status === 'approved' ? `${origin}/s/${row.id}` : null,
  }));
  const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
  return {
    items,
    nextCursor: last ? Buffer.from(JSON.stringify({ createdAt: last.createdAt.toISOString(), id: last.id })).toString('base64url') : null,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The storage keys of a customer's uploaded images, to remove the bytes after their erasure. */
export async function imageKeysOf(db: Db | Tx, tenantId: string, customerId: string): Promise<string[]> {
  const rows = await db
    .select({ key: schema.ugcImages.storageKey })
    .from(schema.ugcImages)
    .where(and(eq(schema.ugcImages.tenantId, tenantId), eq(schema.ugcImages.uploaderId, customerId)));
  return rows.map((row) => row.key);
}
