import { exposureDimensions } from '@flywheel/contracts/flag-attributes';
import type { Db, Tx } from '@flywheel/db';
import { type Definitions, type Exposure, type FlagAttributes, FlagClients, type Payload } from '@flywheel/flags';
import type { UserScopedGrowthBook } from '@growthbook/growthbook';
import type { ApiDeps } from '../context.ts';
import { ingestBatch } from '../events/index.ts';
import { PayloadStore } from './payload-store.ts';
import { DbStickyBucketService } from './sticky-buckets.ts';

/** Where payloads come from: compiled locally (PayloadStore) or read through a real GrowthBook. */
export type PayloadSource = {
  payloadFor(tenantId: string): Promise<Payload>;
  /** Called with a tenant id whenever that tenant's payload may have changed. */
  onChange(listener: (tenantId: string) => void): () => void;
  /** Why this source is serving less than it should (for /readyz), or null when it is fine. */
  degradation?(): string | null;
};

/** Flags as the API uses them: definitions, runtime state, the payload source, evaluation. */
export type FlagsRuntime = {
  definitions: Definitions;
  /** Runtime state and the locally compiled payloads (console changes land here). */
  store: PayloadStore;
  /** What SDKs and server-side evaluation read: the store, or a real GrowthBook when configured. */
  source: PayloadSource;
  clients: FlagClients;
};

/**
 * `upstream`, when given, builds the source that replaces the local store (a real GrowthBook); it
 * receives the store, to fall back on while the upstream has never answered.
 */
export function createFlagsRuntime(db: Db, definitions: Definitions, upstream?: (store: PayloadStore) => PayloadSource): FlagsRuntime {
  const store = new PayloadStore(db, definitions);
  return { definitions, store, source: upstream?.(store) ?? store, clients: new FlagClients() };
}

/**
 * An exposure as the browser's tracking callback records it (`experiment_viewed` with
 * `experiment_id` and `variation_id`, plus the dimensions results break down by). The messageId is derived from the unit and variation, so a
 * customer exposed on every request is still recorded once.
 */
export function exposureEvent({ experimentKey, variationId, attributes }: Exposure) {
  return {
    type: 'track' as const,
    event: 'experiment_viewed',
    messageId: `exposure:${experimentKey}:${variationId}:${attributes.id}`,
    userId: attributes.id,
    ...(attributes.deviceId ? { anonymousId: attributes.deviceId } : {}),
    properties: { experiment_id: experimentKey, variation_id: variationId, source: 'server', ...exposureDimensions(attributes) },
  };
}

/**
 * A GrowthBook for one customer, on the same payload and attributes the browser uses, with
 * sticky buckets from the database (in `db`, which may be a reaction's transaction); the
 * exposures it causes are collected for the caller to record.
 */
export async function scopedEvaluator(flags: FlagsRuntime, db: Db | Tx, tenantId: string, attributes: FlagAttributes) {
  const payload = await flags.source.payloadFor(tenantId);
  const exposures: Exposure[] = [];
  const gb: UserScopedGrowthBook = await flags.clients.scoped(tenantId, payload, attributes, {
    stickyBuckets: new DbStickyBucketService(db, tenantId),
    onExposure: (exposure) => exposures.push(exposure),
  });
  return { gb, exposures };
}

/** A request-scoped evaluator: exposures are ingested (as the tenant's server) before `done` resolves. */
export async function evaluatorFor(deps: ApiDeps, tenantId: string, attributes: FlagAttributes) {
  const { gb, exposures } = await scopedEvaluator(deps.flags, deps.db, tenantId, attributes);
  return {
    gb,
    /** Writes the exposures this request caused; call after evaluating. */
    done: async () => {
      const events = exposures.splice(0).map(exposureEvent);
      if (events.length > 0) await ingestBatch(deps, tenantId, { kind: 'server' }, events);
    },
  };
}
