import type { GalleryInput } from '@flywheel/contracts/ugc';
import { type Db, schema } from '@flywheel/db';
import { TRPCError } from '@trpc/server';
import { and, desc, eq, getTableColumns, isNotNull, ne, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { matchesSearch } from './search.ts';
import { likedAmong } from './submissions.ts';
import { type Card, cardOf, lookups, type SubmissionRow } from './views.ts';

const s = schema.ugcSubmissions;

/** Which featured item leads the gallery: the `ugc-showcase.featured` experiment's variations. */
export type LeadOrder = 'latest' | 'most-liked';

/**
 * Trending: likes that decay with age (Hacker News' gravity), measured from the moment the first
 * page was read, so every page of one visit ranks by the same clock and no item moves between pages.
 */
const trendingScore = (at: Date) =>
  sql<number>`((${s.likes} + 1) / power(extract(epoch from (${at.toISOString()}::timestamptz - ${s.publishedAt})) / 3600 + 2, 1.5))::float8`;

// The cursor carries the order's key of the last card (and, for trending, the clock of the visit).
const Cursor = z.union([
  z.object({ at: z.iso.datetime(), score: z.number(), id: z.uuid() }),
  z.object({ publishedAt: z.iso.datetime(), id: z.uuid() }),
]);
type Cursor = z.infer<typeof Cursor>;
const encode = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
function decode(cursor: string): Cursor {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString()));
  } catch {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'cursor: pass back the nextCursor of the page before' });
  }
}

/**
 * A page of the tenant's published submissions, filtered by kind, tag and search, in trending or
 * newest order; the first page also names the featured item that leads, which the rest of the
 * gallery then leaves out.
 */
export async function gallery(
  db: Db,
  query: { tenantId: string; viewerId: string | null; origin: string; leadOrder: LeadOrder },
  input: z.output<typeof GalleryInput>,
) {
  const cursor = input.cursor ? decode(input.cursor) : null;
  const filters: SQL[] = [eq(s.tenantId, query.tenantId), eq(s.status, 'approved')];
  if (input.kind) filters.push(eq(s.kind, input.kind));
  if (input.tag) filters.push(sql`${s.tags} @> array[${input.tag}]::text[]`);
  if (input.q) filters.push(matchesSearch(input.q));

  // The lead is left out of every page of the unfiltered gallery, and shown above the first.
  const lead = !input.q && !input.tag && !input.kind ? await leadOf(db, query.tenantId, query.leadOrder) : null;
  if (lead) filters.push(ne(s.id, lead.id));
  const shownLead = cursor ? null : lead;

  const at = cursor && 'at' in cursor ? new Date(cursor.at) : new Date();
  const score = trendingScore(at);
  let rows: (SubmissionRow & { score: number })[];
  if (input.order === 'trending') {
    if (cursor && 'score' in cursor) filters.push(sql`(${score}, ${s.id}) < (${cursor.score}::float8, ${cursor.id}::uuid)`);
    rows = await db
      .select({ ...getColumns(), score })
      .from(s)
      .where(and(...filters))
      .orderBy(desc(score), desc(s.id))
      .limit(input.limit + 1);
  } else {
    if (cursor && 'publishedAt' in cursor) {
      filters.push(sql`(${s.publishedAt}, ${s.id}) < (${cursor.publishedAt}::timestamptz, ${cursor.id}::uuid)`);
    }
    rows = await db
      .select({ ...getColumns(), score: sql<number>`0::float8` })
      .from(s)
      .where(and(...filters))
      .orderBy(desc(s.publishedAt), desc(s.id))
      .limit(input.limit + 1);
  }
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > input.limit && last
      ? encode(
          input.order === 'trending'
            ? { at: at.toISOString(), score: last.score, id: last.id }
            : { publishedAt: (last.publishedAt as Date).toISOString(), id: last.id },
        )
      : null;
  const shown = shownLead ? [shownLead, ...page] : page;
  const found = await lookups(db, query.tenantId, shown);
  const liked = query.viewerId
    ? await likedAmong(
        db,
        query.viewerId,
        shown.map((row) => row.id),
      )
    : new Set<string>();
  const card = (row: SubmissionRow): Card => cardOf(row, found, query.origin, liked);
  return { lead: shownLead ? card(shownLead) : null, items: page.map(card), nextCursor };
}

/** Every column but the search vector, which only the database reads. */
const getColumns = () => {
  const { search: _search, ...columns } = getTableColumns(s);
  return columns;
};

/** The featured item that leads: the latest featured, or the most liked of the featured. */
async function leadOf(db: Db, tenantId: string, order: LeadOrder) {
  const [row] = await db
    .select(getColumns())
    .from(s)
    .where(and(eq(s.tenantId, tenantId), eq(s.status, 'approved'), isNotNull(s.featuredAt)))
    .orderBy(...(order === 'most-liked' ? [desc(s.likes), desc(s.featuredAt)] : [desc(s.featuredAt)]))
    .limit(1);
  return row ?? null;
}

/**
 * Likes or unlikes a published submission for a signed-in customer, never their own. The primary
 * key (submission, customer) makes any number of likes, however they race, count once; the count
 * moves only with a row that was really added or removed, in the same transaction.
 */
export async function setLike(db: Db, input: { tenantId: string; customerId: string; submissionId: string; liked: boolean }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ authorId: s.authorId, status: s.status })
      .from(s)
      .where(and(eq(s.tenantId, input.tenantId), eq(s.id, input.submissionId)));
    if (row?.status !== 'approved') throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no such submission' });
    if (row.authorId === input.customerId) throw new TRPCError({ code: 'FORBIDDEN', message: 'id: you cannot like your own submission' });
    const l = schema.ugcLikes;
    const changed = input.liked
      ? await tx
          .insert(l)
          .values({ tenantId: input.tenantId, submissionId: input.submissionId, customerId: input.customerId })
          .onConflictDoNothing()
          .returning({ id: l.submissionId })
      : await tx
          .delete(l)
          .where(and(eq(l.submissionId, input.submissionId), eq(l.customerId, input.customerId)))
          .returning({ id: l.submissionId });
    const [counted] = changed.length
      ? await tx
          .update(s)
          .set({ likes: sql`${s.likes} + ${input.liked ? 1 : -1}` })
          .where(eq(s.id, input.submissionId))
          .returning({ likes: s.likes })
      : await tx.select({ likes: s.likes }).from(s).where(eq(s.id, input.submissionId));
    return { liked: input.liked, likes: counted?.likes ?? 0 };
  });
}
