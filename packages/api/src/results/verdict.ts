import type { MetricDefinition } from '@flywheel/contracts/experiments';
import type { BayesianResult, FrequentistResult, Stats } from '@flywheel/stats';

/** How a treatment compares with control on one metric, in the metric's own direction. */
export type Verdict = 'better' | 'worse' | 'no-change' | 'inconclusive' | 'not-enough-data';

/** Significance for the frequentist engine, and the chance to win that counts as decided for the Bayesian one. */
export const ALPHA = 0.05;
export const DECIDED_CHANCE = 0.95;

/**
 * The relative lifts a metric can have: nothing drops below −100 %, and a rate cannot rise past
 * 100 % (a lift of 1/p − 1 over a control rate p). An interval from a normal approximation that
 * reaches further says nothing the metric could do, so it is cut there.
 */
export function clipInterval(ci: [number, number], metric: Pick<MetricDefinition, 'type'>, control: Stats): [number, number] {
  const controlRate = control.n > 0 ? control.sum / control.n : 0;
  const upper = metric.type === 'binomial' && controlRate > 0 ? 1 / controlRate - 1 : Number.POSITIVE_INFINITY;
  return [Math.max(-1, ci[0]), Math.min(upper, ci[1])];
}

/**
 * The verdict a person reads: both sides at zero is "no change" (nothing happened in either),
 * too little to compute is "not enough data", and a decided result is better or worse according
 * to whether the metric should go up or down.
 */
export function verdictOf(
  metric: Pick<MetricDefinition, 'goal'>,
  control: Stats,
  treatment: Stats,
  result: FrequentistResult | BayesianResult,
): Verdict {
  if (control.n > 0 && treatment.n > 0 && control.sum === 0 && treatment.sum === 0) return 'no-change';
  if (result.errorMessage) return 'not-enough-data';
  const decided =
    'pValue' in result ? result.pValue < ALPHA : result.chanceToWin > DECIDED_CHANCE || result.chanceToWin < 1 - DECIDED_CHANCE;
  if (!decided) return 'inconclusive';
  const up = result.expected > 0;
  return up === (metric.goal === 'increase') ? 'better' : 'worse';
}
