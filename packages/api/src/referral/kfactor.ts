import { type Db, queryRows } from '@flywheel/db';
import { type SQL, sql } from 'drizzle-orm';
import { countEvents, exposedUsers } from '../analytics/index.ts';

export type KFactorInput = {
  from: Date;
  to: Date;
  /** Only invites, clicks and referrals through this share channel (email, x, linkedin, whatsapp, qr, copy). */
  channel?: string | undefined;
  /** Only referrers exposed to this variation of this experiment (tracking key). */
  experiment?: { key: string; variationId: string } | undefined;
};

/**
 * The viral coefficient and the funnel behind it: K = invites per active referrer × invite
 * conversion (qualified friends / invites), over a date range, optionally per share channel and
 * per experiment variation.
 */
export async function kFactor(db: Db, tenantId: string, input: KFactorInput) {
  const from = input.from.toISOString();
  const to = input.to.toISOString();
  const { experiment } = input;
  const inVariation = (column: SQL) => (experiment ? sql`and ${column} in ${exposedUsers(tenantId, experiment)}` : sql``);
  const channel = (column: SQL) => (input.channel ? sql`and ${column} = ${input.channel}` : sql``);
  const referrerExternalId = sql`(select external_id from customers c where c.id = r.referrer_id)`;
  const codeOwner = sql`(select cu.external_id from referral_codes rc join customers cu on cu.id = rc.customer_id where rc.tenant_id = k.tenant_id and rc.code = k.code)`;

  const sent = await countEvents(db, tenantId, {
    event: 'referral_invite_sent',
    from: input.from,
    to: input.to,
    ...(input.channel ? { properties: { channel: input.channel } } : {}),
    exposedTo: experiment,
  });
  const [funnel = { clicks: 0, signups: 0, qualified: 0 }] = await queryRows<{ clicks: number; signups: number; qualified: number }>(
    db,
    sql`
    select
      (select count(*)::int from referral_clicks k where k.tenant_id = ${tenantId}
         and k.clicked_at >= ${from} and k.clicked_at < ${to} ${channel(sql`k.channel`)} ${inVariation(codeOwner)}) as clicks,
      (select count(*)::int from referrals r where r.tenant_id = ${tenantId}
         and r.created_at >= ${from} and r.created_at < ${to} ${channel(sql`r.channel`)} ${inVariation(referrerExternalId)}) as signups,
      (select count(*)::int from referrals r where r.tenant_id = ${tenantId} and r.status in ('pending', 'approved', 'paid')
         and r.qualified_at >= ${from} and r.qualified_at < ${to} ${channel(sql`r.channel`)} ${inVariation(referrerExternalId)}) as qualified
  `,
  );
  const row = { ...funnel, invites: sent.events, referrers: sent.customers };
  const invitesPerReferrer = row.referrers > 0 ? row.invites / row.referrers : 0;
  const conversion = row.invites > 0 ? row.qualified / row.invites : 0;
  return {
    activeReferrers: row.referrers,
    invitesSent: row.invites,
    clicks: row.clicks,
    signUps: row.signups,
    qualifiedFriends: row.qualified,
    invitesPerReferrer,
    inviteConversion: conversion,
    kFactor: invitesPerReferrer * conversion,
  };
}
