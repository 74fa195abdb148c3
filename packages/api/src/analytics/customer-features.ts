import { type Db, queryRows } from '@flywheel/db';
import { sql } from 'drizzle-orm';

/** The events and windows the features are computed over (a tenant's insight settings). */
export type FeatureInputs = {
  featureEvents: string[];
  ticketEvent: string;
  revenueEvent: string;
  revenueProperty: string;
  windows: { activeDays: number; frequencyDays: number; ticketDays: number; monetaryDays: number };
};

/** One customer's behaviour, with the article's column names where it has them. */
export type CustomerFeatureRow = {
  userId: string;
  /** Active days in the last `activeDays`. */
  login_freq: number;
  /** Distinct key feature events used in the last `activeDays`. */
  feature_usage: number;
  support_tickets: number;
  /** Days since the customer's last own event, to the hundredth (null: none in the windows). */
  recency_days: number | null;
  /** Active days in the last `frequencyDays`. */
  frequency: number;
  monetary: number;
  referrals_sent: number;
  streak: number;
  accepted_ugc: number;
};

// Events that say nothing about what the customer does with the product.
const NOT_USAGE = ['experiment_viewed', 'widget_error'];

/**
 * Every customer's features from the events table, in one pass over the tenant's last
 * `monetaryDays` of events. Activity is what the customer's browser or the tenant's server
 * recorded (not what Flywheel's domains derived from it); a non-numeric revenue value counts 0.
 */
export async function customerFeatures(db: Db, tenantId: string, inputs: FeatureInputs, now: Date): Promise<CustomerFeatureRow[]> {
  const { windows } = inputs;
  const since = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
  const own = sql`producer in ('customer', 'server')`;
  const keyFeature =
    inputs.featureEvents.length > 0
      ? sql`event in (${sql.join(
          inputs.featureEvents.map((e) => sql`${e}`),
          sql`, `,
        )})`
      : sql`${own} and event not in (${sql.join(
          NOT_USAGE.map((e) => sql`${e}`),
          sql`, `,
        )})`;
  const earliest = since(Math.max(windows.activeDays, windows.frequencyDays, windows.ticketDays, windows.monetaryDays));
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select user_id,
        count(distinct date_trunc('day', "timestamp")) filter (where ${own} and "timestamp" >= ${since(windows.activeDays)})::int as login_freq,
        count(distinct event) filter (where type = 'track' and ${keyFeature} and "timestamp" >= ${since(windows.activeDays)})::int as feature_usage,
        count(*) filter (where event = ${inputs.ticketEvent} and "timestamp" >= ${since(windows.ticketDays)})::int as support_tickets,
        max("timestamp") filter (where ${own}) as last_seen,
        count(distinct date_trunc('day', "timestamp")) filter (where ${own} and "timestamp" >= ${since(windows.frequencyDays)})::int as frequency,
        coalesce(sum(case when jsonb_typeof(properties->${inputs.revenueProperty}) = 'number'
                          then (properties->>${inputs.revenueProperty})::double precision end)
                 filter (where event = ${inputs.revenueEvent} and "timestamp" >= ${since(windows.monetaryDays)}), 0)::double precision as monetary,
        count(*) filter (where event = 'referral_invite_sent')::int as referrals_sent,
        coalesce((array_agg((properties->>'current')::int order by "timestamp" desc) filter (where event = 'streak_extended'))[1], 0)::int as streak,
        count(*) filter (where event = 'ugc_published')::int as accepted_ugc
      from events
      where tenant_id = ${tenantId} and user_id is not null
        and "timestamp" >= ${earliest} and "timestamp" <= ${now.toISOString()}
      group by user_id`,
  );
  return rows.map((row) => {
    const lastSeen = row.last_seen ? new Date(String(row.last_seen)) : null;
    return {
      userId: String(row.user_id),
      login_freq: Number(row.login_freq),
      feature_usage: Number(row.feature_usage),
      support_tickets: Number(row.support_tickets),
      recency_days: lastSeen ? Math.round(((now.getTime() - lastSeen.getTime()) / 86_400_000) * 100) / 100 : null,
      frequency: Number(row.frequency),
      monetary: Number(row.monetary),
      referrals_sent: Number(row.referrals_sent),
      streak: Number(row.streak),
      accepted_ugc: Number(row.accepted_ugc),
    };
  });
}

/** When each customer first did `event` (tenant customer id → time): what "upgraded within 60 days" labels read. */
export async function firstTimesOf(db: Db, tenantId: string, event: string): Promise<Map<string, Date>> {
  const rows = await queryRows<{ user_id: string; first: string | Date }>(
    db,
    sql`select user_id, min("timestamp") as first from events
      where tenant_id = ${tenantId} and event = ${event} and user_id is not null group by user_id`,
  );
  return new Map(rows.map((row) => [row.user_id, new Date(row.first)]));
}
