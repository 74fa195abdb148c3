import { z } from 'zod';
import { eventCatalogue } from './event-catalogue.ts';
import { condition } from './experiments.ts';

const propertyName = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a property name (lowercase letters, digits, _)');

/**
 * What a rule counts towards its thresholds: matching events (all time, or within a rolling
 * window of days), the sum of a numeric property, a first occurrence, or the customer's streak
 * (consecutive days or weeks with activity, in their own time zone).
 */
export const RuleGoal = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('count'), withinDays: z.number().int().min(1).max(365).optional() }),
  z.object({ kind: z.literal('sum'), property: propertyName }),
  z.object({ kind: z.literal('first') }),
  /** The customer's streak, daily or weekly as the tenant keeps it; its event must be the streak's. */
  z.object({ kind: z.literal('streak') }),
]);
export type RuleGoal = z.infer<typeof RuleGoal>;

/** An event a rule can name: a catalogued one, `$page`, or one the tenant's server sends. */
export const RuleEvent = z
  .string()
  .refine((name) => name === '$page' || Object.hasOwn(eventCatalogue, name) || /^[a-z][a-z0-9_]{0,79}$/.test(name), {
    message: 'must be a catalogued event, $page, or a snake_case event name your server sends',
  });

/**
 * The one rule language of everything that completes from product events: badges, and
 * success-plan milestones. An event, an optional GrowthBook condition on its properties, a goal.
 */
export const Rule = z
  .object({
    event: RuleEvent,
    condition: condition.optional(),
    goal: RuleGoal,
    /**
     * Who the event counts for: the customer it is about, or (for the referral steps, which are
     * about the friend) the referrer named in `referrer_id`.
     */
    creditTo: z.enum(['actor', 'referrer']).default('actor'),
    /**
     * The event that takes a counted event back (a refund reverses a referral): events are
     * matched on `matchOn`, which both carry. An award the remaining events no longer reach is revoked.
     */
    undoneBy: z.object({ event: RuleEvent, matchOn: propertyName }).optional(),
  })
  .refine((rule) => rule.creditTo === 'actor' || rule.event.startsWith('referral_'), {
    message: 'only the referral steps can credit the referrer',
    path: ['creditTo'],
  });
export type Rule = z.infer<typeof Rule>;
