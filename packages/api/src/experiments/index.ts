// Experiments: the console's verbs over a feature's runtime state, and who saw which variation.
export { featureFor, requireExperiment } from './service.ts';
