export { type FlagAttributes, flagAttributes } from '@flywheel/contracts/flag-attributes';
export { type Authored, tenantDefinitions, withAuthored } from './authored.ts';
export {
  compile,
  contentHash,
  DEFAULT_STATE,
  type Decision,
  effectiveExperiment,
  HOLDOUT_FEATURE,
  type Payload,
  type RuntimeState,
  trackingKey,
} from './compile.ts';
export { type Definitions, defaultExperimentsDir, loadDefinitions, namespaceOverlaps, type Problem } from './definitions.ts';
export { type Exposure, FlagClients } from './evaluator.ts';
export { pullAuthored } from './pull.ts';
export { type PushOptions, type PushSummary, pushToGrowthBook } from './push.ts';
