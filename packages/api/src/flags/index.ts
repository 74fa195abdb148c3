// Flags: the compiled GrowthBook payload per tenant, and evaluating it on the server.
export { PayloadStore, runtimeStateOf } from './payload-store.ts';
export { createFlagsRuntime, evaluatorFor, exposureEvent, type FlagsRuntime, type PayloadSource, scopedEvaluator } from './runtime.ts';
