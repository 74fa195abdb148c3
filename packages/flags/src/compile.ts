import { createHash } from 'node:crypto';
import type { FeatureDefinition } from '@flywheel/contracts/experiments';
import type { ConditionInterface, FeatureRule, FeatureDefinition as GrowthBookFeature } from '@growthbook/growthbook';

/** How a marketer ended an experiment: the outcome, the variation shipped (null = none) and why. */
export type Decision = {
  outcome: 'won' | 'lost' | 'inconclusive';
  shippedVariationId: string | null;
  writeUp: string;
  decidedAt: string;
};

/** What marketers change at run time (packages/db `feature_states`); absent = the defaults. */
export type RuntimeState = {
  status: 'draft' | 'running' | 'stopped';
  coverage: number | null;
  weights: number[] | null;
  targeting: Record<string, unknown> | null;
  releasedVariationId: string | null;
  phase: number;
  /** null = the definition's metrics. Results read them; the payload does not. */
  goalMetrics: string[] | null;
  guardrailMetrics: string[] | null;
  /** ISO time the current phase was launched; null before the first launch. */
  startedAt: string | null;
  /** How the last run ended; null while it has not (cleared by a launch). */
  decision: Decision | null;
};

/** A feature nobody has changed yet: a draft serving its definition. */
export const DEFAULT_STATE: RuntimeState = {
  status: 'draft',
  coverage: null,
  weights: null,
  targeting: null,
  releasedVariationId: null,
  phase: 0,
  goalMetrics: null,
  guardrailMetrics: null,
  startedAt: null,
  decision: null,
};

/**
 * The global holdout: a feature whose experiment keeps a slice of customers out of every other
 * experiment and rollout (its first variation, "held-out", is the control), so its own results
 * measure what Flywheel adds as a whole.
 */
export const HOLDOUT_FEATURE = 'flywheel.holdout';

export type Payload = { features: Record<string, GrowthBookFeature>; dateUpdated: string };

/** The experiment's tracking key: what exposures carry as `experiment_id`. */
export const trackingKey = (feature: FeatureDefinition) => feature.experiment?.key ?? feature.key;

/**
 * An experiment's setup as it runs: each runtime field over the definition's. The payload, the
 * console's list and the results all read it from here, so they cannot disagree.
 */
export function effectiveExperiment(feature: FeatureDefinition, state: RuntimeState = DEFAULT_STATE) {
  const experiment = feature.experiment;
  if (!experiment) return null;
  const variations = experiment.variations
    ? experiment.variations.flatMap((id) => feature.variations.filter((v) => v.id === id))
    : feature.variations;
  return {
    key: trackingKey(feature),
    /** The variations tested, control first. */
    variations,
    weights: state.weights ?? experiment.weights ?? variations.map(() => 1 / variations.length),
    coverage: state.coverage ?? experiment.coverage,
    targeting: state.targeting ?? experiment.targeting ?? null,
    goalMetrics: state.goalMetrics ?? experiment.goalMetrics,
    guardrailMetrics: state.guardrailMetrics ?? experiment.guardrailMetrics,
  };
}

function compileFeature(feature: FeatureDefinition, state: RuntimeState | undefined, holdout: boolean): GrowthBookFeature {
  // Held-out customers are served the holdout value before any other rule can reach them.
  const rules: FeatureRule[] = holdout
    ? [{ parentConditions: [{ id: HOLDOUT_FEATURE, condition: { value: true } }], force: feature.holdoutValue ?? feature.defaultValue }]
    : [];
  const released = state?.releasedVariationId ? feature.variations.find((v) => v.id === state.releasedVariationId) : undefined;
  const experiment = feature.experiment;
  const setup = effectiveExperiment(feature, state);

  if (released) {
    // A released variation (a winner rolled out, a kill switch thrown) wins over any experiment.
    rules.push({ ...(state?.targeting ? { condition: state.targeting as ConditionInterface } : {}), force: released.value });
  } else if (experiment && setup && state?.status === 'running') {
    const { key, variations } = setup;
    // Conditions are validated as GrowthBook syntax where they are written (contracts, console).
    const condition = (setup.targeting ?? undefined) as ConditionInterface | undefined;
    // A new phase re-randomises (new seed) and starts new sticky buckets (bucketVersion).
    const seed = state.phase === 0 ? key : `${key}:${state.phase}`;
    rules.push({
      key,
      variations: variations.map((v) => v.value),
      weights: setup.weights,
      coverage: setup.coverage,
      hashAttribute: experiment.hashAttribute,
      hashVersion: 2,
      seed,
      bucketVersion: state.phase,
      meta: variations.map((v) => ({ key: v.id })),
      phase: String(state.phase),
      ...(condition ? { condition } : {}),
      ...(experiment.namespace
        ? {
            filters: [
              {
                attribute: experiment.hashAttribute,
                seed: experiment.namespace.name,
                hashVersion: 2,
                ranges: [experiment.namespace.range],
              },
            ],
          }
        : {}),
    });
  }
  return { defaultValue: feature.defaultValue, rules };
}

/**
 * definitions + one tenant's runtime state → the features of a GrowthBook SDK payload
 * (GrowthBook's features payload, as `GET /api/features/{clientKey}` serves it). `dateUpdated` is added by whoever versions the result (see contentHash).
 */
export function compile(features: FeatureDefinition[], states: ReadonlyMap<string, RuntimeState>): Payload['features'] {
  const holdout = features.some((f) => f.key === HOLDOUT_FEATURE) && states.get(HOLDOUT_FEATURE)?.status === 'running';
  return Object.fromEntries(
    features.map((feature) => [feature.key, compileFeature(feature, states.get(feature.key), holdout && feature.key !== HOLDOUT_FEATURE)]),
  );
}

/** A stable hash of the compiled features: equal content, equal hash, whatever the key order. */
export function contentHash(features: Payload['features']): string {
  const stable = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(stable);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, stable((value as Record<string, unknown>)[k])]),
      );
    }
    return value;
  };
  return createHash('sha256')
    .update(JSON.stringify(stable(features)))
    .digest('hex');
}
