/// <reference path="./ml-cart.d.ts" />
import { DecisionTreeClassifier } from 'ml-cart';

/**
 * A random forest for a binary label, built from ml-cart's CART trees (mljs). Each tree learns
 * from its own bootstrap sample of at most `maxSamples` rows and sees `√features` of the columns,
 * and the forest's probability is the mean of the trees' leaf probabilities. The sample cap is
 * scikit-learn's `max_samples`: ml-cart's split search grows with the square of a node's rows, so
 * full-size bootstraps would take minutes on 50,000 customers (decision record 026).
 */
export type ForestOptions = { trees: number; maxSamples: number; maxDepth: number; minNumSamples: number; seed: number };
export const FOREST_DEFAULTS: ForestOptions = { trees: 100, maxSamples: 500, maxDepth: 12, minNumSamples: 3, seed: 42 };

export type Forest = { features: string[]; trees: { columns: number[]; tree: DecisionTreeClassifier }[] };
export type SerializedForest = { features: string[]; trees: { columns: number[]; tree: Record<string, unknown> }[] };

/** mulberry32: a small seeded generator, so a training run is reproducible. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Trains on `rows` (one number per feature) and 0/1 labels; `onTree` reports progress. */
export function trainForest(
  features: string[],
  rows: number[][],
  labels: number[],
  options: ForestOptions = FOREST_DEFAULTS,
  onTree?: (done: number, total: number) => void,
): Forest {
  const random = seededRandom(options.seed);
  const perTree = Math.max(1, Math.round(Math.sqrt(features.length)));
  const samples = Math.min(options.maxSamples, rows.length);
  const trees: Forest['trees'] = [];
  for (let t = 0; t < options.trees; t++) {
    const columns = shuffled(
      features.map((_, i) => i),
      random,
    )
      .slice(0, perTree)
      .sort((a, b) => a - b);
    const sampleRows: number[][] = [];
    const sampleLabels: number[] = [];
    for (let i = 0; i < samples; i++) {
      const pick = Math.floor(random() * rows.length);
      sampleRows.push(columns.map((c) => rows[pick]?.[c] ?? 0));
      sampleLabels.push(labels[pick] ?? 0);
    }
    const tree = new DecisionTreeClassifier({ maxDepth: options.maxDepth, minNumSamples: options.minNumSamples, gainThreshold: 0 });
    // A sample with one class has nothing to split: the tree is a leaf with that class.
    tree.train(sampleRows, sampleLabels);
    trees.push({ columns, tree });
    onTree?.(t + 1, options.trees);
  }
  return { features, trees };
}

/** The forest's probability that each row is positive. */
export function predictForest(forest: Forest, rows: number[][]): number[] {
  return rows.map((row) => {
    let sum = 0;
    for (const { columns, tree } of forest.trees) {
      const leaf = tree.root.classify(columns.map((c) => row[c] ?? 0));
      sum += leaf.columns > 1 ? leaf.get(0, 1) : 0;
    }
    return sum / forest.trees.length;
  });
}

export const serializeForest = (forest: Forest): SerializedForest => ({
  features: forest.features,
  trees: forest.trees.map(({ columns, tree }) => ({ columns, tree: tree.toJSON() })),
});

export const loadForest = (saved: SerializedForest): Forest => ({
  features: saved.features,
  trees: saved.trees.map(({ columns, tree }) => ({ columns, tree: DecisionTreeClassifier.load(tree) })),
});

/** A Fisher–Yates shuffle of a copy, driven by a seeded generator: the same seed, the same order. */
export function shuffled<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
