export { type BayesianOptions, type BayesianResult, bayesianTest } from './bayesian.ts';
export { BASELINE_VARIATION_ZERO, type Difference, ZERO_NEGATIVE_VARIANCE } from './effect.ts';
export { type FrequentistOptions, type FrequentistResult, frequentistTest } from './frequentist.ts';
export { minimumDetectableEffect, type PowerOptions, unitsPerVariationFor } from './power.ts';
export { SRM_MIN_UNITS_PER_VARIATION, SRM_THRESHOLD, type SrmHealth, srmHealth, srmPValue } from './srm.ts';
export { mean, type Stats, variance } from './statistics.ts';
