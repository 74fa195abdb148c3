import type { FlagAttributes } from '@flywheel/contracts/flag-attributes';
import { GrowthBookClient, type StickyBucketService, type UserScopedGrowthBook } from '@growthbook/growthbook';
import type { Payload } from './compile.ts';

export type Exposure = { experimentKey: string; variationId: string; attributes: FlagAttributes };

/**
 * Server-side evaluation: one GrowthBookClient per tenant (it holds only the payload), refreshed
 * when the payload's dateUpdated moves, and one scoped instance per request, so each request
 * reports an exposure once however often it evaluates (the JS SDK's GrowthBookClient).
 */
export class FlagClients {
  readonly #clients = new Map<string, { dateUpdated: string; client: GrowthBookClient }>();

  clientFor(tenantKey: string, payload: Payload): GrowthBookClient {
    const cached = this.#clients.get(tenantKey);
    if (cached?.dateUpdated === payload.dateUpdated) return cached.client;
    const client = new GrowthBookClient().initSync({ payload });
    this.#clients.set(tenantKey, { dateUpdated: payload.dateUpdated, client });
    return client;
  }

  /** A per-request instance: sticky buckets loaded first, exposures reported through `onExposure`. */
  async scoped(
    tenantKey: string,
    payload: Payload,
    attributes: FlagAttributes,
    { stickyBuckets, onExposure }: { stickyBuckets?: StickyBucketService; onExposure: (exposure: Exposure) => void },
  ): Promise<UserScopedGrowthBook> {
    const client = this.clientFor(tenantKey, payload);
    const base = {
      attributes,
      trackedExperiments: new Set<string>(),
      trackingCallback: (experiment: { key: string }, result: { key: string }) =>
        onExposure({ experimentKey: experiment.key, variationId: result.key, attributes }),
    };
    const context = stickyBuckets ? await client.applyStickyBuckets(base, stickyBuckets) : base;
    return client.createScopedInstance(context);
  }
}
