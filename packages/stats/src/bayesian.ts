import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalPdf from '@stdlib/stats-base-dists-normal-pdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { type Difference, effectMoments } from './effect.ts';
import type { Stats } from './statistics.ts';

export type BayesianResult = {
  chanceToWin: number;
  expected: number;
  ci: [number, number];
  /** Expected loss of choosing control, of choosing treatment. */
  risk: [number, number];
  errorMessage?: string;
};

export type BayesianOptions = {
  difference?: Difference;
  alpha?: number;
  /**
   * A Gaussian prior on the relative lift (GrowthBook's app: mean 0, variance 0.3²); rescaled
   * by the control mean for absolute analyses. `proper: false` (the default) is a flat prior.
   */
  prior?: { mean: number; variance: number; proper: boolean };
};

/**
 * Risk of each decision under the posterior N(mean, sd²): the expected lift lost by keeping
 * control when treatment is better, and by shipping treatment when it is worse.
 */
function risks(mean: number, sd: number): [number, number] {
  if (Math.abs(mean / sd) > 37) return [Math.max(mean, 0), Math.max(-mean, 0)];
  const pControlBetter = normalCdf(0, mean, sd);
  const density = sd * normalPdf(mean / sd, 0, 1);
  const meanIfPositive = mean + density / (1 - pControlBetter);
  const meanIfNegative = mean - density / pControlBetter;
  return [(1 - pControlBetter) * meanIfPositive, -pControlBetter * meanIfNegative];
}

/**
 * gbstats' EffectBayesianABTest: a normal likelihood for the lift, a flat or
 * Gaussian prior, and from the posterior the chance to win, a credible interval and the risks.
 */
export function bayesianTest(control: Stats, treatment: Stats, opts: BayesianOptions = {}): BayesianResult {
  const alpha = opts.alpha ?? 0.05;
  const difference = opts.difference ?? 'relative';
  const effect = effectMoments(control, treatment, difference);
  if ('error' in effect) return { chanceToWin: 0.5, expected: 0, ci: [0, 0], risk: [0, 0], errorMessage: effect.error };

  let mean = effect.delta;
  let postVariance = effect.variance;
  if (opts.prior?.proper) {
    const scale = difference === 'absolute' ? Math.abs(effect.meanA) : 1;
    const priorMean = opts.prior.mean * scale;
    const priorVariance = opts.prior.variance * scale * scale;
    const precision = 1 / effect.variance + 1 / priorVariance;
    mean = (effect.delta / effect.variance + priorMean / priorVariance) / precision;
    postVariance = 1 / precision;
  }
  const sd = Math.sqrt(postVariance);
  return {
    chanceToWin: 1 - normalCdf(0, mean, sd),
    expected: mean,
    ci: [normalQuantile(alpha / 2, mean, sd), normalQuantile(1 - alpha / 2, mean, sd)],
    risk: risks(mean, sd),
  };
}
