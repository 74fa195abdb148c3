import { mean, type Stats, variance } from './statistics.ts';

export type Difference = 'relative' | 'absolute';

export const ZERO_NEGATIVE_VARIANCE = 'ZERO_NEGATIVE_VARIANCE';
export const BASELINE_VARIATION_ZERO = 'BASELINE_VARIATION_ZERO';

export type Effect = {
  /** Point estimate of the lift: relative (B − A)/|A| or absolute B − A. */
  delta: number;
  /** Its variance, by the delta method for relative lifts. */
  variance: number;
  meanA: number;
  meanB: number;
  /** Per-unit variances and counts, for the Welch–Satterthwaite degrees of freedom. */
  varA: number;
  varB: number;
  nA: number;
  nB: number;
};

/** The effect moments both engines start from (gbstats' effect moments), or why there are none. */
export function effectMoments(control: Stats, treatment: Stats, difference: Difference): Effect | { error: string } {
  const varA = variance(control);
  const varB = variance(treatment);
  const meanA = mean(control);
  const meanB = mean(treatment);
  if (varA <= 0 || varB <= 0 || control.n <= 0 || treatment.n <= 0) return { error: ZERO_NEGATIVE_VARIANCE };
  if (meanA === 0) return { error: BASELINE_VARIATION_ZERO };
  const base = { meanA, meanB, varA, varB, nA: control.n, nB: treatment.n };
  if (difference === 'absolute') {
    return { ...base, delta: meanB - meanA, variance: varA / control.n + varB / treatment.n };
  }
  return {
    ...base,
    delta: (meanB - meanA) / Math.abs(meanA),
    variance: varB / (treatment.n * meanA ** 2) + (varA * meanB ** 2) / (control.n * meanA ** 4),
  };
}
