import { type Forest, predictForest, seededRandom, shuffled } from './forest.ts';

/** ROC AUC by the rank-sum (Mann–Whitney) formula, ties sharing their average rank; null without both classes. */
export function rocAuc(scores: number[], labels: number[]): number | null {
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  const ranks = new Array<number>(scores.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && scores[order[j + 1] ?? 0] === scores[order[i] ?? 0]) j++;
    for (let k = i; k <= j; k++) ranks[order[k] ?? 0] = (i + j) / 2 + 1;
    i = j + 1;
  }
  let positives = 0;
  let rankSum = 0;
  labels.forEach((label, i) => {
    if (label === 1) {
      positives++;
      rankSum += ranks[i] ?? 0;
    }
  });
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Precision and recall of "positive when the score is at least `threshold`". */
export function precisionRecall(scores: number[], labels: number[], threshold: number) {
  let truePositives = 0;
  let predicted = 0;
  let actual = 0;
  scores.forEach((score, i) => {
    const positive = labels[i] === 1;
    if (positive) actual++;
    if (score >= threshold) {
      predicted++;
      if (positive) truePositives++;
    }
  });
  return { threshold, precision: predicted > 0 ? truePositives / predicted : null, recall: actual > 0 ? truePositives / actual : null };
}

/** Predicted against observed rate in ten bins of the score: a calibrated model lies on the diagonal. */
export function calibration(scores: number[], labels: number[], bins = 10) {
  const out = Array.from({ length: bins }, (_, i) => ({ from: i / bins, to: (i + 1) / bins, customers: 0, predicted: 0, observed: 0 }));
  scores.forEach((score, i) => {
    const bin = out[Math.min(bins - 1, Math.floor(score * bins))];
    if (!bin) return;
    bin.customers++;
    bin.predicted += score;
    bin.observed += labels[i] === 1 ? 1 : 0;
  });
  return out
    .filter((b) => b.customers > 0)
    .map((b) => ({ ...b, predicted: b.predicted / b.customers, observed: b.observed / b.customers }));
}

/**
 * How much each feature matters: the drop in held-out ROC AUC when its column is shuffled
 * (permutation importance), normalised to sum to 1. Unlike impurity importances it is measured on
 * customers the forest did not learn from.
 */
export function permutationImportances(forest: Forest, rows: number[][], labels: number[], seed: number): Record<string, number> {
  const base = rocAuc(predictForest(forest, rows), labels) ?? 0.5;
  const random = seededRandom(seed);
  const drops = forest.features.map((_, column) => {
    const values = shuffled(
      rows.map((row) => row[column] ?? 0),
      random,
    );
    const shuffledRows = rows.map((row, i) => row.map((value, c) => (c === column ? (values[i] ?? 0) : value)));
    return Math.max(0, base - (rocAuc(predictForest(forest, shuffledRows), labels) ?? 0.5));
  });
  const total = drops.reduce((a, b) => a + b, 0);
  return Object.fromEntries(forest.features.map((name, i) => [name, total > 0 ? (drops[i] ?? 0) / total : 0]));
}
