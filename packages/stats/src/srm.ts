import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';

/** GrowthBook flags a sample-ratio mismatch below this p-value. */
export const SRM_THRESHOLD = 0.001;
/** …and only once every variation has this many units (gbstats' SRM check). */
export const SRM_MIN_UNITS_PER_VARIATION = 8;

/**
 * Pearson's chi-square goodness of fit of the units each variation got against the weights they
 * should have got (gbstats' check_srm): a small p-value means assignment is broken.
 */
export function srmPValue(users: number[], weights: number[]): number {
  const total = users.reduce((a, b) => a + b, 0);
  if (total === 0) return 1;
  const weightSum = weights.reduce((a, b) => a + b, 0);
  let chiSquare = 0;
  users.forEach((observed, i) => {
    const weight = weights[i] ?? 0;
    if (weight <= 0) return;
    const expected = (weight / weightSum) * total;
    chiSquare += (observed - expected) ** 2 / expected;
  });
  return 1 - chisquareCdf(chiSquare, users.length - 1);
}

export type SrmHealth = 'healthy' | 'unhealthy' | 'not-enough-traffic';

/** GrowthBook's SRM verdict for the results page. */
export function srmHealth(users: number[], weights: number[], threshold = SRM_THRESHOLD): SrmHealth {
  const total = users.reduce((a, b) => a + b, 0);
  if (total < users.length * SRM_MIN_UNITS_PER_VARIATION) return 'not-enough-traffic';
  return srmPValue(users, weights) < threshold ? 'unhealthy' : 'healthy';
}
