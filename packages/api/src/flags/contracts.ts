import { condition } from '@flywheel/contracts/experiments';
import { z } from 'zod';

export const featureKeyInput = z.object({ key: z.string().min(1).max(120) });

/** A marketer's change to one feature's runtime state; only the fields given change. */
export const featureStateChange = z
  .object({
    key: z.string().min(1).max(120),
    status: z.enum(['draft', 'running', 'stopped']).optional(),
    coverage: z.number().min(0).max(1).nullable().optional(),
    weights: z
      .array(z.number().min(0).max(1))
      .refine((w) => Math.abs(w.reduce((a, b) => a + b, 0) - 1) < 0.001, 'must add up to 1')
      .nullable()
      .optional(),
    targeting: condition.nullable().optional(),
    releasedVariationId: z.string().min(1).max(40).nullable().optional(),
    /** Start a new phase: re-randomise and start new sticky buckets. */
    relaunch: z.boolean().optional(),
  })
  .strict();
export type FeatureStateChange = Omit<z.infer<typeof featureStateChange>, 'key'>;
