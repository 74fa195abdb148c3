// Insights: each customer's features, RFM tier and predicted value (a random forest per tenant),
// kept current by a nightly job and written into their segments for targeting. Other domains use
// only what this file exports.

export { insightsJobs, insightsReactions } from './reactions.ts';
export { featureTableCsv, refreshInsights } from './refresh.ts';
export { lastModelRun } from './runs.ts';
export { SAMPLE_FEATURE_EVENTS, sampleTenant } from './sample.ts';
