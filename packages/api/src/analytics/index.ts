// Analytics: the read side over events (exposures, activity, counts, experiment aggregation).
// Outside events/ and platform/, this is the only code that reads the events table.
export { activeUnitsByWeek } from './activity.ts';
export { countEvents } from './counts.ts';
export { customerActivity } from './customer-activity.ts';
export { type CustomerFeatureRow, customerFeatures, type FeatureInputs, firstTimesOf } from './customer-features.ts';
export {
  aggregateExperiment,
  aggregateExperimentSlices,
  type ExperimentSlice,
  type ExperimentTotals,
  IMPLAUSIBLE_EVENTS_PER_UNIT,
  type MetricTotals,
  type VariationTotals,
} from './experiment-aggregate.ts';
export { exposedUnits, exposedUsers } from './exposures.ts';
export { eventsByKey } from './recent.ts';
export { revenueFrom } from './revenue.ts';
export { mondayUtc, recentWeeks, WEEK_MS } from './weeks.ts';
