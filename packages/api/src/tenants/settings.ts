import { isWildcardOrigin, type WidgetBranding } from '@flywheel/contracts/tenant';
import type { Locale } from '@flywheel/contracts/widget';
import { type Db, rotateSecretKey, type SecretsKey, schema, type Tx } from '@flywheel/db';
import { TRPCError } from '@trpc/server';
import { eq, sql } from 'drizzle-orm';

const MAX_ORIGINS = 20;

/** A tenant's publishable key: what flag attributes name the tenant by, browser and server alike. */
export async function publishableKeyOf(db: Db | Tx, tenantId: string): Promise<string> {
  const [tenant] = await db.select({ key: schema.tenants.publishableKey }).from(schema.tenants).where(eq(schema.tenants.id, tenantId));
  return tenant?.key ?? '';
}

/** The tenant a publishable key names, for tools that start from the key (the CLI). */
export async function tenantIdByKey(db: Db, publishableKey: string): Promise<string | null> {
  const [tenant] = await db.select({ id: schema.tenants.id }).from(schema.tenants).where(eq(schema.tenants.publishableKey, publishableKey));
  return tenant?.id ?? null;
}

/** What an engineer manages for their tenant: its name, publishable key, allowed origins, branding and language. */
export async function tenantSettings(db: Db, tenantId: string) {
  const [tenant] = await db
    .select({
      name: schema.tenants.name,
      publishableKey: schema.tenants.publishableKey,
      allowedOrigins: schema.tenants.allowedOrigins,
      branding: schema.tenants.branding,
      defaultLocale: schema.tenants.defaultLocale,
      credentialKeyId: schema.tenants.credentialKeyId,
      previousSecretKeyValidUntil: schema.tenants.previousSecretKeyValidUntil,
    })
    .from(schema.tenants)
    .where(eq(schema.tenants.id, tenantId));
  if (!tenant) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such tenant' });
  const { previousSecretKeyValidUntil, ...rest } = tenant;
  return {
    ...rest,
    wildcards: rest.allowedOrigins.filter(isWildcardOrigin),
    /** Test keys (pk_test_…) are for development and staging; live keys for production. */
    mode: rest.publishableKey.startsWith('pk_test_') ? ('test' as const) : ('live' as const),
    /** While the previous secret key still verifies (after a rotation); null outside an overlap. */
    previousSecretValidUntil:
      previousSecretKeyValidUntil && previousSecretKeyValidUntil > new Date() ? previousSecretKeyValidUntil.toISOString() : null,
  };
}

/** Sets the widgets' branding defaults (only the tokens given; none clears them) and default language. */
export async function setBranding(db: Db, tenantId: string, input: { branding: WidgetBranding; defaultLocale: Locale | null }) {
  const branding = Object.fromEntries(Object.entries(input.branding).filter((entry): entry is [string, string] => entry[1] !== undefined));
  await db.update(schema.tenants).set({ branding, defaultLocale: input.defaultLocale }).where(eq(schema.tenants.id, tenantId));
  return tenantSettings(db, tenantId);
}

/**
 * Allows one more origin to embed the tenant's widgets (once: adding it again changes nothing).
 * The caller forgets cached tenants afterwards, so the next request sees the change.
 */
export async function addOrigin(db: Db, tenantId: string, origin: string) {
  const current = await tenantSettings(db, tenantId);
  if (!current.allowedOrigins.includes(origin)) {
    if (current.allowedOrigins.length >= MAX_ORIGINS) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: `origin: a tenant allows at most ${MAX_ORIGINS} origins; remove one first` });
    }
    await db
      .update(schema.tenants)
      .set({ allowedOrigins: sql`array_append(${schema.tenants.allowedOrigins}, ${origin})` })
      .where(eq(schema.tenants.id, tenantId));
  }
  return tenantSettings(db, tenantId);
}

export async function removeOrigin(db: Db, tenantId: string, origin: string) {
  await db
    .update(schema.tenants)
    .set({ allowedOrigins: sql`array_remove(${schema.tenants.allowedOrigins}, ${origin})` })
    .where(eq(schema.tenants.id, tenantId));
  return tenantSettings(db, tenantId);
}

/**
 * A new secret key for the tenant (shown this once), with the old one still verifying for
 * `overlapHours`, so its servers switch without failed requests.
 */
export async function rotateSecret(db: Db, secretsKey: SecretsKey, tenantId: string, overlapHours: number) {
  const rotated = await rotateSecretKey(db, secretsKey, tenantId, overlapHours * 3_600_000);
  if (!rotated) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such tenant' });
  return { secretKey: rotated.secretKey, previousSecretValidUntil: rotated.previousValidUntil.toISOString() };
}
