import {
  bayesianTest,
  frequentistTest,
  minimumDetectableEffect,
  type Stats,
  srmHealth,
  srmPValue,
  unitsPerVariationFor,
} from '@flywheel/stats';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { aggregateExperiment } from '../analytics/index.ts';
import { featureFor, requireExperiment } from '../experiments/index.ts';
import { consoleProcedure } from '../trpc.ts';
import { clipInterval, verdictOf } from './verdict.ts';

/** The lift the duration estimate plans for: +10 % is the smallest most growth teams act on. */
const PLANNED_LIFT = 0.1;

const resultsInput = z.object({
  key: z.string().min(1).max(120),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  /** Sequential testing keeps p-values valid when results are checked every day. */
  sequential: z.boolean().default(false),
});

const DAY = 24 * 60 * 60 * 1000;

export const resultsRouter = {
  /**
   * An experiment's results: per goal and guardrail metric and variation, the units, the rate or
   * mean, and against the control both engines' verdicts; plus SRM and multiple-exposure health.
   */
  get: consoleProcedure.input(resultsInput).query(async ({ ctx, input }) => {
    const { store } = ctx.deps.flags;
    const definitions = await store.definitionsFor(ctx.session.tenantId);
    const feature = featureFor(definitions, input.key);
    const state = (await store.runtimeStates(ctx.session.tenantId)).get(feature.key);
    const setup = requireExperiment(feature, state);
    const { weights, guardrailMetrics, variations } = setup;
    const metrics = [...setup.goalMetrics, ...guardrailMetrics].flatMap((key) => definitions.metrics.filter((m) => m.key === key));
    // By default, the current phase: a relaunch re-randomised everyone, so earlier exposures no longer count.
    const to = input.to ? new Date(input.to) : new Date();
    const from = input.from ? new Date(input.from) : state?.startedAt ? new Date(state.startedAt) : new Date(to.getTime() - 90 * DAY);
    const totals = await aggregateExperiment(ctx.db, { tenantId: ctx.session.tenantId, experimentKey: setup.key, metrics, from, to });

    const byId = new Map(totals.variations.map((v) => [v.variationId, v]));
    const users = variations.map((v) => byId.get(v.id)?.users ?? 0);
    const statsFor = (variationId: string, metricKey: string): Stats => {
      const row = byId.get(variationId);
      const metric = metrics.find((m) => m.key === metricKey);
      const n = row?.users ?? 0;
      const { sum, sumSquares } = row?.metrics[metricKey] ?? { sum: 0, sumSquares: 0 };
      return metric?.type === 'binomial' ? { kind: 'proportion', n, sum } : { kind: 'mean', n, sum, sumSquares };
    };
    const [control, ...treatments] = variations;
    const days = Math.max(1, (to.getTime() - from.getTime()) / DAY);
    const unitsPerDay = users.reduce((a, b) => a + b, 0) / days;

    return {
      key: feature.key,
      experimentKey: setup.key,
      computedAt: new Date().toISOString(),
      from: from.toISOString(),
      to: to.toISOString(),
      variations: variations.map((v, i) => ({ id: v.id, users: users[i] ?? 0, weight: weights[i] ?? 0 })),
      health: {
        srmPValue: srmPValue(users, weights),
        srm: srmHealth(users, weights),
        multipleExposureUnits: totals.multipleExposureUnits,
      },
      metrics: metrics.map((metric) => {
        const base = control ? statsFor(control.id, metric.key) : null;
        const perVariation = Math.min(...users);
        const needed = base ? unitsPerVariationFor(base, PLANNED_LIFT) : null;
        return {
          key: metric.key,
          type: metric.type,
          goal: metric.goal,
          guardrail: guardrailMetrics.includes(metric.key),
          /**
           * What this much traffic can tell: the smallest lift detectable now (80 % power, α = 0.05),
           * the customers per variation a +10 % lift needs, and the days left at today's pace.
           */
          power: {
            minimumDetectableEffect: base ? minimumDetectableEffect(base, perVariation) : null,
            plannedLift: PLANNED_LIFT,
            unitsPerVariation: needed,
            daysToGo:
              needed === null || unitsPerDay === 0
                ? null
                : Math.max(0, Math.ceil(((needed - perVariation) * variations.length) / unitsPerDay)),
          },
          variations: variations.map((variation) => {
            const stats = statsFor(variation.id, metric.key);
            const cell = { id: variation.id, units: stats.n, total: stats.sum, value: stats.n > 0 ? stats.sum / stats.n : 0 };
            if (!base || variation.id === control?.id) return { ...cell, frequentist: null, bayesian: null };
            const frequentist = frequentistTest(base, stats, input.sequential ? { sequentialTuning: 5000 } : {});
            const bayesian = bayesianTest(base, stats);
            return {
              ...cell,
              frequentist: {
                ...frequentist,
                ci: clipInterval(frequentist.ci, metric, base),
                verdict: verdictOf(metric, base, stats, frequentist),
              },
              bayesian: { ...bayesian, ci: clipInterval(bayesian.ci, metric, base), verdict: verdictOf(metric, base, stats, bayesian) },
            };
          }),
        };
      }),
      treatments: treatments.map((t) => t.id),
    };
  }),
} satisfies TRPCRouterRecord;
