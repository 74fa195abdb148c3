import { createHash } from 'node:crypto';
import type { FeatureDefinition } from '@flywheel/contracts/experiments';
import type { ConditionInterface, FeatureRule, FeatureDefinition as GrowthBookFeature } from '@growthbook/growthbook';

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
};

export type Payload = { features: Record<string, GrowthBookFeature>; dateUpdated: string };

/** The experiment's tracking key: what exposures carry as `experiment_id`. */
export const trackingKey = (feature: FeatureDefinition) => feature.experiment?.key ?? feature.key;

function compileFeature(feature: FeatureDefinition, state: RuntimeState | undefined): GrowthBookFeature {
  const rules: FeatureRule[] = [];
  const released = state?.releasedVariationId ? feature.variations.find((v) => v.id === state.releasedVariationId) : undefined;
  const experiment = feature.experiment;

  if (released) {
    // A released variation (a winner rolled out, a kill switch thrown) wins over any experiment.
    rules.push({ ...(state?.targeting ? { condition: state.targeting as ConditionInterface } : {}), force: released.value });
  } else if (experiment && state?.status === 'running') {
    const key = trackingKey(feature);
    // Conditions are validated as GrowthBook syntax where they are written (contracts, console).
    const condition = (state.targeting ?? experiment.targeting) as ConditionInterface | undefined;
    // A new phase re-randomises (new seed) and starts new sticky buckets (bucketVersion).
    const seed = state.phase === 0 ? key : `${key}:${state.phase}`;
    rules.push({
      key,
      variations: feature.variations.map((v) => v.value),
      weights: state.weights ?? experiment.weights ?? feature.variations.map(() => 1 / feature.variations.length),
      coverage: state.coverage ?? experiment.coverage,
      hashAttribute: experiment.hashAttribute,
      hashVersion: 2,
      seed,
      bucketVersion: state.phase,
      meta: feature.variations.map((v) => ({ key: v.id })),
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
 * (GROWTHBOOK.md §1). `dateUpdated` is added by whoever versions the result (see contentHash).
 */
export function compile(features: FeatureDefinition[], states: ReadonlyMap<string, RuntimeState>): Payload['features'] {
  return Object.fromEntries(features.map((feature) => [feature.key, compileFeature(feature, states.get(feature.key))]));
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
