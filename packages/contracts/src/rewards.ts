import { z } from 'zod';

/**
 * A reward as a program defines it and as it is granted: the one vocabulary of every domain that
 * pays something (referral, achievements, UGC, the points bank). Coupon `code` is set when a code
 * is drawn from the pool for one grant.
 */
export const RewardSpec = z.discriminatedUnion('type', [
  z.object({ type: z.literal('points'), amount: z.number().int().positive().max(1_000_000) }),
  z.object({ type: z.literal('credit'), amount: z.number().positive().max(100_000), currency: z.string().regex(/^[A-Z]{3}$/) }),
  z.object({ type: z.literal('coupon'), pool: z.array(z.string().min(1).max(64)).max(10_000), code: z.string().min(1).max(64).optional() }),
  // Delivered only to a registered webhook endpoint, which outside development is public https.
  z.object({ type: z.literal('webhook'), url: z.url({ protocol: /^https?$/ }), label: z.string().min(1).max(120) }),
]);
export type RewardSpec = z.infer<typeof RewardSpec>;

/** A program's reward as a marketer sets it: a coupon needs a pool to draw from. */
export const RewardSpecInput = RewardSpec.refine((spec) => spec.type !== 'coupon' || spec.pool.length > 0, {
  message: 'a coupon reward needs at least one code in its pool',
  path: ['pool'],
});

/** pending → approved → paid, or reversed. */
export const GRANT_STATUSES = ['pending', 'approved', 'paid', 'reversed'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/** One line of a customer's points history. */
export const PointsHistoryEntry = z.object({
  id: z.string(),
  /** Positive: points in; negative: points out. */
  amount: z.number().int(),
  kind: z.enum(['earned', 'approved', 'reversed', 'spent', 'released', 'adjusted', 'expired']),
  /** Into which of the customer's buckets (or out of it). */
  bucket: z.enum(['pending', 'available']),
  reason: z.string().nullable(),
  source: z.string(),
  at: z.string(),
});
export type PointsHistoryEntry = z.infer<typeof PointsHistoryEntry>;
