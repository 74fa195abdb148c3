import type { ValueBand } from '@flywheel/contracts/flag-attributes';
import type { CustomerFeatureRow } from '../analytics/index.ts';
import { calibration, permutationImportances, precisionRecall, rocAuc } from './evaluation.ts';
import { FOREST_DEFAULTS, type Forest, type ForestOptions, predictForest, seededRandom, shuffled, trainForest } from './forest.ts';

/**
 * What the model learns from: the article's three (login_freq, feature_usage, support_tickets)
 * and the rest of the customer's behaviour. Not `monetary`: high value is labelled from it.
 */
export const MODEL_FEATURES = [
  'login_freq',
  'feature_usage',
  'support_tickets',
  'recency_days',
  'frequency',
  'referrals_sent',
  'streak',
  'accepted_ugc',
] as const;

/** Below this many labelled customers a model learns noise: it is not trained, and says so. */
export const MIN_LABELLED = 200;
/** The share of labelled customers held out to evaluate on, and the split's fixed seed. */
const HOLD_OUT = 0.3;
const SPLIT_SEED = 7;
/** "Positive" for precision and recall; also where the high band starts. */
export const DECISION_THRESHOLD = 0.5;
const MEDIUM_FROM = 0.2;

export type Labelled = { features: CustomerFeatureRow; label: 0 | 1 };

/** A customer's row as the forest reads it; no visit in the window counts as the window's length. */
export function modelRow(features: CustomerFeatureRow, recencyCap: number): number[] {
  return MODEL_FEATURES.map((name) => (name === 'recency_days' ? (features.recency_days ?? recencyCap) : features[name]));
}

export type TrainedModel = {
  forest: Forest;
  evaluation: {
    rocAuc: number | null;
    heldOut: number;
    trainedOn: number;
    atThreshold: ReturnType<typeof precisionRecall>;
    calibration: ReturnType<typeof calibration>;
  };
  importances: Record<string, number>;
  thresholds: { high: number; medium: number };
};

export type TrainOutcome = { trained: TrainedModel } | { skipped: string };

/**
 * Trains on a seeded 70/30 split of the labelled customers and evaluates on the held-out 30 %:
 * ROC AUC, precision and recall at the threshold, calibration, permutation importances.
 */
export function trainValueModel(
  labelled: Labelled[],
  recencyCap: number,
  options: ForestOptions = FOREST_DEFAULTS,
  onProgress?: (done: number, total: number) => void,
): TrainOutcome {
  const positives = labelled.filter((l) => l.label === 1).length;
  if (labelled.length < MIN_LABELLED) return { skipped: `needs ${MIN_LABELLED} labelled customers; has ${labelled.length}` };
  if (positives === 0 || positives === labelled.length) return { skipped: 'every labelled customer has the same label' };
  const order = shuffled(
    labelled.map((_, i) => i),
    seededRandom(SPLIT_SEED),
  );
  const cut = Math.round(order.length * (1 - HOLD_OUT));
  const pick = (indexes: number[]) => ({
    rows: indexes.map((i) => modelRow((labelled[i] as Labelled).features, recencyCap)),
    labels: indexes.map((i) => (labelled[i] as Labelled).label),
  });
  const train = pick(order.slice(0, cut));
  const test = pick(order.slice(cut));
  const forest = trainForest([...MODEL_FEATURES], train.rows, train.labels, options, onProgress);
  const scores = predictForest(forest, test.rows);
  return {
    trained: {
      forest,
      evaluation: {
        rocAuc: rocAuc(scores, test.labels),
        heldOut: test.rows.length,
        trainedOn: train.rows.length,
        atThreshold: precisionRecall(scores, test.labels, DECISION_THRESHOLD),
        calibration: calibration(scores, test.labels),
      },
      importances: permutationImportances(forest, test.rows, test.labels, options.seed),
      thresholds: { high: DECISION_THRESHOLD, medium: MEDIUM_FROM },
    },
  };
}

export const bandOfProbability = (p: number, thresholds: { high: number; medium: number }): ValueBand =>
  p >= thresholds.high ? 'high' : p >= thresholds.medium ? 'medium' : 'low';

/** The label rule "in the top `share` by monetary": at or above the (1 − share) quantile, and spending at all. */
export function topMonetaryLabels(rows: CustomerFeatureRow[], share: number): (0 | 1)[] {
  const sorted = rows.map((r) => r.monetary).sort((a, b) => b - a);
  const cutoff = sorted[Math.max(0, Math.ceil(sorted.length * share) - 1)] ?? 0;
  return rows.map((r) => (r.monetary > 0 && r.monetary >= cutoff ? 1 : 0));
}
