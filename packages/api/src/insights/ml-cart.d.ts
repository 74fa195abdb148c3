// ml-cart ships no types: the part of its API the forest uses.
declare module 'ml-cart' {
  type LeafDistribution = { get(row: number, column: number): number; columns: number };
  export class DecisionTreeClassifier {
    constructor(options: { maxDepth?: number; minNumSamples?: number; gainThreshold?: number });
    train(rows: number[][], labels: number[]): void;
    /** The root node: `classify(row)` is the class distribution of the leaf the row falls in. */
    root: { classify(row: number[]): LeafDistribution };
    toJSON(): Record<string, unknown>;
    static load(model: Record<string, unknown>): DecisionTreeClassifier;
  }
}
