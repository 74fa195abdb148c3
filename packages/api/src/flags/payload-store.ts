import { type Database, type Db, notify, schema } from '@flywheel/db';
import {
  type Authored,
  compile,
  contentHash,
  type Decision,
  type Definitions,
  type Payload,
  type Problem,
  type RuntimeState,
  tenantDefinitions,
} from '@flywheel/flags';
import { eq, sql } from 'drizzle-orm';

type TenantDefinitions = Definitions & { problems: Problem[] };

/** Postgres NOTIFY channel: payload = the tenant id whose flags changed. */
const FLAGS_CHANNEL = 'flywheel_flags';

/** A `feature_states` row as the compiler and the console read it. */
export function runtimeStateOf(row: typeof schema.featureStates.$inferSelect): RuntimeState {
  return {
    status: row.status,
    coverage: row.coverage,
    weights: row.weights,
    targeting: row.targeting,
    releasedVariationId: row.releasedVariationId,
    phase: row.phase,
    goalMetrics: row.goalMetrics,
    guardrailMetrics: row.guardrailMetrics,
    startedAt: row.startedAt?.toISOString() ?? null,
    decision: (row.decision as Decision | null) ?? null,
  };
}

/**
 * Each tenant's GrowthBook payload: compiled from experiments/ (with what the tenant's marketers
 * added in the console: copy variations, experiments) and the tenant's runtime state,
 * versioned in the database so every replica serves the same dateUpdated for the same content.
 * Cached per process and invalidated through LISTEN/NOTIFY, so a console change reaches every
 * replica, and every open stream, within milliseconds. Entries also expire after `ttlMs`: a
 * backstop should a notification ever be lost, not the way changes normally arrive.
 */
export class PayloadStore {
  readonly #cache = new Map<string, { definitions: Promise<TenantDefinitions>; payload: Promise<Payload>; expires: number }>();
  readonly #listeners = new Set<(tenantId: string) => void>();

  constructor(
    private readonly db: Db,
    readonly definitions: Definitions,
    private readonly ttlMs = 60_000,
  ) {}

  payloadFor(tenantId: string): Promise<Payload> {
    return this.#entry(tenantId).payload;
  }

  /**
   * experiments/ as this tenant sees it, with the console's copy variations and experiments, as
   * the database has them now: the console reads what its last change wrote. `cached` shares the
   * payload's copy (invalidated with it), for what widgets read on every load.
   */
  definitionsFor(tenantId: string, { cached = false } = {}): Promise<TenantDefinitions> {
    return cached ? this.#entry(tenantId).definitions : this.#readDefinitions(tenantId);
  }

  /** The tenant's cached definitions and the payload compiled from them, built once per change. */
  #entry(tenantId: string) {
    const cached = this.#cache.get(tenantId);
    if (cached && cached.expires > Date.now()) return cached;
    const definitions = this.#readDefinitions(tenantId);
    const entry = { definitions, payload: definitions.then((d) => this.#build(tenantId, d)), expires: Date.now() + this.ttlMs };
    // A failed build is not cached: the next read tries again.
    entry.payload.catch(() => {
      if (this.#cache.get(tenantId) === entry) this.#cache.delete(tenantId);
    });
    this.#cache.set(tenantId, entry);
    return entry;
  }

  async runtimeStates(tenantId: string): Promise<Map<string, RuntimeState>> {
    const rows = await this.db.select().from(schema.featureStates).where(eq(schema.featureStates.tenantId, tenantId));
    return new Map(rows.map((row) => [row.featureKey, runtimeStateOf(row)]));
  }

  async #readDefinitions(tenantId: string): Promise<TenantDefinitions> {
    return tenantDefinitions(this.definitions, await authoredFor(this.db, tenantId));
  }

  async #build(tenantId: string, definitions: TenantDefinitions): Promise<Payload> {
    const states = await this.runtimeStates(tenantId);
    const features = compile(definitions.features, states);
    const hash = contentHash(features);
    // Moves dateUpdated only when the hash changes; concurrent replicas agree on one row.
    await this.db
      .insert(schema.payloadVersions)
      .values({ tenantId, contentHash: hash })
      .onConflictDoUpdate({
        target: schema.payloadVersions.tenantId,
        set: { contentHash: hash, dateUpdated: sql`now()` },
        setWhere: sql`${schema.payloadVersions.contentHash} <> excluded.content_hash`,
      });
    const [version] = await this.db
      .select({ dateUpdated: schema.payloadVersions.dateUpdated })
      .from(schema.payloadVersions)
      .where(eq(schema.payloadVersions.tenantId, tenantId));
    return { features, dateUpdated: (version?.dateUpdated ?? new Date()).toISOString() };
  }

  /** Drops the cached payload and tells this process's subscribers (open SSE streams). */
  invalidate(tenantId: string) {
    this.#cache.delete(tenantId);
    for (const listener of this.#listeners) listener(tenantId);
  }

  onChange(listener: (tenantId: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Announces a change to every replica (this one included) through Postgres. */
  async publishChange(tenantId: string) {
    await notify(this.db, FLAGS_CHANNEL, tenantId);
  }

  /** Drops every cached payload (after a lost LISTEN connection, changes may have been missed). */
  invalidateAll() {
    for (const tenantId of [...this.#cache.keys()]) this.invalidate(tenantId);
  }

  /** Starts listening for changes made by any replica; resolves to the stop function. */
  listen(database: Database) {
    return database.listen(FLAGS_CHANNEL, (tenantId) => this.invalidate(tenantId), { onReconnect: () => this.invalidateAll() });
  }
}

/** What the tenant's marketers created in the console: experiments, and copy in the order written. */
export async function authoredFor(db: Db, tenantId: string): Promise<Authored> {
  const [experiments, copy] = await Promise.all([
    db.select().from(schema.authoredExperiments).where(eq(schema.authoredExperiments.tenantId, tenantId)),
    db.select().from(schema.copyVariations).where(eq(schema.copyVariations.tenantId, tenantId)).orderBy(schema.copyVariations.createdAt),
  ]);
  return { experiments: new Map(experiments.map((row) => [row.featureKey, row.definition])), copy };
}
