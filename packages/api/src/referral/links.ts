import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { type Db, schema } from '@flywheel/db';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Client } from '../context.ts';
import { isPrivateAddress } from '../net.ts';
import { normalizeCode } from './codes.ts';

/** SHA-256 of IP address and user agent: enough to spot a self-referral, nothing to identify anyone by. */
const fingerprintOf = (client: Client) => createHash('sha256').update(`${client.ip}|${client.userAgent}`).digest('hex');

/**
 * The referrer opened their referral center from this network and browser: a friend's click from
 * the same is a self-referral signal (`same_network`). Only a public address says anything about
 * one person (behind a proxy or on localhost everyone shares one). Written at most hourly per
 * fingerprint, since it runs on every widget load.
 */
export async function recordSighting(db: Db, tenantId: string, customerId: string, client: Client) {
  if (isIP(client.ip) === 0 || isPrivateAddress(client.ip)) return;
  const s = schema.referrerSightings;
  await db
    .insert(s)
    .values({ tenantId, customerId, fingerprint: fingerprintOf(client) })
    .onConflictDoUpdate({
      target: [s.tenantId, s.customerId, s.fingerprint],
      set: { seenAt: sql`now()` },
      setWhere: lt(s.seenAt, sql`now() - interval '1 hour'`),
    });
}

/**
 * A visit to `/r/<code>`: records the click once per anonymous visitor and answers where to send
 * them: the tenant's landing URL with `?ref=<code>&fw_click=<visitor id>`, which the landing page
 * passes to `identify` (traits `referral_code` and `referral_click`) when the friend signs up: the
 * visitor id ties the click, and its share channel, to the new customer. Null for an unknown code.
 */
export async function followLink(
  db: Db,
  rawCode: string,
  visit: {
    anonymousId: string;
    /** Whether the client sent the visitor cookie; one that did not is matched by fingerprint. */
    returning: boolean;
    channel: string | null;
  } & Client,
): Promise<string | null> {
  const code = normalizeCode(rawCode);
  if (!code) return null;
  const [owner] = await db
    .select({ tenantId: schema.referralCodes.tenantId, landingUrl: schema.referralPrograms.landingUrl })
    .from(schema.referralCodes)
    .innerJoin(schema.referralPrograms, eq(schema.referralPrograms.tenantId, schema.referralCodes.tenantId))
    .where(eq(schema.referralCodes.code, code));
  if (!owner) return null;
  const fingerprint = fingerprintOf(visit);
  // A client that keeps no cookies would count a click per request: within a day, the same IP and
  // user agent on the same code is the same visitor, and keeps that visitor's id.
  const [seen] = visit.returning
    ? []
    : await db
        .select({ anonymousId: schema.referralClicks.anonymousId })
        .from(schema.referralClicks)
        .where(
          and(
            eq(schema.referralClicks.tenantId, owner.tenantId),
            eq(schema.referralClicks.code, code),
            eq(schema.referralClicks.fingerprint, fingerprint),
            gt(schema.referralClicks.clickedAt, sql`now() - interval '1 day'`),
          ),
        )
        .limit(1);
  const anonymousId = seen?.anonymousId ?? visit.anonymousId;
  if (!seen) {
    await db
      .insert(schema.referralClicks)
      .values({ tenantId: owner.tenantId, code, anonymousId, channel: visit.channel, fingerprint })
      .onConflictDoNothing();
  }
  const target = new URL(owner.landingUrl);
  target.searchParams.set('ref', code);
  target.searchParams.set('fw_click', anonymousId);
  return target.toString();
}
