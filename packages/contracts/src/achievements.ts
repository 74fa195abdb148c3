import { z } from 'zod';
import { BADGE_SHAPES } from './badge-shapes.ts';
import { condition } from './experiments.ts';
import { Rule, RuleEvent } from './rules.ts';

export { BADGE_SHAPE_PATHS, BADGE_SHAPES } from './badge-shapes.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
/** A badge's words in one language. */
const BadgeTexts = z.object({ name: text(80), description: text(300), criteria: text(300) });

/** English is required; Simplified Chinese falls back to it where missing. */
export const LocalizedBadgeTexts = z.object({ en: BadgeTexts, 'zh-CN': BadgeTexts.optional() });
export type LocalizedBadgeTexts = z.infer<typeof LocalizedBadgeTexts>;

/** A built-in design in the marketer's colour, or an uploaded image (https only). */
export const BadgeDesign = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('builtin'),
    shape: z.enum(BADGE_SHAPES),
    color: z.string().regex(/^#[0-9a-f]{6}$/i, 'must be a colour like #1f6feb'),
  }),
  z.object({ kind: z.literal('upload'), url: z.url({ protocol: /^https$/ }) }),
]);
export type BadgeDesign = z.infer<typeof BadgeDesign>;

export const BADGE_TIERS = ['standard', 'bronze', 'silver', 'gold'] as const;
export type BadgeTier = (typeof BADGE_TIERS)[number];

/** A threshold of the rule's goal, and the points it awards (only for trusted events). */
export const BadgeTierSpec = z.object({
  tier: z.enum(BADGE_TIERS),
  threshold: z.number().int().min(1).max(1_000_000),
  points: z.number().int().min(0).max(100_000).default(0),
});

export const BadgeInput = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,47}$/, 'must be 2–48 lowercase letters, digits or dashes'),
  texts: LocalizedBadgeTexts,
  design: BadgeDesign,
  hidden: z.boolean().default(false),
  rule: Rule,
  tiers: z
    .array(BadgeTierSpec)
    .min(1)
    .max(3)
    .refine((tiers) => tiers.every((t, i) => i === 0 || t.threshold > (tiers[i - 1]?.threshold ?? 0)), 'thresholds must rise tier by tier')
    .refine((tiers) => new Set(tiers.map((t) => t.tier)).size === tiers.length, 'each tier once'),
});
export type BadgeInput = z.infer<typeof BadgeInput>;

/** How a catalogue item is delivered once its points are held. */
export const Fulfilment = z.discriminatedUnion('type', [
  /** One code per redemption, drawn from the pool; the pool's size is the stock. */
  z.object({ type: z.literal('coupon'), pool: z.array(z.string().trim().min(1).max(64)).min(1).max(10_000) }),
  /** Account credit or a custom reward: the tenant's endpoint is told by signed webhook and fulfils it. */
  z.object({ type: z.literal('webhook'), url: z.url({ protocol: /^https?$/ }), label: text(120) }),
  /** A streak freeze, banked at once (at most two banked). */
  z.object({ type: z.literal('freeze') }),
]);
export type Fulfilment = z.infer<typeof Fulfilment>;

const ItemTexts = z.object({ name: text(80), description: text(300) });
export const CatalogueItemInput = z.object({
  texts: z.object({ en: ItemTexts, 'zh-CN': ItemTexts.optional() }),
  price: z.number().int().min(1).max(1_000_000),
  fulfilment: Fulfilment,
  stock: z.number().int().min(0).max(1_000_000).nullable().default(null),
  perCustomerLimit: z.number().int().min(1).max(1000).nullable().default(null),
  minLevel: z.number().int().min(0).max(100).default(0),
});
export type CatalogueItemInput = z.infer<typeof CatalogueItemInput>;

export const REDEMPTION_STATES = ['pending', 'fulfilled', 'failed', 'cancelled'] as const;
export type RedemptionState = (typeof REDEMPTION_STATES)[number];

/** Points for an action: a trusted event (and condition) earns points, a capped number of times a day. */
export const PointRuleInput = z.object({
  event: RuleEvent,
  condition: condition.optional(),
  points: z.number().int().min(1).max(10_000),
  dailyCap: z.number().int().min(1).max(100),
});
export type PointRuleInput = z.infer<typeof PointRuleInput>;

/** The tenant's achievements settings: what keeps a streak, how long its periods are, where levels start. */
export const AchievementSettingsInput = z.object({
  streakEvent: RuleEvent,
  streakCadence: z.enum(['daily', 'weekly']),
  levelCurve: z
    .array(z.number().int().min(0).max(100_000_000))
    .min(2)
    .max(50)
    .refine((curve) => curve[0] === 0, 'level 1 must start at 0 points')
    .refine((curve) => curve.every((x, i) => i === 0 || x > (curve[i - 1] ?? 0)), 'each level must need more points than the one before'),
});
export type AchievementSettingsInput = z.infer<typeof AchievementSettingsInput>;
