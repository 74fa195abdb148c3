import { condition, copyTexts } from '@flywheel/contracts/experiments';
import { z } from 'zod';

const key = z.string().min(1).max(120);
const coverage = z.number().min(0).max(1);
const weights = z
  .array(z.number().min(0).max(1))
  .min(2)
  .max(20)
  .refine((w) => Math.abs(w.reduce((a, b) => a + b, 0) - 1) < 0.001, 'must add up to 1');
const metricKeys = z.array(z.string().min(1).max(120)).max(20);

export const featureKeyInput = z.object({ key }).strict();

/** An experiment's setup before it runs (or after it stopped): who is in it and what it is judged on. */
export const configureInput = z
  .object({
    key,
    coverage: coverage.optional(),
    weights: weights.optional(),
    /** A GrowthBook condition, as the console's targeting builder writes it; null = everyone. */
    targeting: condition.nullable().optional(),
    goalMetrics: metricKeys.min(1).optional(),
    guardrailMetrics: metricKeys.optional(),
  })
  .strict();

/**
 * Launching takes the setup the marketer sees (saved or not), so what goes live is what the
 * launch checklist showed; fields left out keep their saved values.
 */
export const launchInput = configureInput;

/** Stopping is a decision: what ships (null = nothing, the default again), the outcome and why, in one step. */
export const stopInput = z
  .object({
    key,
    shipVariationId: z.string().min(1).max(40).nullable(),
    outcome: z.enum(['won', 'lost', 'inconclusive']),
    writeUp: z.string().trim().max(2000).default(''),
  })
  .strict();

/** Who a targeting condition reaches among the tenant's known customers (for the launch checklist). */
export const reachInput = z.object({ targeting: condition.nullable() }).strict();

const variationId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be lowercase letters, digits, - or _ (at most 40)');
/** Copy is shown as text, never markup; control characters would only hide what it says. */
/** One more variation of a string feature: its id and its text in every language widgets speak. */
export const copyVariationInput = z
  .object({
    key,
    variationId,
    texts: copyTexts,
  })
  .strict();

/**
 * A new experiment on a feature experiments/ defines: the variations it tests (control first), why,
 * what it is judged on, who is in it and how they split. It replaces the feature's experiment for
 * this tenant, with its own tracking key so results never mix.
 */
export const createExperimentInput = z
  .object({
    key,
    experimentKey: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'must be lowercase letters, digits, ., - or _ (at most 80)'),
    hypothesis: z.string().trim().min(10).max(2000),
    variations: z.array(variationId).min(2).max(20),
    weights: weights.optional(),
    coverage: coverage.default(1),
    targeting: condition.nullable().default(null),
    goalMetrics: metricKeys.min(1),
    guardrailMetrics: metricKeys.default([]),
    namespace: z.object({ name: variationId, range: z.tuple([coverage, coverage]) }).optional(),
  })
  .strict();

/**
 * Widening (or narrowing) a running experiment. Coverage changes keep everyone already in it where
 * they are (sticky buckets); a weight change starts a new phase, re-randomising, as GrowthBook does,
 * because reweighting the customers already in it would bias the results.
 */
export const rampInput = z
  .object({ key, coverage: coverage.optional(), weights: weights.optional() })
  .strict()
  .refine((input) => input.coverage !== undefined || input.weights !== undefined, 'coverage or weights: give at least one');

/**
 * Serves one variation to everyone the targeting matches (a winner, a kill switch thrown, a build
 * released); null goes back to the definition's default or the experiment.
 */
export const rolloutInput = z
  .object({ key, variationId: z.string().min(1).max(40).nullable(), targeting: condition.nullable().optional() })
  .strict();

export type ConfigureInput = z.infer<typeof configureInput>;
