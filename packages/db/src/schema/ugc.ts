import type { AutoFlag, Licence, RejectionReason, SubmissionKind, SubmissionStatus } from '@flywheel/contracts/ugc';
import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, customerRef, tenantId } from './columns.ts';
import { consoleUsers } from './console.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** An image a customer uploaded, re-encoded (no EXIF, no GPS) and stored; moderated apart from the text. */
export const ugcImages = pgTable(
  'ugc_images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    uploaderId: customerRef('uploader_id'),
    /** Where the storage (disk or bucket) keeps the bytes. */
    storageKey: text('storage_key').notNull(),
    contentType: text('content_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    /** The file's name as the customer's device sent it: shown as text only, never as markup. */
    originalName: text('original_name').notNull(),
    status: text('status').$type<'pending' | 'approved' | 'rejected'>().notNull().default('pending'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('ugc_images_uploader').on(t.tenantId, t.uploaderId)],
);

/** A case study, tutorial or work: the Markdown as written, where it stands, and what it earned. */
export const ugcSubmissions = pgTable(
  'ugc_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    authorId: customerRef('author_id'),
    kind: text('kind').$type<SubmissionKind>().notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    body: text('body').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'`),
    /** In the author's order; the first is the cover. */
    imageIds: uuid('image_ids').array().notNull().default(sql`'{}'`),
    consentPublish: boolean('consent_publish').notNull(),
    licence: text('licence').$type<Licence>().notNull(),
    /** When the author last gave their consent to publish (null while a draft without it). */
    consentAt: timestamp('consent_at', { withTimezone: true }),
    status: text('status').$type<SubmissionStatus>().notNull(),
    /** The last rejection or takedown: a code the author reads in their language, and the moderator's note. */
    reason: text('reason').$type<RejectionReason>(),
    reasonNote: text('reason_note'),
    /** What the queue flagged when it was last submitted. */
    flags: text('flags').array().$type<AutoFlag[]>().notNull().default(sql`'{}'`),
    likes: integer('likes').notNull().default(0),
    featuredAt: timestamp('featured_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** English full text (stemmed) over title, summary and body. */
    search: tsvector('search').notNull().generatedAlwaysAs(sql`to_tsvector('english'::regconfig, title || ' ' || summary || ' ' || body)`),
    /**
     * Chinese characters and their pairs, and lowercased words: Postgres' parser does not segment
     * Chinese, so a two-character word is found as a pair; also what near-duplicates are compared on.
     */
    grams: text('grams').array().notNull().default(sql`'{}'`),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ugc_submissions_gallery').on(t.tenantId, t.status, t.publishedAt),
    index('ugc_submissions_author').on(t.tenantId, t.authorId, t.updatedAt),
    index('ugc_submissions_search').using('gin', t.search),
    index('ugc_submissions_grams').using('gin', t.grams),
  ],
);

/** One like per customer per submission: the primary key is what makes a repeated like count once. */
export const ugcLikes = pgTable(
  'ugc_likes',
  {
    tenantId: tenantId(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => ugcSubmissions.id, { onDelete: 'cascade' }),
    customerId: customerRef('customer_id'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.customerId] })],
);

/** Every moderation decision, append-only: who approved, rejected, featured or took down what, and why. */
export const ugcDecisions = pgTable(
  'ugc_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: tenantId(),
    submissionId: uuid('submission_id').references(() => ugcSubmissions.id, { onDelete: 'cascade' }),
    imageId: uuid('image_id').references(() => ugcImages.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => consoleUsers.id, { onDelete: 'set null' }),
    action: text('action')
      .$type<'approve' | 'reject' | 'takedown' | 'feature' | 'unfeature' | 'approve_image' | 'reject_image'>()
      .notNull(),
    reason: text('reason'),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('ugc_decisions_submission').on(t.submissionId, t.createdAt)],
);

/** The tenant's showcase settings: what a published submission earns its author. */
export const ugcSettings = pgTable('ugc_settings', {
  tenantId: tenantId().primaryKey(),
  publishedPoints: integer('published_points').notNull().default(50),
});
