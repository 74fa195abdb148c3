import { z } from 'zod';
import { cursorInput } from './pagination.ts';
import { GALLERY_ORDERS, LICENCES, REJECTION_REASONS, SUBMISSION_KINDS, UGC_LIMITS } from './ugc-constants.ts';

export * from './ugc-constants.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(UGC_LIMITS.tag)
  // Any printable text: a tag is shown as text everywhere, never as markup.
  .regex(/^[^\p{Cc}]+$/u, 'must not contain control characters');

/** The author's consent, recorded with its time: the tenant may publish it, under this licence. */
export const Consent = z.object({ publish: z.boolean(), licence: z.enum(LICENCES) }).strict();

/** A submission as the author writes it; `draft: true` keeps it to themselves. */
export const SubmissionInput = z
  .object({
    kind: z.enum(SUBMISSION_KINDS),
    title: text(UGC_LIMITS.title),
    summary: text(UGC_LIMITS.summary),
    body: text(UGC_LIMITS.body),
    tags: z
      .array(tag)
      .max(UGC_LIMITS.tags)
      .default([])
      .transform((tags) => [...new Set(tags)]),
    imageIds: z.array(z.uuid()).max(UGC_LIMITS.images).default([]),
    consent: Consent,
    draft: z.boolean().default(false),
  })
  .strict()
  .refine((input) => input.draft || input.consent.publish, {
    message: 'publishing needs your consent to publish',
    path: ['consent', 'publish'],
  });
export type SubmissionInput = z.input<typeof SubmissionInput>;
export type SubmissionValues = z.output<typeof SubmissionInput>;

// Not strict: tRPC's infinite queries add their own `direction` beside the cursor.
export const GalleryInput = cursorInput.extend({
  kind: z.enum(SUBMISSION_KINDS).optional(),
  tag: tag.optional(),
  q: z.string().trim().max(100).optional(),
  order: z.enum(GALLERY_ORDERS).default('trending'),
  limit: z.number().int().min(1).max(50).default(12),
});
export type GalleryInput = z.input<typeof GalleryInput>;

/** A moderator's decision on a pending submission; a rejection says why. */
export const ReviewInput = z
  .object({
    id: z.uuid(),
    decision: z.enum(['approve', 'reject']),
    reason: z.enum(REJECTION_REASONS).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((input) => input.decision === 'approve' || input.reason, { message: 'a rejection needs a reason', path: ['reason'] });
