import { createHash } from 'node:crypto';
import { type Db, schema } from '@flywheel/db';
import { eq } from 'drizzle-orm';
import { normalizeCode } from './codes.ts';

/**
 * A visit to `/r/<code>`: records the click once per anonymous visitor and answers where to send
 * them: the tenant's landing URL with `?ref=<code>&fw_click=<visitor id>`, which the landing page
 * passes to `identify` (traits `referral_code` and `referral_click`) when the friend signs up: the
 * visitor id ties the click, and its share channel, to the new customer. Null for an unknown code.
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
  target.searchParams.set('fw_click', visit.anonymousId);
  return target.toString();
}
