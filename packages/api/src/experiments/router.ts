import type { FeatureDefinition } from '@flywheel/contracts/experiments';
import { schema } from '@flywheel/db';
import {
  DEFAULT_STATE,
  effectiveExperiment,
  HOLDOUT_FEATURE,
  namespaceOverlaps,
  type RuntimeState,
  trackingKey,
  withAuthored,
} from '@flywheel/flags';
import { srmHealth } from '@flywheel/stats';
import type { TRPCRouterRecord } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { exposedUnits } from '../analytics/index.ts';
import type { ConsoleSession } from '../console/index.ts';
import type { ContextInner } from '../context.ts';
import { consoleProcedure, requires } from '../trpc.ts';
import {
  configureInput,
  copyVariationInput,
  createExperimentInput,
  featureKeyInput,
  launchInput,
  rampInput,
  reachInput,
  rolloutInput,
  stopInput,
} from './contracts.ts';
import {
  badField,
  changeFeatureState,
  checkMetrics,
  checkVariation,
  checkWeights,
  featureFor,
  featureHistory,
  launchProblem,
  requireExperiment,
  targetingReach,
} from './service.ts';

const DAY = 24 * 60 * 60 * 1000;

const marketerChange = requires('changeExperiments');

/** Every change goes through here: the state row and its audit row, then every replica's open streams. */
async function apply(
  ctx: ContextInner & { session: ConsoleSession },
  feature: FeatureDefinition,
  change: (before: RuntimeState) => Partial<RuntimeState>,
  alongside?: Parameters<typeof changeFeatureState>[5],
) {
  const state = await changeFeatureState(ctx.db, ctx.session.tenantId, ctx.session.userId, feature, change, alongside);
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
    const { store } = ctx.deps.flags;
    const [{ features }, states, authored] = await Promise.all([
      store.definitionsFor(tenantId),
      store.runtimeStates(tenantId),
      ctx.db
        .select({ featureKey: schema.authoredExperiments.featureKey })
        .from(schema.authoredExperiments)
        .where(eq(schema.authoredExperiments.tenantId, tenantId)),
    ]);
    const started = features.flatMap((f) => {
      const since = states.get(f.key)?.startedAt;
      return f.experiment && since ? [{ key: trackingKey(f), since }] : [];
    });
    const units = await exposedUnits(ctx.db, tenantId, started);
    const now = Date.now();
    return features.map((feature) => {
      const state = states.get(feature.key) ?? DEFAULT_STATE;
      const setup = effectiveExperiment(feature, state);
      const perVariation = setup ? setup.variations.map((v) => units.get(setup.key)?.get(v.id) ?? 0) : [];
      return {
        key: feature.key,
        widget: feature.widget,
        description: feature.description,
        valueType: feature.valueType,
        defaultValue: feature.defaultValue,
        holdout: feature.key === HOLDOUT_FEATURE,
        /** texts: the copy's text per language (written in the console, or pulled into the file). */
        variations: feature.variations.map((v) => ({ id: v.id, value: v.value, texts: v.texts ?? null })),
        experiment:
          feature.experiment && setup
            ? {
                ...setup,
                variations: setup.variations.map((v) => v.id),
                hypothesis: feature.experiment.hypothesis,
                hashAttribute: feature.experiment.hashAttribute,
                namespace: feature.experiment.namespace ?? null,
                createdInConsole: authored.some((a) => a.featureKey === feature.key),
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
  /** Who a targeting condition reaches among the tenant's customers: the launch checklist's reach line. */
  reach: consoleProcedure
    .input(reachInput)
    .query(async ({ ctx, input }) => targetingReach(ctx.db, ctx.session.tenantId, ctx.deps.flags.definitions, input.targeting)),

  metrics: consoleProcedure.query(({ ctx }) =>
    ctx.deps.flags.definitions.metrics.map((m) => ({ key: m.key, description: m.description, type: m.type, goal: m.goal })),
  ),

  /** Who changed what, oldest first. */
  history: consoleProcedure.input(featureKeyInput).query(({ ctx, input }) => featureHistory(ctx.db, ctx.session.tenantId, input.key)),

  /** Sets up an experiment that is not running: coverage, weights, targeting, goal and guardrail metrics. */
  configure: marketerChange.input(configureInput).mutation(async ({ ctx, input }) => {
    const { key, ...fields } = input;
    const feature = await tenantFeature(ctx, key);
    checkSetup(ctx, feature, fields);
    return apply(ctx, feature, (before) => {
      if (before.status === 'running')
        throw badField('status', 'stop the experiment to change its setup; ramp changes coverage and weights while it runs');
      return fields;
    });
  }),

  /**
   * Saves the setup given (what the launch checklist showed) and starts the experiment, in one
   * step, refusing with the field to fix when a check fails. Launching again after a stop starts a
   * new phase: customers are re-randomised, and results count from the new start.
   */
  launch: marketerChange.input(launchInput).mutation(async ({ ctx, input }) => {
    const { key, ...fields } = input;
    const feature = await tenantFeature(ctx, key);
    checkSetup(ctx, feature, fields);
    const states = await ctx.deps.flags.store.runtimeStates(ctx.session.tenantId);
    const launched = effectiveExperiment(feature, { ...(states.get(key) ?? DEFAULT_STATE), ...fields });
    if (!launched) throw badField('key', `"${key}" has no experiment`);
    const problem = launchProblem(
      launched,
      await targetingReach(ctx.db, ctx.session.tenantId, ctx.deps.flags.definitions, launched.targeting),
    );
    if (problem) throw problem;
    return apply(ctx, feature, (before) => {
      if (before.status === 'running') throw badField('status', 'the experiment is already running');
      return {
        ...fields,
        status: 'running',
        releasedVariationId: null,
        decision: null,
        phase: before.startedAt ? before.phase + 1 : before.phase,
        startedAt: new Date().toISOString(),
      };
    });
  }),

  /**
   * Changes a running experiment's coverage or weights. New weights start a new phase (re-randomised,
   * results from now on), as GrowthBook does: reweighting the customers already in it biases results.
   */
  ramp: marketerChange.input(rampInput).mutation(async ({ ctx, input }) => {
    const { key, ...fields } = input;
    const feature = await tenantFeature(ctx, key);
    checkWeights(feature, fields.weights);
    return apply(ctx, feature, (before) => {
      if (before.status !== 'running') throw badField('status', 'only a running experiment can be ramped');
      const current = requireExperiment(feature, before).weights;
      const reweighted = fields.weights?.some((w, i) => Math.abs(w - (current[i] ?? 0)) > 1e-9);
      return reweighted ? { ...fields, phase: before.phase + 1, startedAt: new Date().toISOString() } : fields;
    });
  }),

  /**
   * Ends the experiment with a decision, in one step: the shipped variation (if any) is served to
   * everyone the moment the experiment stops, so nobody is flipped back to the default in between.
   */
  stop: marketerChange.input(stopInput).mutation(async ({ ctx, input }) => {
    const { key, shipVariationId, outcome, writeUp } = input;
    const feature = await tenantFeature(ctx, key);
    checkVariation(feature, shipVariationId, 'shipVariationId');
    return apply(ctx, feature, (before) => {
      if (before.status !== 'running') throw badField('status', 'the experiment is not running');
      return {
        status: 'stopped',
        releasedVariationId: shipVariationId,
        decision: { outcome, shippedVariationId: shipVariationId, writeUp, decidedAt: new Date().toISOString() },
      };
    });
  }),

  /**
   * Serves one variation to everyone the targeting matches, outside any experiment: a kill switch
   * thrown, a build released. null serves the default again. A running experiment ends with a
   * decision (stop), never here.
   */
  rollout: marketerChange.input(rolloutInput).mutation(async ({ ctx, input }) => {
    const { key, variationId, targeting } = input;
    const feature = await tenantFeature(ctx, key);
    checkVariation(feature, variationId, 'variationId');
    return apply(ctx, feature, (before) => {
      if (before.status === 'running')
        throw badField('status', 'the experiment is running: stop it with a decision, which can ship a variation');
      return { releasedVariationId: variationId, ...(targeting !== undefined ? { targeting } : {}) };
    });
  }),

  /** Writes one more copy variation for a string feature, in every language; no deploy needed. */
  addCopy: marketerChange.input(copyVariationInput).mutation(async ({ ctx, input }) => {
    const { key, variationId, texts } = input;
    const feature = await tenantFeature(ctx, key);
    if (feature.valueType !== 'string')
      throw badField('key', `"${key}" is a ${feature.valueType} feature: copy variations are for string features`);
    if (feature.variations.some((v) => v.id === variationId))
      throw badField('variationId', `"${variationId}" is already a variation of ${key}`);
    const [created] = await ctx.db
      .insert(schema.copyVariations)
      .values({ tenantId: ctx.session.tenantId, featureKey: key, variationId, texts, createdBy: ctx.session.userId })
      .onConflictDoNothing()
      .returning();
    if (!created) throw badField('variationId', `"${variationId}" is already a variation of ${key}`);
    await ctx.deps.flags.store.publishChange(ctx.session.tenantId);
    return { key, variationId };
  }),

  /**
   * Creates an experiment on a feature: validated by the feature files' own schema, it replaces the
   * feature's experiment for this tenant as a draft (its setup starts from what was given).
   */
  create: marketerChange.input(createExperimentInput).mutation(async ({ ctx, input }) => {
    const { key, experimentKey, ...definition } = input;
    const { tenantId } = ctx.session;
    const definitions = await ctx.deps.flags.store.definitionsFor(tenantId);
    const feature = featureFor(definitions, key);
    checkMetrics(definitions.metrics, 'goalMetrics', definition.goalMetrics);
    checkMetrics(definitions.metrics, 'guardrailMetrics', definition.guardrailMetrics);
    const experiment = { key: experimentKey, hashAttribute: 'id', ...definition, targeting: definition.targeting ?? undefined };
    const merged = withAuthored(feature, { experiments: new Map([[key, experiment]]), copy: [] });
    const [problem] = merged.problems;
    if (problem) throw badField(problem.path.replace(/^experiment\./, ''), problem.message);
    const taken = definitions.features.find((f) => f.key !== key && (f.experiment?.key ?? f.key) === experimentKey);
    if (taken) throw badField('experimentKey', `is already the tracking key of ${taken.key}`);
    // The new experiment goes last, so an overlap is reported against it, not the one it meets.
    const others = definitions.features.filter((f) => f.key !== key);
    const [clash] = namespaceOverlaps(merged.feature ? [...others, merged.feature] : others).filter((p) => p.file === `${key}.yaml`);
    if (clash) throw badField('namespace.range', clash.message);
    const result = await apply(
      ctx,
      feature,
      (before) => {
        if (before.status === 'running') throw badField('status', `stop the running experiment on ${key} before creating another`);
        return { ...DEFAULT_STATE, releasedVariationId: before.releasedVariationId };
      },
      async (tx) => {
        await tx
          .insert(schema.authoredExperiments)
          .values({ tenantId, featureKey: key, definition: experiment, createdBy: ctx.session.userId })
          .onConflictDoUpdate({
            target: [schema.authoredExperiments.tenantId, schema.authoredExperiments.featureKey],
            set: { definition: experiment, createdBy: ctx.session.userId, createdAt: new Date() },
          });
        return { createdExperiment: experimentKey };
      },
    );
    return result;
  }),

  /**
   * Removes the experiment created in the console for a feature (never while it runs): the feature
   * goes back to its file's experiment, as a draft. What customers did stays under the discarded
   * experiment's tracking key, so nothing mixes into the next one's results.
   */
  discard: marketerChange.input(featureKeyInput).mutation(async ({ ctx, input }) => {
    const { tenantId } = ctx.session;
    const feature = await tenantFeature(ctx, input.key);
    return apply(
      ctx,
      feature,
      (before) => {
        if (before.status === 'running') throw badField('status', 'stop the experiment with a decision before discarding it');
        return { ...DEFAULT_STATE, releasedVariationId: before.releasedVariationId };
      },
      async (tx) => {
        // Inside the change's transaction: a feature with nothing to discard writes no audit row.
        const [removed] = await tx
          .delete(schema.authoredExperiments)
          .where(and(eq(schema.authoredExperiments.tenantId, tenantId), eq(schema.authoredExperiments.featureKey, input.key)))
          .returning({ featureKey: schema.authoredExperiments.featureKey });
        if (!removed) throw badField('key', `"${input.key}" has no experiment created in the console`);
        return { discardedExperiment: feature.experiment?.key ?? input.key };
      },
    );
  }),
} satisfies TRPCRouterRecord;

type ConsoleContext = ContextInner & { session: ConsoleSession };

/** The feature as this tenant sees it now (console copy and experiments included), or a 404 naming it. */
async function tenantFeature(ctx: ConsoleContext, key: string) {
  return featureFor(await ctx.deps.flags.store.definitionsFor(ctx.session.tenantId), key);
}

/** The checks every setup change shares: an experiment to set up, a weight per variation, known metrics. */
function checkSetup(
  ctx: ConsoleContext,
  feature: FeatureDefinition,
  fields: { weights?: number[]; goalMetrics?: string[]; guardrailMetrics?: string[] },
) {
  requireExperiment(feature);
  checkWeights(feature, fields.weights);
  checkMetrics(ctx.deps.flags.definitions.metrics, 'goalMetrics', fields.goalMetrics);
  checkMetrics(ctx.deps.flags.definitions.metrics, 'guardrailMetrics', fields.guardrailMetrics);
}
