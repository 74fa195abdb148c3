import type { FeatureDefinition, MetricDefinition } from '@flywheel/contracts/experiments';
import { type Db, schema } from '@flywheel/db';
import { DEFAULT_STATE, type Definitions, effectiveExperiment, type RuntimeState } from '@flywheel/flags';
import { TRPCError } from '@trpc/server';
import { and, eq, sql } from 'drizzle-orm';
import { runtimeStateOf } from '../flags/index.ts';

/** A domain error that names the field, as every bad input here does. */
export const badField = (path: string, message: string) => new TRPCError({ code: 'BAD_REQUEST', message: `${path}: ${message}` });

export function checkWeights(feature: FeatureDefinition, weights: number[] | undefined) {
  if (weights && weights.length !== feature.variations.length) {
    throw badField('weights', `needs one weight per variation (${feature.variations.length})`);
  }
}

export function checkVariation(feature: FeatureDefinition, variationId: string | null) {
  if (variationId && !feature.variations.some((v) => v.id === variationId)) {
    throw badField('variationId', `must be one of ${feature.variations.map((v) => v.id).join(', ')}`);
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
    await tx.insert(schema.featureStateChanges).values({ tenantId, featureKey: feature.key, changedBy: userId, before, after });
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
