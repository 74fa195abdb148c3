import type { FeatureDefinition } from '@flywheel/contracts/experiments';
import { type Db, schema } from '@flywheel/db';
import type { RuntimeState } from '@flywheel/flags';
import { TRPCError } from '@trpc/server';
import { and, eq, sql } from 'drizzle-orm';
import type { FeatureStateChange } from './contracts.ts';

const DEFAULT_STATE: RuntimeState = {
  status: 'draft',
  coverage: null,
  weights: null,
  targeting: null,
  releasedVariationId: null,
  phase: 0,
};

/** Checks a change against the feature's definition; errors name the field. */
function validate(feature: FeatureDefinition, change: FeatureStateChange) {
  const bad = (path: string, message: string) => new TRPCError({ code: 'BAD_REQUEST', message: `${path}: ${message}` });
  if (change.weights && change.weights.length !== feature.variations.length) {
    throw bad('weights', `needs one weight per variation (${feature.variations.length})`);
  }
  if (change.releasedVariationId && !feature.variations.some((v) => v.id === change.releasedVariationId)) {
    throw bad('releasedVariationId', `must be one of ${feature.variations.map((v) => v.id).join(', ')}`);
  }
  if (change.status === 'running' && !feature.experiment) throw bad('status', 'only features with an experiment can run');
}

/**
 * Applies a marketer's change to one feature, in one transaction with its audit row (who, when,
 * before, after). The row lock serialises concurrent changes to the same feature.
 */
export async function changeFeatureState(
  db: Db,
  tenantId: string,
  userId: string,
  feature: FeatureDefinition,
  change: FeatureStateChange,
): Promise<RuntimeState> {
  validate(feature, change);
  return db.transaction(async (tx) => {
    await tx.insert(schema.featureStates).values({ tenantId, featureKey: feature.key }).onConflictDoNothing();
    const [current] = await tx
      .select()
      .from(schema.featureStates)
      .where(and(eq(schema.featureStates.tenantId, tenantId), eq(schema.featureStates.featureKey, feature.key)))
      .for('update');
    const before: RuntimeState = current
      ? {
          status: current.status,
          coverage: current.coverage,
          weights: current.weights,
          targeting: current.targeting,
          releasedVariationId: current.releasedVariationId,
          phase: current.phase,
        }
      : DEFAULT_STATE;
    const { relaunch, ...fields } = change;
    const after: RuntimeState = { ...before, ...fields, phase: before.phase + (relaunch ? 1 : 0) };
    await tx
      .update(schema.featureStates)
      .set({ ...after, updatedAt: sql`now()` })
      .where(and(eq(schema.featureStates.tenantId, tenantId), eq(schema.featureStates.featureKey, feature.key)));
    await tx.insert(schema.featureStateChanges).values({ tenantId, featureKey: feature.key, changedBy: userId, before, after });
    return after;
  });
}

export async function featureHistory(db: Db, tenantId: string, featureKey: string) {
  return db
    .select({
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

export { DEFAULT_STATE };
