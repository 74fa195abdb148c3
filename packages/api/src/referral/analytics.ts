import { REFERRAL_CHANNELS } from '@flywheel/contracts/event-catalogue';
import { type Db, queryRows, schema } from '@flywheel/db';
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { recentWeeks, revenueFrom } from '../analytics/index.ts';
import { customersByIds } from '../customers/index.ts';
import { grantTotals } from '../rewards/index.ts';
import { kFactor } from './kfactor.ts';
import { REWARDED } from './lifecycle.ts';

// What the console's referral analytics lead with: the funnel and K-factor over time and per
// share channel, the referrers who bring the most friends, what rewards cost and still owe, and
// the revenue referred customers bring.

const TOP_REFERRERS = 10;

type Unit =
  | { type: 'credit'; currency: string; amount: number }
  | { type: 'points'; amount: number }
  | { type: 'coupon' | 'webhook'; count: number };

/** Grants of one status bucket, added up per unit. */
function units(rows: Awaited<ReturnType<typeof grantTotals>>): Unit[] {
  return rows.map((row): Unit => {
    if (row.type === 'credit') return { type: 'credit', currency: row.currency ?? 'USD', amount: row.amount ?? 0 };
    if (row.type === 'points') return { type: 'points', amount: row.amount ?? 0 };
    return { type: row.type, count: row.count };
  });
}

type ExperimentRef = { feature: string; key: string; variations: string[] };

export async function referralAnalytics(db: Db, tenantId: string, input: { weeks: number; now?: Date; experiments?: ExperimentRef[] }) {
  const weeks = recentWeeks(input.weeks, input.now);
  const from = weeks[0]?.from ?? new Date();
  const to = weeks.at(-1)?.to ?? new Date();

  const funnel = await kFactor(db, tenantId, { from, to });
  const weekly = [];
  for (const week of weeks) weekly.push({ weekStart: week.from.toISOString(), ...(await kFactor(db, tenantId, week)) });
  const channels = [];
  for (const channel of REFERRAL_CHANNELS) {
    const k = await kFactor(db, tenantId, { from, to, channel });
    if (k.invitesSent + k.clicks + k.signUps > 0) channels.push({ channel, ...k });
  }

  const experiments = [];
  for (const experiment of input.experiments ?? []) {
    const variations = [];
    for (const variationId of experiment.variations) {
      variations.push({
        id: variationId,
        ...(await kFactor(db, tenantId, { from, to, experiment: { key: experiment.key, variationId } })),
      });
    }
    experiments.push({ feature: experiment.feature, key: experiment.key, variations });
  }

  const r = schema.referrals;
  const top = await db
    .select({
      referrerId: r.referrerId,
      referred: sql<number>`count(*)::int`,
      rewarded: sql<number>`count(*) filter (where ${inArray(r.status, REWARDED)})::int`,
    })
    .from(r)
    .where(and(eq(r.tenantId, tenantId), gte(r.createdAt, from), lt(r.createdAt, to)))
    .groupBy(r.referrerId)
    .orderBy(sql`3 desc, 2 desc`)
    .limit(TOP_REFERRERS);
  const people = new Map(
    (
      await customersByIds(
        db,
        tenantId,
        top.map((t) => t.referrerId),
      )
    ).map((p) => [p.id, p]),
  );

  const totals = await grantTotals(db, tenantId, 'referral');
  const bucket = (status: string) => units(totals.filter((row) => row.status === status));

  // Referred friends: the customers a referral rewarded, by their own (external) id, as events name them.
  const referred = sql`(select c.external_id from referrals x join customers c on c.id = x.friend_id
    where x.tenant_id = ${tenantId} and x.status in ('pending', 'approved', 'paid'))`;
  // Qualified counts every friend who met the condition, also those held, rejected or refunded since;
  // rewarded (the K-factor's numerator) only those whose rewards stand.
  const [{ qualified = 0 } = {}] = await queryRows<{ qualified: number }>(
    db,
    sql`select count(*)::int as qualified from referrals where tenant_id = ${tenantId}
      and qualified_at >= ${from.toISOString()} and qualified_at < ${to.toISOString()}`,
  );

  return {
    from: from.toISOString(),
    to: to.toISOString(),
    funnel: {
      invites: funnel.invitesSent,
      clicks: funnel.clicks,
      signUps: funnel.signUps,
      qualified,
      rewarded: funnel.qualifiedFriends,
      activeReferrers: funnel.activeReferrers,
      kFactor: funnel.kFactor,
    },
    weekly,
    channels,
    /** Per running experiment of the referral center, the funnel of the referrers exposed to each variation. */
    experiments,
    topReferrers: top.map((t) => {
      const person = people.get(t.referrerId);
      return {
        id: person?.externalId ?? '',
        name: person?.name ?? null,
        email: person?.email ?? null,
        referred: t.referred,
        rewarded: t.rewarded,
      };
    }),
    /** Paid out; owed (approved, not paid yet); on hold (pending until their hold passes). */
    rewards: { paid: bucket('paid'), owed: bucket('approved'), pending: bucket('pending') },
    /** What referred friends paid in the range, per currency, as the tenant's server reported it. */
    revenue: await revenueFrom(db, tenantId, { from, to, users: referred }),
  };
}
