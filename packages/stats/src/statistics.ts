/**
 * Sufficient statistics of one variation for one metric, as the SQL aggregation returns them
 * (gbstats' per-variation inputs): `n` units, `sum` of per-unit values, and for means `sumSquares`.
 */
export type Stats = { kind: 'proportion'; n: number; sum: number } | { kind: 'mean'; n: number; sum: number; sumSquares: number };

export function mean(stats: Stats): number {
  return stats.n > 0 ? stats.sum / stats.n : 0;
}

/**
 * Per-unit variance, as gbstats computes it: p(1 − p) for proportions (population form), the
 * sample variance with n − 1 for means (0 when n ≤ 1).
 */
export function variance(stats: Stats): number {
  if (stats.kind === 'proportion') {
    const p = mean(stats);
    return p * (1 - p);
  }
  if (stats.n <= 1) return 0;
  return (stats.sumSquares - (stats.sum * stats.sum) / stats.n) / (stats.n - 1);
}
