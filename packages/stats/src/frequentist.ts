import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { type Difference, effectMoments } from './effect.ts';
import type { Stats } from './statistics.ts';

export type FrequentistResult = { expected: number; ci: [number, number]; pValue: number; errorMessage?: string };

export type FrequentistOptions = {
  difference?: Difference;
  /** Significance level; the interval is (1 − alpha). Default 0.05. */
  alpha?: number;
  /** Set to use the sequential test (always-valid intervals); GrowthBook's default N* is 5000. */
  sequentialTuning?: number;
};

/**
 * A two-sided Welch t-test on the lift, as gbstats' TwoSidedTTest; with `sequentialTuning`, the
 * sequential version (SequentialTwoSidedTTest, Waudby-Smith et al.), whose intervals stay valid
 * however often results are looked at (gbstats' TwoSidedTTest).
 */
export function frequentistTest(control: Stats, treatment: Stats, opts: FrequentistOptions = {}): FrequentistResult {
  const alpha = opts.alpha ?? 0.05;
  const effect = effectMoments(control, treatment, opts.difference ?? 'relative');
  if ('error' in effect) return { expected: 0, ci: [0, 0], pValue: 1, errorMessage: effect.error };
  const { delta, variance: effectVariance } = effect;
  const se = Math.sqrt(effectVariance);

  if (opts.sequentialTuning !== undefined) {
    const n = effect.nA + effect.nB;
    const logTerm = -2 * Math.log(alpha);
    const rho = Math.sqrt((logTerm + Math.log(logTerm + 1)) / opts.sequentialTuning);
    const s2 = effectVariance * n;
    const nRho = n * rho * rho + 1;
    const halfWidth = Math.sqrt(s2) * Math.sqrt(((2 * nRho) / (n * n * rho * rho)) * Math.log(Math.sqrt(nRho) / alpha));
    const st2 = (delta * delta * n) / effectVariance;
    const evidence = Math.exp((rho * rho * st2) / (2 * nRho)) / Math.sqrt(nRho);
    return { expected: delta, ci: [delta - halfWidth, delta + halfWidth], pValue: Math.min(1, 1 / evidence) };
  }

  const a = effect.varA / effect.nA;
  const b = effect.varB / effect.nB;
  const dof = (a + b) ** 2 / (b ** 2 / (effect.nB - 1) + a ** 2 / (effect.nA - 1));
  const t = delta / se;
  const width = tQuantile(1 - alpha / 2, dof) * se;
  return { expected: delta, ci: [delta - width, delta + width], pValue: 2 * (1 - tCdf(Math.abs(t), dof)) };
}
