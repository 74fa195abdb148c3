import { type Db, queryRows } from '@flywheel/db';
import { type SQL, sql } from 'drizzle-orm';

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
  const referrers: SQL = input.experiment
    ? sql`(select user_id from events where tenant_id = ${tenantId} and event = 'experiment_viewed'
           and properties->>'experiment_id' = ${input.experiment.key} and properties->>'variation_id' = ${input.experiment.variationId})`
    : sql`null`;
  const inVariation = (column: SQL) => (input.experiment ? sql`and ${column} in ${referrers}` : sql``);
  const channel = (column: SQL) => (input.channel ? sql`and ${column} = ${input.channel}` : sql``);
  const referrerExternalId = sql`(select external_id from customers c where c.id = r.referrer_id)`;
  const codeOwner = sql`(select cu.external_id from referral_codes rc join customers cu on cu.id = rc.customer_id where rc.tenant_id = k.tenant_id and rc.code = k.code)`;

  const [row = { invites: 0, referrers: 0, clicks: 0, signups: 0, qualified: 0 }] = await queryRows<{
    invites: number;
    referrers: number;
    clicks: number;
    signups: number;
    qualified: number;
  }>(
    db,
    sql`
    select
      (select count(*)::int from events e where e.tenant_id = ${tenantId} and e.event = 'referral_invite_sent'
         and e."timestamp" >= ${from} and e."timestamp" < ${to} ${channel(sql`e.properties->>'channel'`)} ${inVariation(sql`e.user_id`)}) as invites,
      (select count(distinct e.user_id)::int from events e where e.tenant_id = ${tenantId} and e.event = 'referral_invite_sent'
         and e."timestamp" >= ${from} and e."timestamp" < ${to} ${channel(sql`e.properties->>'channel'`)} ${inVariation(sql`e.user_id`)}) as referrers,
      (select count(*)::int from referral_clicks k where k.tenant_id = ${tenantId}
         and k.clicked_at >= ${from} and k.clicked_at < ${to} ${channel(sql`k.channel`)} ${inVariation(codeOwner)}) as clicks,
      (select count(*)::int from referrals r where r.tenant_id = ${tenantId}
         and r.created_at >= ${from} and r.created_at < ${to} ${channel(sql`r.channel`)} ${inVariation(referrerExternalId)}) as signups,
      (select count(*)::int from referrals r where r.tenant_id = ${tenantId} and r.status in ('pending', 'approved', 'paid')
         and r.qualified_at >= ${from} and r.qualified_at < ${to} ${channel(sql`r.channel`)} ${inVariation(referrerExternalId)}) as qualified
  `,
  );
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
