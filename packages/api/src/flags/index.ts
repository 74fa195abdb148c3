// Flags: the compiled GrowthBook payload per tenant, and evaluating it on the server.
export { PayloadStore, runtimeStateOf } from './payload-store.ts';
export { createFlagsRuntime, evaluatorFor, type FlagsRuntime, type PayloadSource } from './runtime.ts';
