import type { FeatureDefinition } from '@flywheel/contracts/experiments';
import { DEFAULT_STATE, effectiveExperiment, type RuntimeState, trackingKey } from '@flywheel/flags';
import { srmHealth } from '@flywheel/stats';
import type { TRPCRouterRecord } from '@trpc/server';
import { exposedUnits } from '../analytics/index.ts';
import type { ConsoleSession } from '../console/index.ts';
import type { ContextInner } from '../context.ts';
import { consoleProcedure, requires } from '../trpc.ts';
import { configureInput, featureKeyInput, rampInput, rolloutInput } from './contracts.ts';
import {
  badField,
  changeFeatureState,
  checkMetrics,
  checkVariation,
  checkWeights,
  featureFor,
  featureHistory,
  requireExperiment,
} from './service.ts';

const DAY = 24 * 60 * 60 * 1000;

const marketerChange = requires('changeExperiments');

/** Every change goes through here: the state row and its audit row, then every replica's open streams. */
async function apply(
  ctx: ContextInner & { session: ConsoleSession },
  feature: FeatureDefinition,
  change: (before: RuntimeState) => Partial<RuntimeState>,
) {
  const state = await changeFeatureState(ctx.db, ctx.session.tenantId, ctx.session.userId, feature, change);
  await ctx.deps.flags.store.publishChange(ctx.session.tenantId);
  return { key: feature.key, state };
}

export const experimentsRouter = {
  /**
   * Every feature in experiments/ with this tenant's runtime state and, for experiments, the
   * effective setup (runtime state over the definition), days running, units and SRM health.
   */
  list: consoleProcedure.query(async ({ ctx }) => {
    const { tenantId } = ctx.session;
    const { features } = ctx.deps.flags.definitions;
    const states = await ctx.deps.flags.store.runtimeStates(tenantId);
    const started = features.flatMap((f) => {
      const since = states.get(f.key)?.startedAt;
      return f.experiment && since ? [{ key: trackingKey(f), since }] : [];
    });
    const units = await exposedUnits(ctx.db, tenantId, started);
    const now = Date.now();
    return features.map((feature) => {
      const state = states.get(feature.key) ?? DEFAULT_STATE;
      const setup = effectiveExperiment(feature, state);
      const perVariation = feature.variations.map((v) => (setup ? (units.get(setup.key)?.get(v.id) ?? 0) : 0));
      return {
        key: feature.key,
        widget: feature.widget,
        description: feature.description,
        valueType: feature.valueType,
        variations: feature.variations.map((v) => ({ id: v.id, value: v.value })),
        experiment:
          feature.experiment && setup
            ? {
                ...setup,
                hypothesis: feature.experiment.hypothesis,
                hashAttribute: feature.experiment.hashAttribute,
                daysRunning: state.startedAt ? Math.floor((now - Date.parse(state.startedAt)) / DAY) : null,
                units: perVariation,
                health: srmHealth(perVariation, setup.weights),
              }
            : null,
        state,
      };
    });
  }),

  /** The metrics experiments/metrics.yaml defines, for choosing goals and guardrails. */
  metrics: consoleProcedure.query(({ ctx }) =>
    ctx.deps.flags.definitions.metrics.map((m) => ({ key: m.key, description: m.description, type: m.type, goal: m.goal })),
  ),

  /** Who changed what, oldest first. */
  history: consoleProcedure.input(featureKeyInput).query(({ ctx, input }) => featureHistory(ctx.db, ctx.session.tenantId, input.key)),

  /** Sets up an experiment that is not running: coverage, weights, targeting, goal and guardrail metrics. */
  configure: marketerChange.input(configureInput).mutation(async ({ ctx, input }) => {
    const { key, ...fields } = input;
    const feature = featureFor(ctx.deps.flags.definitions, key);
    requireExperiment(feature);
    checkWeights(feature, fields.weights);
    checkMetrics(ctx.deps.flags.definitions.metrics, 'goalMetrics', fields.goalMetrics);
    checkMetrics(ctx.deps.flags.definitions.metrics, 'guardrailMetrics', fields.guardrailMetrics);
    return apply(ctx, feature, (before) => {
      if (before.status === 'running')
        throw badField('status', 'stop the experiment to change its setup; ramp changes coverage and weights while it runs');
      return fields;
    });
  }),

  /**
   * Starts the experiment. Launching again after a stop starts a new phase: customers are
   * re-randomised, and results count from the new start.
   */
  launch: marketerChange.input(featureKeyInput).mutation(async ({ ctx, input }) => {
    const feature = featureFor(ctx.deps.flags.definitions, input.key);
    requireExperiment(feature);
    return apply(ctx, feature, (before) => {
      if (before.status === 'running') throw badField('status', 'the experiment is already running');
      return {
        status: 'running',
        releasedVariationId: null,
        phase: before.startedAt ? before.phase + 1 : before.phase,
        startedAt: new Date().toISOString(),
      };
    });
  }),

  /** Changes a running experiment's coverage or weights. */
  ramp: marketerChange.input(rampInput).mutation(async ({ ctx, input }) => {
    const { key, ...fields } = input;
    const feature = featureFor(ctx.deps.flags.definitions, key);
    checkWeights(feature, fields.weights);
    return apply(ctx, feature, (before) => {
      if (before.status !== 'running') throw badField('status', 'only a running experiment can be ramped');
      return fields;
    });
  }),

  /** Stops the experiment: everyone gets the default value again, and results stay readable. */
  stop: marketerChange.input(featureKeyInput).mutation(async ({ ctx, input }) => {
    const feature = featureFor(ctx.deps.flags.definitions, input.key);
    return apply(ctx, feature, (before) => {
      if (before.status !== 'running') throw badField('status', 'the experiment is not running');
      return { status: 'stopped' };
    });
  }),

  /**
   * Serves one variation to everyone the targeting matches: a winner rolled out (which ends a
   * running experiment), a kill switch thrown, a build released. null serves the default again.
   */
  rollout: marketerChange.input(rolloutInput).mutation(async ({ ctx, input }) => {
    const { key, variationId, targeting } = input;
    const feature = featureFor(ctx.deps.flags.definitions, key);
    checkVariation(feature, variationId);
    return apply(ctx, feature, (before) => ({
      releasedVariationId: variationId,
      ...(targeting !== undefined ? { targeting } : {}),
      ...(variationId && before.status === 'running' ? { status: 'stopped' as const } : {}),
    }));
  }),
} satisfies TRPCRouterRecord;
