import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { consoleProcedure, withRoles } from '../trpc.ts';
import { featureKeyInput, featureStateChange } from './contracts.ts';
import { changeFeatureState, DEFAULT_STATE, featureHistory } from './state-service.ts';

export const flagsRouter = {
  /** Every feature in experiments/ with this tenant's runtime state. */
  list: consoleProcedure.query(async ({ ctx }) => {
    const states = await ctx.deps.flags.store.runtimeStates(ctx.session.tenantId);
    return ctx.deps.flags.definitions.features.map((feature) => ({
      key: feature.key,
      widget: feature.widget,
      description: feature.description,
      valueType: feature.valueType,
      variations: feature.variations.map((v) => ({ id: v.id, value: v.value })),
      experiment: feature.experiment
        ? {
            key: feature.experiment.key ?? feature.key,
            hypothesis: feature.experiment.hypothesis,
            weights: feature.experiment.weights ?? null,
          }
        : null,
      state: states.get(feature.key) ?? DEFAULT_STATE,
    }));
  }),

  /** Launch, ramp, stop, retarget, release a variation: marketers (and owners) only. */
  update: withRoles('marketer')
    .input(featureStateChange)
    .mutation(async ({ ctx, input }) => {
      const { key, ...change } = input;
      const feature = ctx.deps.flags.definitions.features.find((f) => f.key === key);
      if (!feature) throw new TRPCError({ code: 'NOT_FOUND', message: `key: no feature "${key}" in experiments/` });
      const state = await changeFeatureState(ctx.db, ctx.session.tenantId, ctx.session.userId, feature, change);
      await ctx.deps.flags.store.publishChange(ctx.session.tenantId);
      return { key, state };
    }),

  history: consoleProcedure.input(featureKeyInput).query(({ ctx, input }) => featureHistory(ctx.db, ctx.session.tenantId, input.key)),
} satisfies TRPCRouterRecord;
