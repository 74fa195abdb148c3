import { createHash } from 'node:crypto';
import { type Db, schema } from '@flywheel/db';
import { eq } from 'drizzle-orm';
import { normalizeCode } from './codes.ts';

/**
 * A visit to `/r/<code>`: records the click once per anonymous visitor and answers where to send
 * them: the tenant's landing URL with `?ref=<code>`, which the landing page passes to `identify`
 * (trait `referral_code`) when the friend signs up. Null for an unknown code.
 */
export async function followLink(
  db: Db,
  rawCode: string,
  visit: { anonymousId: string; channel: string | null; ip: string; userAgent: string },
): Promise<string | null> {
  const code = normalizeCode(rawCode);
  if (!code) return null;
  const [owner] = await db
    .select({ tenantId: schema.referralCodes.tenantId, landingUrl: schema.referralPrograms.landingUrl })
    .from(schema.referralCodes)
    .innerJoin(schema.referralPrograms, eq(schema.referralPrograms.tenantId, schema.referralCodes.tenantId))
    .where(eq(schema.referralCodes.code, code));
  if (!owner) return null;
  await db
    .insert(schema.referralClicks)
    .values({
      tenantId: owner.tenantId,
      code,
      anonymousId: visit.anonymousId,
      channel: visit.channel,
      fingerprint: createHash('sha256').update(`${visit.ip}|${visit.userAgent}`).digest('hex'),
    })
    .onConflictDoNothing();
  const target = new URL(owner.landingUrl);
  target.searchParams.set('ref', code);
  return target.toString();
}
