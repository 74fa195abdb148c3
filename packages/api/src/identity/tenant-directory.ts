import { type Db, decryptSecret, type SecretsKey, schema, secretKeyDigest } from '@flywheel/db';
import { and, eq, gt, or, type SQL } from 'drizzle-orm';

export type Tenant = {
  id: string;
  name: string;
  publishableKey: string;
  allowedOrigins: string[];
  /** Decrypted only in memory, to verify tokens; never logged, never returned by any route. */
  secretKey: string;
  /** The key before the last rotation, while its overlap lasts: it still verifies until then. */
  previousSecretKey: { secretKey: string; validUntil: Date } | null;
  /** Widgets' branding defaults and language (Console → Settings), which embed.js applies. */
  branding: Record<string, string>;
  defaultLocale: 'en' | 'zh-CN' | null;
};

type Entry<T> = { value: T; expiresAt: number };

/** A small time-bounded map: tenants change rarely, and a stale entry lives a few seconds at most. */
class TtlCache<T> {
  readonly #entries = new Map<string, Entry<T>>();
  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  async get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit && hit.expiresAt > Date.now()) return hit.value;
    const value = await load();
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });
    return value;
  }

  clear() {
    this.#entries.clear();
  }
}

/**
 * Resolves publishable keys to tenants, with their secret decrypted, on every request. Answers
 * (including "no such key") are cached briefly per process; each replica keeps its own cache,
 * so nothing assumes a single process.
 */
export class TenantDirectory {
  readonly #byKey: TtlCache<Tenant | null>;
  readonly #bySecret: TtlCache<Tenant | null>;

  constructor(
    private readonly db: Db,
    private readonly secretsKey: SecretsKey,
    cacheTtlMs = 5_000,
  ) {
    this.#byKey = new TtlCache(cacheTtlMs, 10_000);
    this.#bySecret = new TtlCache(cacheTtlMs, 10_000);
  }

  byPublishableKey(publishableKey: string): Promise<Tenant | null> {
    if (!/^pk_[A-Za-z0-9_]{1,64}$/.test(publishableKey)) return Promise.resolve(null);
    return this.#byKey.get(publishableKey, () => this.#load(eq(schema.tenants.publishableKey, publishableKey)));
  }

  /**
   * The tenant whose secret key (or previous key, during its overlap) this is: how the public
   * REST API authenticates a tenant's server, by the key alone. Looked up by the key's digest.
   */
  bySecretKey(secretKey: string): Promise<Tenant | null> {
    if (!/^sk_[A-Za-z0-9_]{1,64}$/.test(secretKey)) return Promise.resolve(null);
    const digest = secretKeyDigest(secretKey);
    return this.#bySecret.get(digest, () =>
      this.#load(
        or(
          eq(schema.tenants.secretKeyDigest, digest),
          and(eq(schema.tenants.previousSecretKeyDigest, digest), gt(schema.tenants.previousSecretKeyValidUntil, new Date())),
        ),
      ),
    );
  }

  async #load(where: SQL | undefined): Promise<Tenant | null> {
    const [row] = await this.db
      .select({
        id: schema.tenants.id,
        name: schema.tenants.name,
        publishableKey: schema.tenants.publishableKey,
        allowedOrigins: schema.tenants.allowedOrigins,
        branding: schema.tenants.branding,
        defaultLocale: schema.tenants.defaultLocale,
        secretKeyCiphertext: schema.tenants.secretKeyCiphertext,
        previousSecretKeyCiphertext: schema.tenants.previousSecretKeyCiphertext,
        previousSecretKeyValidUntil: schema.tenants.previousSecretKeyValidUntil,
      })
      .from(schema.tenants)
      .where(where);
    if (!row) return null;
    const { secretKeyCiphertext, previousSecretKeyCiphertext, previousSecretKeyValidUntil, ...tenant } = row;
    return {
      ...tenant,
      secretKey: decryptSecret(this.secretsKey, secretKeyCiphertext),
      previousSecretKey:
        previousSecretKeyCiphertext && previousSecretKeyValidUntil
          ? { secretKey: decryptSecret(this.secretsKey, previousSecretKeyCiphertext), validUntil: previousSecretKeyValidUntil }
          : null,
    };
  }

  /** Forget cached answers, e.g. after a tenant's origins change. */
  invalidate() {
    this.#byKey.clear();
    this.#bySecret.clear();
  }
}
