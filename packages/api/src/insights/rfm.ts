import type { RfmTier } from '@flywheel/contracts/flag-attributes';
import type { CustomerFeatureRow } from '../analytics/index.ts';

/** Customers younger than this are "new" whatever their scores: too little history to rank. */
export const NEW_CUSTOMER_DAYS = 30;

/**
 * Scores 1–5 by quintile within the tenant, equal values sharing the middle of their ranks (so a
 * crowd at zero scores low together, and a crowd of "seen today" high together).
 * `higherIsBetter: false` for recency, where fewer days since the last visit is better.
 */
export function quintileScores(values: number[], higherIsBetter = true): number[] {
  const sorted = [...values].sort((a, b) => (higherIsBetter ? a - b : b - a));
  const ranks = new Map<number, { first: number; last: number }>();
  sorted.forEach((value, rank) => {
    const seen = ranks.get(value);
    ranks.set(value, { first: seen?.first ?? rank, last: rank });
  });
  return values.map((value) => {
    const { first, last } = ranks.get(value) ?? { first: 0, last: 0 };
    return 1 + Math.floor((5 * ((first + last) / 2)) / Math.max(1, values.length));
  });
}

/** The named tier of an R, F and M score (and the customer's age), as RFM practice reads them. */
export function tierOf(scores: { r: number; f: number; m: number }, accountAgeDays: number): RfmTier {
  const { r, f, m } = scores;
  if (accountAgeDays < NEW_CUSTOMER_DAYS) return 'new';
  if (r >= 4 && f >= 4 && m >= 4) return 'champions';
  if (r >= 3 && f >= 4) return 'loyal';
  if (r <= 2 && (f >= 3 || m >= 3)) return 'at_risk';
  if (r <= 2) return 'hibernating';
  return 'potential';
}

/**
 * Every customer's R, F and M scores. No visit in the windows, no active day and no revenue
 * score 1 however many customers share them: nothing is the lowest, not the middle.
 */
export function rfmScores(features: CustomerFeatureRow[], recencyCap: number) {
  const lowestWhen = (scores: number[], none: (row: CustomerFeatureRow) => boolean) =>
    scores.map((score, i) => (none(features[i] as CustomerFeatureRow) ? 1 : score));
  return {
    r: lowestWhen(
      quintileScores(
        features.map((row) => row.recency_days ?? recencyCap),
        false,
      ),
      (row) => row.recency_days === null,
    ),
    f: lowestWhen(quintileScores(features.map((row) => row.frequency)), (row) => row.frequency === 0),
    m: lowestWhen(quintileScores(features.map((row) => row.monetary)), (row) => row.monetary === 0),
  };
}
