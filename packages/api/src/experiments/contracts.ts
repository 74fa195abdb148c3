import { condition } from '@flywheel/contracts/experiments';
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

/** Widening (or narrowing) a running experiment. Sticky buckets keep everyone already in it where they are. */
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
