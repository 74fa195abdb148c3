export { type FlagAttributes, flagAttributes } from '@flywheel/contracts/flag-attributes';
export { compile, contentHash, DEFAULT_STATE, effectiveExperiment, type Payload, type RuntimeState, trackingKey } from './compile.ts';
export { type Definitions, defaultExperimentsDir, loadDefinitions, type Problem } from './definitions.ts';
export { type Exposure, FlagClients } from './evaluator.ts';
export { type PushOptions, type PushSummary, pushToGrowthBook } from './push.ts';
