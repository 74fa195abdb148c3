import type { FeatureDefinition, MetricDefinition } from '@flywheel/contracts/experiments';
import { flagAttributes } from '@flywheel/contracts/flag-attributes';
import { SUPPORTED_LOCALES } from '@flywheel/contracts/widget';
import { type Db, schema, type Tx } from '@flywheel/db';
import { DEFAULT_STATE, type Definitions, effectiveExperiment, type RuntimeState } from '@flywheel/flags';
import { type ConditionInterface, evalCondition } from '@growthbook/growthbook';
import { TRPCError } from '@trpc/server';
import { and, desc, eq, sql } from 'drizzle-orm';
import { runtimeStateOf } from '../flags/index.ts';

/** A domain error that names the field, as every bad input here does. */
export const badField = (path: string, message: string) => new TRPCError({ code: 'BAD_REQUEST', message: `${path}: ${message}` });

export function checkWeights(feature: FeatureDefinition, weights: number[] | undefined) {
  const tested = requireExperiment(feature).variations.length;
  if (weights && weights.length !== tested) throw badField('weights', `needs one weight per variation (${tested})`);
}

export function checkVariation(feature: FeatureDefinition, variationId: string | null, field: string) {
  if (variationId && !feature.variations.some((v) => v.id === variationId)) {
    throw badField(field, `must be one of ${feature.variations.map((v) => v.id).join(', ')}`);
  }
}

export function checkMetrics(metrics: MetricDefinition[], field: string, keys: string[] | undefined) {
  const unknown = keys?.filter((k) => !metrics.some((m) => m.key === k)) ?? [];
  if (unknown.length > 0) throw badField(field, `no metric ${unknown.map((k) => `"${k}"`).join(', ')} in experiments/metrics.yaml`);
}

/** The feature experiments/ defines under this key, or a 404 naming it. */
export function featureFor(definitions: Definitions, key: string) {
  const feature = definitions.features.find((f) => f.key === key);
  if (!feature) throw new TRPCError({ code: 'NOT_FOUND', message: `key: no feature "${key}" in experiments/` });
  return feature;
}

/** The feature's experiment as it runs (runtime state over the definition), or a 400 naming the feature. */
export function requireExperiment(feature: FeatureDefinition, state?: RuntimeState) {
  const setup = effectiveExperiment(feature, state);
  if (!setup) throw badField('key', `"${feature.key}" has no experiment in experiments/`);
  return setup;
}

/** How many of the tenant's customers a reach estimate looks at: the most recently seen. */
export const REACH_SAMPLE = 20_000;

/**
 * Who a targeting condition reaches among the tenant's most recently seen customers, evaluated by
 * GrowthBook's own condition engine on the attributes widgets send. A customer counts when any
 * language they could browse in matches (locale is the browser's, not a trait).
 */
export async function targetingReach(db: Db, tenantId: string, definitions: Definitions, targeting: Record<string, unknown> | null) {
  const [tenant] = await db
    .select({ publishableKey: schema.tenants.publishableKey })
    .from(schema.tenants)
    .where(eq(schema.tenants.id, tenantId));
  const rows = await db
    .select({ externalId: schema.customers.externalId, traits: schema.customers.traits, segments: schema.customers.segments })
    .from(schema.customers)
    .where(eq(schema.customers.tenantId, tenantId))
    .orderBy(desc(schema.customers.lastSeenAt))
    .limit(REACH_SAMPLE);
  const widgets = [...new Set(definitions.features.map((f) => f.widget))];
  const matches = ({ traits, segments, externalId: customerId }: (typeof rows)[number]) =>
    !targeting ||
    SUPPORTED_LOCALES.some((locale) =>
      evalCondition(
        flagAttributes({
          customerId,
          publishableKey: tenant?.publishableKey ?? '',
          traits: (traits ?? {}) as Record<string, unknown>,
          segments,
          locale,
          widgets,
        }),
        targeting as ConditionInterface,
      ),
    );
  return { customers: rows.length, matching: rows.filter(matches).length };
}

/**
 * The launch checklist's hard checks, first failure first, each naming the field to fix. Targeting
 * that matches none of the tenant's customers is refused only when there are customers to match.
 */
export function launchProblem(setup: NonNullable<ReturnType<typeof effectiveExperiment>>, reach: { customers: number; matching: number }) {
  if (setup.goalMetrics.length === 0)
    return badField('goalMetrics', 'choose at least one goal metric: it is what the experiment is judged on');
  if (setup.weights.length !== setup.variations.length)
    return badField('weights', `needs one weight per variation (${setup.variations.length})`);
  if (Math.abs(setup.weights.reduce((a, b) => a + b, 0) - 1) >= 0.001) return badField('weights', 'must add up to 100 %');
  if (setup.coverage <= 0) return badField('coverage', 'must include some customers (more than 0 %)');
  if (reach.customers > 0 && reach.matching === 0)
    return badField('targeting', `matches none of the ${reach.customers} customers seen most recently`);
  return null;
}

/**
 * Applies a marketer's change to one feature, in one transaction with its audit row (who, when,
 * before, after). The row lock serialises concurrent changes, so `change` sees the state it
 * changes and can refuse a transition (launching what already runs) with a 400.
 */
export async function changeFeatureState(
  db: Db,
  tenantId: string,
  userId: string,
  feature: FeatureDefinition,
  change: (before: RuntimeState) => Partial<RuntimeState>,
  /**
   * More writes that belong to the same change (a console-created definition), in its transaction;
   * what it returns is added to the audit row's `after`, so history can say what was created.
   */
  alongside?: (tx: Tx) => Promise<Record<string, unknown>>,
): Promise<RuntimeState> {
  return db.transaction(async (tx) => {
    const where = and(eq(schema.featureStates.tenantId, tenantId), eq(schema.featureStates.featureKey, feature.key));
    await tx.insert(schema.featureStates).values({ tenantId, featureKey: feature.key }).onConflictDoNothing();
    const [current] = await tx.select().from(schema.featureStates).where(where).for('update');
    const before = current ? runtimeStateOf(current) : DEFAULT_STATE;
    const after: RuntimeState = { ...before, ...change(before) };
    await tx
      .update(schema.featureStates)
      .set({ ...after, startedAt: after.startedAt ? new Date(after.startedAt) : null, updatedAt: sql`now()` })
      .where(where);
    const noted = (await alongside?.(tx)) ?? {};
    await tx
      .insert(schema.featureStateChanges)
      .values({ tenantId, featureKey: feature.key, changedBy: userId, before, after: { ...after, ...noted } });
    return after;
  });
}

export async function featureHistory(db: Db, tenantId: string, featureKey: string) {
  return db
    .select({
      id: schema.featureStateChanges.id,
      changedAt: schema.featureStateChanges.changedAt,
      changedBy: schema.consoleUsers.email,
      before: schema.featureStateChanges.before,
      after: schema.featureStateChanges.after,
    })
    .from(schema.featureStateChanges)
    .leftJoin(schema.consoleUsers, eq(schema.consoleUsers.id, schema.featureStateChanges.changedBy))
    .where(and(eq(schema.featureStateChanges.tenantId, tenantId), eq(schema.featureStateChanges.featureKey, featureKey)))
    .orderBy(schema.featureStateChanges.id);
}
