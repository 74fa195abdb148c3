import { EXPERIMENT_DIMENSIONS } from '@flywheel/contracts/flag-attributes';
import { periodInOrder } from '@flywheel/contracts/json';
import type { Db } from '@flywheel/db';
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
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { aggregateExperiment, aggregateExperimentSlices, type ExperimentTotals, IMPLAUSIBLE_EVENTS_PER_UNIT } from '../analytics/index.ts';
import type { ApiDeps } from '../context.ts';
import { featureFor, requireExperiment } from '../experiments/index.ts';
import { consoleProcedure, publicProcedure, requires } from '../trpc.ts';
import { reportByToken, reportsFor, revokeReport, storeReport } from './reports.ts';
import { clipInterval, verdictOf } from './verdict.ts';

/** The lift the duration estimate plans for: +10 % is the smallest most growth teams act on. */
const PLANNED_LIFT = 0.1;

const resultsFields = z.object({
  key: z.string().min(1).max(120),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  /** Sequential testing keeps p-values valid when results are checked every day. */
  sequential: z.boolean().default(false),
});
const resultsInput = resultsFields.refine(...periodInOrder);
type ResultsInput = z.infer<typeof resultsInput>;

const DAY = 24 * 60 * 60 * 1000;

/** The experiment as it runs, its goal and guardrail metrics, and the range its results cover. */
type ResultsContext = { deps: ApiDeps; db: Db; session: { tenantId: string } };

async function analysisFor(ctx: ResultsContext, input: ResultsInput) {
  const { store } = ctx.deps.flags;
  const tenantId = ctx.session.tenantId;
  const definitions = await store.definitionsFor(tenantId);
  const feature = featureFor(definitions, input.key);
  const state = (await store.runtimeStates(tenantId)).get(feature.key);
  const setup = requireExperiment(feature, state);
  const metrics = [...setup.goalMetrics, ...setup.guardrailMetrics].flatMap((key) => definitions.metrics.filter((m) => m.key === key));
  // By default, the current phase: a relaunch re-randomised everyone, so earlier exposures no longer count.
  const to = input.to ? new Date(input.to) : new Date();
  const from = input.from ? new Date(input.from) : state?.startedAt ? new Date(state.startedAt) : new Date(to.getTime() - 90 * DAY);
  const aggregate = { tenantId, experimentKey: setup.key, metrics, from, to };
  return { feature, setup, metrics, from, to, aggregate };
}
type Analysis = Awaited<ReturnType<typeof analysisFor>>;

/** packages/stats' input for one variation and metric, from the aggregated totals. */
function statsIn(analysis: Analysis, totals: ExperimentTotals, variationId: string, metricKey: string): Stats {
  const row = totals.variations.find((v) => v.variationId === variationId);
  const metric = analysis.metrics.find((m) => m.key === metricKey);
  const n = row?.users ?? 0;
  const { sum, sumSquares } = row?.metrics[metricKey] ?? { sum: 0, sumSquares: 0 };
  return metric?.type === 'binomial' ? { kind: 'proportion', n, sum } : { kind: 'mean', n, sum, sumSquares };
}

/**
 * Per metric and variation, the counts behind the cell and against the control both engines'
 * results, with intervals clipped to what the metric can do and the verdict a person reads.
 */
function metricResults(analysis: Analysis, totals: ExperimentTotals, sequential: boolean) {
  const { setup, metrics } = analysis;
  const [control] = setup.variations;
  return metrics.map((metric) => {
    const base = control ? statsIn(analysis, totals, control.id, metric.key) : null;
    return {
      key: metric.key,
      type: metric.type,
      goal: metric.goal,
      guardrail: setup.guardrailMetrics.includes(metric.key),
      variations: setup.variations.map((variation) => {
        const stats = statsIn(analysis, totals, variation.id, metric.key);
        const cell = { id: variation.id, units: stats.n, total: stats.sum, value: stats.n > 0 ? stats.sum / stats.n : 0 };
        if (!base || variation.id === control?.id) return { ...cell, frequentist: null, bayesian: null };
        const frequentist = frequentistTest(base, stats, sequential ? { sequentialTuning: 5000 } : {});
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
  });
}

function usersPerVariation(analysis: Analysis, totals: ExperimentTotals) {
  return analysis.setup.variations.map((v) => totals.variations.find((row) => row.variationId === v.id)?.users ?? 0);
}

/** Adds one slice's totals to running totals (units are counted in the slice of their first exposure, so sums add up). */
function accumulate(into: ExperimentTotals, slice: ExperimentTotals): ExperimentTotals {
  const variations = new Map(into.variations.map((v) => [v.variationId, v]));
  for (const row of slice.variations) {
    const before = variations.get(row.variationId);
    variations.set(row.variationId, {
      variationId: row.variationId,
      users: (before?.users ?? 0) + row.users,
      metrics: Object.fromEntries(
        Object.entries(row.metrics).map(([key, m]) => {
          const was = before?.metrics[key] ?? { sum: 0, sumSquares: 0 };
          return [key, { sum: was.sum + m.sum, sumSquares: was.sumSquares + m.sumSquares }];
        }),
      ),
    });
  }
  return {
    variations: [...variations.values()],
    multipleExposureUnits: into.multipleExposureUnits + slice.multipleExposureUnits,
    implausibleUnits: into.implausibleUnits + slice.implausibleUnits,
  };
}

/**
 * An experiment's results: per goal and guardrail metric and variation, the units, the rate or
 * mean, and against the control both engines' verdicts; plus SRM and multiple-exposure health.
 */
async function resultsOf(ctx: ResultsContext, input: ResultsInput) {
  const analysis = await analysisFor(ctx, input);
  const { feature, setup, from, to } = analysis;
  const { weights, variations } = setup;
  const totals = await aggregateExperiment(ctx.db, analysis.aggregate);
  const users = usersPerVariation(analysis, totals);
  const [control] = variations;
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
      implausibleUnits: totals.implausibleUnits,
      implausibleThreshold: IMPLAUSIBLE_EVENTS_PER_UNIT,
    },
    metrics: metricResults(analysis, totals, input.sequential).map((result) => {
      const base = control ? statsIn(analysis, totals, control.id, result.key) : null;
      const perVariation = Math.min(...users);
      const needed = base ? unitsPerVariationFor(base, PLANNED_LIFT) : null;
      return {
        ...result,
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
      };
    }),
    treatments: variations.slice(1).map((t) => t.id),
  };
}

/**
 * Results over time, day by day (UTC, by each unit's first exposure): the units each variation
 * gained that day, and per metric each treatment's cumulative lift and interval up to that day,
 * which is how a marketer sees a result settle (or a novelty effect fade).
 */
async function timelineOf(ctx: ResultsContext, input: ResultsInput) {
  const analysis = await analysisFor(ctx, input);
  const slices = await aggregateExperimentSlices(ctx.db, analysis.aggregate, { by: 'day' });
  let running: ExperimentTotals = { variations: [], multipleExposureUnits: 0, implausibleUnits: 0 };
  const days = slices.map(({ slice, totals }) => {
    running = accumulate(running, totals);
    const cumulative = running;
    return {
      day: slice ?? '',
      units: usersPerVariation(analysis, totals),
      cumulativeUnits: usersPerVariation(analysis, cumulative),
      metrics: metricResults(analysis, cumulative, input.sequential).map((metric) => ({
        key: metric.key,
        variations: metric.variations.slice(1).map((v) => ({
          id: v.id,
          frequentist: v.frequentist && { expected: v.frequentist.expected, ci: v.frequentist.ci, verdict: v.frequentist.verdict },
          bayesian: v.bayesian && { expected: v.bayesian.expected, ci: v.bayesian.ci, verdict: v.bayesian.verdict },
        })),
      })),
    };
  });
  return { key: analysis.feature.key, variations: analysis.setup.variations.map((v) => v.id), days };
}

/** What a shared link shows: the results and their course over time when it was shared, read-only. */
async function snapshotOf(ctx: ResultsContext & { session: { name: string } }, key: string) {
  const input = { key, sequential: false };
  const [results, timeline] = await Promise.all([resultsOf(ctx, input), timelineOf(ctx, input)]);
  const feature = (await ctx.deps.flags.store.definitionsFor(ctx.session.tenantId)).features.find((f) => f.key === key);
  return { version: 1 as const, hypothesis: feature?.experiment?.hypothesis ?? null, sharedBy: ctx.session.name, results, timeline };
}
export type ReportSnapshot = Awaited<ReturnType<typeof snapshotOf>>;

const marketerChange = requires('changeExperiments');

export const resultsRouter = {
  get: consoleProcedure.input(resultsInput).query(({ ctx, input }) => resultsOf(ctx, input)),

  timeline: consoleProcedure.input(resultsInput).query(({ ctx, input }) => timelineOf(ctx, input)),

  /**
   * Results within each value of a dimension the exposures recorded (plan, tier, locale, country,
   * channel): where a lift comes from, or a segment it hurts. Each slice is its own comparison, so
   * more slices mean more chances of a false positive; the console says so.
   */
  breakdown: consoleProcedure
    .input(resultsFields.extend({ dimension: z.enum(EXPERIMENT_DIMENSIONS) }).refine(...periodInOrder))
    .query(async ({ ctx, input }) => {
      const analysis = await analysisFor(ctx, input);
      const slices = await aggregateExperimentSlices(ctx.db, analysis.aggregate, { by: 'dimension', dimension: input.dimension });
      return {
        key: analysis.feature.key,
        dimension: input.dimension,
        slices: slices.map(({ slice, totals }) => ({
          value: slice,
          units: usersPerVariation(analysis, totals),
          metrics: metricResults(analysis, totals, input.sequential),
        })),
      };
    }),

  /**
   * A read-only link to the results as they are now, for people without a console account (a
   * stakeholder, an agency). The link is the secret: anyone holding it reads this snapshot until it
   * is revoked.
   */
  share: marketerChange.input(z.object({ key: z.string().min(1).max(120) })).mutation(async ({ ctx, input }) => {
    const snapshot = await snapshotOf(ctx, input.key);
    const token = await storeReport(ctx.db, {
      tenantId: ctx.session.tenantId,
      featureKey: snapshot.results.key,
      snapshot,
      createdBy: ctx.session.userId,
    });
    return { token, url: `${ctx.origin}/console/#/report/${token}` };
  }),

  reports: consoleProcedure
    .input(z.object({ key: z.string().min(1).max(120) }))
    .query(({ ctx, input }) => reportsFor(ctx.db, ctx.session.tenantId, input.key)),

  revoke: marketerChange.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    if (!(await revokeReport(ctx.db, ctx.session.tenantId, input.id)))
      throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no open link with this id' });
    return { revoked: true };
  }),
} satisfies TRPCRouterRecord;

/** A shared results link, opened by anyone who holds it: no session, the token is the credential. */
export const sharedReportRouter = {
  get: publicProcedure.input(z.object({ token: z.string().min(32).max(64) })).query(async ({ ctx, input }) => {
    const report = await reportByToken(ctx.db, input.token);
    if (!report) throw new TRPCError({ code: 'NOT_FOUND', message: 'This link was revoked or never existed.' });
    return { ...(report.snapshot as ReportSnapshot), sharedAt: report.createdAt.toISOString() };
  }),
} satisfies TRPCRouterRecord;
