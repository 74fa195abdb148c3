import type { SanitizedHtml } from '@flywheel/contracts/ugc';
import { type Db, schema, type Tx } from '@flywheel/db';
import { and, eq, inArray } from 'drizzle-orm';
import { customersByIds } from '../customers/index.ts';
import { renderBody } from './render.ts';

export type SubmissionRow = Omit<typeof schema.ugcSubmissions.$inferSelect, 'search'>;
type ImageRow = typeof schema.ugcImages.$inferSelect;

/** Who sees a submission: anyone (approved images only), its author, or a moderator (every image, to review). */
export type Audience = 'public' | 'author' | 'moderator';

/** Where the BFF serves an image: absolute, because widgets render inside the tenant's pages. */
export const imageUrl = (origin: string, id: string) => `${origin}/media/${id}`;

const visibleTo = (audience: Audience, image: ImageRow) =>
  audience === 'moderator' || (audience === 'author' ? image.status !== 'rejected' : image.status === 'approved');

/** What the pages around some submissions need of them: their images and their authors' names, in two queries. */
export async function lookups(db: Db | Tx, tenantId: string, rows: SubmissionRow[]) {
  const imageIds = [...new Set(rows.flatMap((row) => row.imageIds))];
  const images = new Map(
    (imageIds.length
      ? await db
          .select()
          .from(schema.ugcImages)
          .where(and(eq(schema.ugcImages.tenantId, tenantId), inArray(schema.ugcImages.id, imageIds)))
      : []
    ).map((image) => [image.id, image]),
  );
  const authors = new Map((await customersByIds(db, tenantId, [...new Set(rows.map((row) => row.authorId))])).map((c) => [c.id, c]));
  return { images, authors };
}
export type Lookups = Awaited<ReturnType<typeof lookups>>;

function imagesOf(row: SubmissionRow, found: Lookups, audience: Audience, origin: string) {
  return row.imageIds.flatMap((id) => {
    const image = found.images.get(id);
    if (!image || !visibleTo(audience, image)) return [];
    return [{ id, url: imageUrl(origin, id), name: image.originalName, width: image.width, height: image.height, status: image.status }];
  });
}

/** Only a first name in public: the showcase credits its authors without publishing who they are in full. */
const byline = (name: string | null | undefined) => name?.trim().split(/\s+/)[0] || null;

/** A gallery card: what a visitor sees before opening a submission. */
export function cardOf(row: SubmissionRow, found: Lookups, origin: string, liked: ReadonlySet<string> = new Set()) {
  const [cover] = imagesOf(row, found, 'public', origin);
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    summary: row.summary,
    tags: row.tags,
    cover: cover ? { url: cover.url, width: cover.width, height: cover.height } : null,
    author: byline(found.authors.get(row.authorId)?.name),
    likes: row.likes,
    liked: liked.has(row.id),
    featured: row.featuredAt !== null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}
export type Card = ReturnType<typeof cardOf>;

/** The body as sanitized HTML, with the images this audience may see. */
export function htmlOf(row: SubmissionRow, found: Lookups, audience: Audience, origin: string): SanitizedHtml {
  const images = imagesOf(row, found, audience, origin);
  return renderBody(row.body, new Map(images.map((image) => [image.id, { url: image.url, alt: image.name }])));
}

/** A submission opened: its card, its body, its images and its licence. */
export function itemOf(row: SubmissionRow, found: Lookups, audience: Audience, origin: string, liked?: ReadonlySet<string>) {
  return {
    ...cardOf(row, found, origin, liked),
    html: htmlOf(row, found, audience, origin),
    images: imagesOf(row, found, audience, origin),
    licence: row.licence,
  };
}

/** The author's own view: everything they wrote, where it stands, and why it was sent back. */
export function draftOf(row: SubmissionRow, found: Lookups, origin: string) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    summary: row.summary,
    body: row.body,
    tags: row.tags,
    images: imagesOf(row, found, 'author', origin),
    consent: { publish: row.consentPublish, licence: row.licence },
    status: row.status,
    reason: row.reason,
    reasonNote: row.reasonNote,
    likes: row.likes,
    updatedAt: row.updatedAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
  };
}
