import type { JsonWebKey } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';

/** One company using Flywheel. Every other row hangs off a tenant. */
export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** `pk_…`: public, names the tenant in the browser and doubles as the GrowthBook client key. */
    publishableKey: text('publishable_key').notNull().unique(),
    /** `sk_…` encrypted with TENANT_SECRETS_KEY (AES-256-GCM); the plain key is shown once, at creation. */
    secretKeyCiphertext: text('secret_key_ciphertext').notNull(),
    /**
     * SHA-256 of the secret key: how the public REST API finds the tenant from the key alone. The
     * key is 143 random bits, so a plain digest is as strong as a slow hash here.
     */
    secretKeyDigest: text('secret_key_digest').unique(),
    /**
     * The secret key before the last rotation, encrypted the same way, and until when it still
     * verifies: the overlap in which the tenant's servers move to the new key without downtime.
     */
    previousSecretKeyCiphertext: text('previous_secret_key_ciphertext'),
    previousSecretKeyDigest: text('previous_secret_key_digest'),
    previousSecretKeyValidUntil: timestamp('previous_secret_key_valid_until', { withTimezone: true }),
    /** Origins allowed to embed widgets and call the BFF from a browser (exact `scheme://host[:port]`). */
    allowedOrigins: text('allowed_origins').array().notNull().default(sql`'{}'::text[]`),
    /**
     * The traits a customer may set about themselves (a customer token's or a browser's identify).
     * Every other trait, and email and name, belongs to the tenant's server: plan, tier and country
     * decide targeting, offers and fraud checks, so a customer must not be able to rewrite them.
     */
    customerOwnedTraits: text('customer_owned_traits').array().notNull().default(sql`'{locale,timeZone}'::text[]`),
    /**
     * The Ed25519 key pair that signs the tenant's badge credentials (Open Badges 3.0), made with
     * the tenant. The public JWK is published in the issuer's DID document; the private JWK is
     * encrypted at rest like the secret key.
     */
    credentialPublicJwk: jsonb('credential_public_jwk').$type<JsonWebKey>(),
    credentialPrivateJwkCiphertext: text('credential_private_jwk_ciphertext'),
    /** The current key's fragment in the DID document (`#key-1`, then `#key-2` after a rotation…). */
    credentialKeyId: text('credential_key_id').notNull().default('key-1'),
    /**
     * Keys rotated out that still verify the credentials they signed (badges baked earlier carry
     * them): listed in the DID document beside the current one. A leaked key is dropped instead.
     */
    credentialRetiredKeys: jsonb('credential_retired_keys')
      .$type<{ id: string; publicJwk: JsonWebKey; retiredAt: string }[]>()
      .notNull()
      .default([]),
    /** The `--fw-*` tokens widgets are themed by unless the page sets its own (validated by contracts' widgetBranding). */
    branding: jsonb('branding').$type<Record<string, string>>().notNull().default({}),
    /** The language widgets speak when the element names none; null follows the page's `<html lang>`. */
    defaultLocale: text('default_locale').$type<'en' | 'zh-CN'>(),
    createdAt: createdAt(),
  },
  (t) => [index('tenants_previous_secret_key_digest').on(t.previousSecretKeyDigest)],
);
