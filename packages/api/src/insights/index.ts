// Insights: each customer's features, RFM tier and predicted value (a random forest per tenant),
// kept current by a nightly job and written into their segments for targeting. Other domains use
// only what this file exports.

// The model's parts, for the benchmark that compares it with scikit-learn on one split.
export { rocAuc } from './evaluation.ts';
export { predictForest, seededRandom, shuffled, trainForest } from './forest.ts';
export { MODEL_FEATURES } from './model.ts';
export { insightsJobs, insightsReactions } from './reactions.ts';
export { featureTable, featureTableCsv, refreshInsights } from './refresh.ts';
export { lastModelRun } from './runs.ts';
export { SAMPLE_FEATURE_EVENTS, sampleTenant } from './sample.ts';
