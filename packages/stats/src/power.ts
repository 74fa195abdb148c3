import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { mean, type Stats, variance } from './statistics.ts';

export type PowerOptions = {
  /** Significance level of the two-sided test. Default 0.05. */
  alpha?: number;
  /** Chance of detecting a true effect of that size. Default 0.8. */
  power?: number;
};

/** z(1 − α/2) + z(power): how many standard errors apart the two means must be. */
function zSum({ alpha = 0.05, power = 0.8 }: PowerOptions) {
  return normalQuantile(1 - alpha / 2, 0, 1) + normalQuantile(power, 0, 1);
}

/**
 * The smallest relative lift a two-sided test at `alpha` detects with `power`, with `units` in each
 * of two variations, for a metric whose control looks like `control` (its mean and variance per
 * unit): (z₁₋α/₂ + z_power) · √(2σ²/n) / μ. Null while the control has no mean to be relative to.
 */
export function minimumDetectableEffect(control: Stats, units: number, opts: PowerOptions = {}): number | null {
  const mu = mean(control);
  if (control.n < 2 || mu === 0 || units <= 0) return null;
  return (zSum(opts) * Math.sqrt((2 * variance(control)) / units)) / Math.abs(mu);
}

/**
 * Units each variation needs for a two-sided test at `alpha` to detect a relative lift of
 * `relativeEffect` with `power`: n = 2σ²(z₁₋α/₂ + z_power)² / (μ · effect)². Null when the control
 * gives nothing to plan from.
 */
export function unitsPerVariationFor(control: Stats, relativeEffect: number, opts: PowerOptions = {}): number | null {
  const mu = mean(control);
  const sigma2 = variance(control);
  if (control.n < 2 || mu === 0 || sigma2 === 0 || relativeEffect === 0) return null;
  return Math.ceil((2 * sigma2 * zSum(opts) ** 2) / (mu * relativeEffect) ** 2);
}
