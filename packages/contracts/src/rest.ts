import { z } from 'zod';
import { BADGE_TIERS } from './achievements.ts';
import { eventBatch } from './events.ts';
import { HEALTH_BANDS, NPS_GROUPS, RFM_TIERS, VALUE_BANDS } from './flag-attributes.ts';
import { safeString, traits } from './json.ts';
import { GRANT_STATUSES, PointsHistoryEntry, RewardSpec } from './rewards.ts';
import { SUBMISSION_STATUSES } from './ugc-constants.ts';

// The public REST API for tenants' servers (`/api/v1`, secret key only). These schemas are the
// one definition: the BFF validates with them and generates the OpenAPI document from them, and
// `@flywheel/client`'s types are generated from that document. `.meta({ id })` names a component.

/** The one error shape: a machine-readable code, a message naming the field, and each field's issue. */
export const RestError = z
  .object({
    error: z.string().meta({ example: 'invalid_request' }),
    message: z.string().meta({ example: 'amount: Too small: expected number to be >=-1000000' }),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' });

export const CustomerId = safeString()
  .min(1)
  .max(128)
  .meta({ description: "The customer's id in your product: the `sub` of their customer tokens.", example: 'user_42' });
export const customerParams = z.object({ customerId: CustomerId });

export const RestCustomer = z
  .object({
    id: z.string(),
    email: z.string().nullable(),
    name: z.string().nullable(),
    traits: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    segments: z
      .object({
        tier: z.enum(RFM_TIERS).optional(),
        valueBand: z.enum(VALUE_BANDS).optional(),
        healthBand: z.enum(HEALTH_BANDS).optional(),
        npsGroup: z.enum(NPS_GROUPS).optional(),
      })
      .meta({
        description:
          'What Flywheel computed about the customer, nightly and as they answer NPS: their RFM tier, predicted-value band, health band and NPS group. The same values GrowthBook targets on.',
      }),
  })
  .meta({ id: 'Customer' });

export const CustomerUpsert = z
  .object({
    email: z.email().max(320).nullish(),
    name: safeString().min(1).max(200).nullish(),
    traits: traits.optional().meta({ description: 'Merged over the stored traits; your server may set any of them.' }),
  })
  .strict()
  .meta({ id: 'CustomerUpsert' });

export const Erasure = z
  .object({
    id: z.string(),
    erasedAt: z.iso.datetime(),
    /** Rows removed per kind of data, for the data-protection request's record. */
    removed: z.object({ events: z.number().int(), images: z.number().int() }),
  })
  .meta({ id: 'Erasure' });

export const EventBatch = eventBatch.meta({ id: 'EventBatch' });
export const IngestResult = z.object({ accepted: z.number().int(), duplicates: z.number().int() }).meta({ id: 'IngestResult' });

export const PointsBalance = z
  .object({ pending: z.number().int(), available: z.number().int(), held: z.number().int() })
  .meta({ id: 'PointsBalance' });

export const PointsAdjustment = z
  .object({
    amount: z
      .number()
      .int()
      .min(-1_000_000)
      .max(1_000_000)
      .refine((n) => n !== 0, 'must not be 0')
      .meta({ description: 'Points to credit (positive) or debit (negative) from available points.' }),
    reason: safeString().min(1).max(200).meta({ description: 'Shown to the customer in their points history.' }),
  })
  .strict()
  .meta({ id: 'PointsAdjustment' });

export const pageQuery = z.object({
  cursor: z.string().min(1).max(200).optional().meta({ description: 'The `nextCursor` of the page before; none for the first page.' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const page = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });

export const PointsHistoryPage = page(PointsHistoryEntry.meta({ id: 'PointsHistoryEntry' }), 'PointsHistoryPage');

export const RestReward = z
  .object({
    id: z.uuid(),
    source: z.string().meta({ description: 'The domain that granted it: referral, achievements, success-plan, ugc.' }),
    spec: RewardSpec,
    status: z.enum(GRANT_STATUSES),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Reward' });
export const RewardList = z.object({ items: z.array(RestReward) }).meta({ id: 'RewardList' });

export const RestReferral = z
  .object({
    id: z.uuid(),
    friendId: z.string().meta({ description: "The friend's id in your product." }),
    status: z.enum(['signed_up', 'qualified', 'pending', 'approved', 'paid', 'held', 'rejected', 'reversed']),
    channel: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Referral' });
export const ReferralList = z.object({ items: z.array(RestReferral) }).meta({ id: 'ReferralList' });

export const RestBadgeAward = z
  .object({
    id: z.uuid(),
    badge: z.string().meta({ description: "The badge's slug." }),
    tier: z.enum(BADGE_TIERS),
    awardedAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    byApi: z.boolean().meta({ description: 'Awarded through this API rather than earned by a rule.' }),
  })
  .meta({ id: 'BadgeAward' });
export const BadgeAwardList = z.object({ items: z.array(RestBadgeAward) }).meta({ id: 'BadgeAwardList' });
export const BadgeAwardInput = z
  .object({
    badge: z.string().min(1).max(64).meta({ description: "The badge's slug, as in the console." }),
    tier: z.enum(BADGE_TIERS).optional().meta({ description: "Defaults to the badge's first tier." }),
  })
  .strict()
  .meta({ id: 'BadgeAwardInput' });
export const awardParams = customerParams.extend({ awardId: z.uuid() });

const isoDate = z.iso.date();
export const RestSuccessPlan = z
  .object({
    template: z.string().meta({ description: "The template's slug." }),
    startedOn: isoDate.meta({ description: "Day 0, in the customer's time zone." }),
    day: z.number().int(),
    days: z.number().int(),
    health: z.enum(['healthy', 'at_risk', 'critical']).nullable(),
    milestones: z.array(
      z.object({
        key: z.string(),
        state: z.enum(['open', 'overdue', 'done']),
        progress: z.number(),
        target: z.number(),
        dueOn: isoDate,
        completedAt: z.iso.datetime().nullable(),
      }),
    ),
    tasks: z.array(
      z.object({
        key: z.string(),
        done: z.boolean(),
        doneBy: z.enum(['event', 'customer']).nullable(),
        completedAt: z.iso.datetime().nullable(),
      }),
    ),
    summary: z.object({
      milestonesDone: z.number().int(),
      milestones: z.number().int(),
      tasksDone: z.number().int(),
      tasks: z.number().int(),
      overdue: z.number().int(),
    }),
  })
  .meta({ id: 'SuccessPlan' });

export const submissionsQuery = pageQuery.extend({ status: z.enum(SUBMISSION_STATUSES).optional() });
export const RestSubmission = z
  .object({
    id: z.uuid(),
    authorId: z.string(),
    kind: z.string(),
    title: z.string(),
    status: z.enum(SUBMISSION_STATUSES),
    likes: z.number().int(),
    publishedAt: z.iso.datetime().nullable(),
    url: z.url().nullable().meta({ description: 'Its public page, once published.' }),
  })
  .meta({ id: 'Submission' });
export const SubmissionPage = page(RestSubmission, 'SubmissionPage');

/** Every POST takes one: a retry with the same key returns the first response instead of writing twice. */
export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 visible ASCII characters')
    .optional()
    .meta({ description: 'A key you choose per operation (a UUID, say); a retry with it returns the first response. Kept for 24 hours.' }),
});
