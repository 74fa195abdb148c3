import type { CursorPage } from '@flywheel/contracts/pagination';
import type { ReferralStatusName } from '@flywheel/contracts/referral';
import type { RewardSpec } from '@flywheel/contracts/rewards';
import { type Db, queryRows, schema } from '@flywheel/db';
import { TRPCError } from '@trpc/server';
import { stringify } from 'csv-stringify/sync';
import { and, desc, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { customersByIds, customersMatching } from '../customers/index.ts';
import { grantsBySourceKeys } from '../rewards/index.ts';
import { normalizeCode } from './codes.ts';

// The console's view of every referral: the list marketers search, filter and export, and the
// review queue moderators decide from, each row with the people, their history and the amounts.

export type ReferralFilter = {
  /** `held`: waiting for a decision; `decided`: a moderator approved or rejected it. */
  view: 'all' | 'held' | 'decided';
  status?: ReferralStatusName | undefined;
  channel?: string | undefined;
  /** Part of a name, email, customer id, or a code. */
  search?: string | undefined;
};

/** A CSV export holds at most this many referrals, newest first. */
export const EXPORT_LIMIT = 10_000;

function conditions(tenantId: string, filter: ReferralFilter): SQL | undefined {
  const r = schema.referrals;
  const search = filter.search?.trim();
  const code = search ? normalizeCode(search) : null;
  return and(
    eq(r.tenantId, tenantId),
    filter.view === 'held' ? eq(r.status, 'held') : undefined,
    filter.view === 'decided' ? sql`${r.decidedAt} is not null` : undefined,
    filter.status ? eq(r.status, filter.status) : undefined,
    filter.channel ? eq(r.channel, filter.channel) : undefined,
    search
      ? or(
          inArray(r.referrerId, customersMatching(tenantId, search)),
          inArray(r.friendId, customersMatching(tenantId, search)),
          code ? eq(r.code, code) : undefined,
        )
      : undefined,
  );
}

type Person = { id: string; name: string | null; email: string | null };
type Reward = { spec: RewardSpec; status: string } | null;

/** The rows, with both people, both rewards, the referrer's record and who decided. */
async function detailed(db: Db, tenantId: string, rows: (typeof schema.referrals.$inferSelect)[]) {
  const people = new Map(
    (
      await customersByIds(
        db,
        tenantId,
        rows.flatMap((r) => [r.referrerId, r.friendId]),
      )
    ).map((p) => [p.id, { id: p.externalId, name: p.name, email: p.email }]),
  );
  const grants = new Map(
    (
      await grantsBySourceKeys(
        db,
        tenantId,
        rows.flatMap((r) => [`referral:${r.id}:referrer`, `referral:${r.id}:friend`]),
      )
    ).map((g) => [g.sourceKey, { spec: g.spec, status: g.status }]),
  );
  const referrerIds = [...new Set(rows.map((r) => r.referrerId))];
  const history = new Map(
    referrerIds.length === 0
      ? []
      : (
          await queryRows<{ referrer_id: string; referred: number; rewarded: number; rejected: number }>(
            db,
            sql`select referrer_id, count(*)::int as referred,
                  count(*) filter (where status in ('pending', 'approved', 'paid'))::int as rewarded,
                  count(*) filter (where status = 'rejected')::int as rejected
                from referrals where tenant_id = ${tenantId} and referrer_id in ${referrerIds} group by referrer_id`,
          )
        ).map((h) => [h.referrer_id, { referred: h.referred, rewarded: h.rewarded, rejected: h.rejected }]),
  );
  const deciders = new Map(
    (
      await db
        .select({ id: schema.consoleUsers.id, email: schema.consoleUsers.email })
        .from(schema.consoleUsers)
        .where(
          inArray(
            schema.consoleUsers.id,
            rows.flatMap((r) => (r.decidedBy ? [r.decidedBy] : [])),
          ),
        )
    ).map((u) => [u.id, u.email]),
  );
  const unknown: Person = { id: '', name: null, email: null };
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    code: r.code,
    channel: r.channel,
    signedUpAt: r.createdAt.toISOString(),
    qualifiedAt: r.qualifiedAt?.toISOString() ?? null,
    referrer: people.get(r.referrerId) ?? unknown,
    friend: people.get(r.friendId) ?? unknown,
    signals: r.signals,
    rewards: {
      referrer: (grants.get(`referral:${r.id}:referrer`) ?? null) satisfies Reward,
      friend: (grants.get(`referral:${r.id}:friend`) ?? null) satisfies Reward,
    },
    /** What the referrer did before: how many friends they brought, how many were rewarded or rejected. */
    referrerHistory: history.get(r.referrerId) ?? { referred: 0, rewarded: 0, rejected: 0 },
    decision: r.decidedAt
      ? { by: r.decidedBy ? (deciders.get(r.decidedBy) ?? null) : null, at: r.decidedAt.toISOString(), note: r.decisionNote }
      : null,
  }));
}

export type ConsoleReferral = Awaited<ReturnType<typeof detailed>>[number];

/**
 * A page of the tenant's referrals, newest first (the review queue: oldest qualified first, the
 * order they wait in). The cursor is the last row's id and sign-up time.
 */
export async function referralsForConsole(
  db: Db,
  tenantId: string,
  filter: ReferralFilter,
  page: { cursor?: string | null | undefined; limit: number },
): Promise<CursorPage<ConsoleReferral>> {
  const r = schema.referrals;
  const cursor = page.cursor ? /^(\d{13})_([0-9a-f-]{36})$/.exec(page.cursor) : null;
  if (page.cursor && !cursor) throw new TRPCError({ code: 'BAD_REQUEST', message: 'cursor: pass back the nextCursor of the page before' });
  const after = cursor
    ? or(lt(r.createdAt, new Date(Number(cursor[1]))), and(eq(r.createdAt, new Date(Number(cursor[1]))), lt(r.id, cursor[2] ?? '')))
    : undefined;
  const rows = await db
    .select()
    .from(r)
    .where(and(conditions(tenantId, filter), after))
    .orderBy(desc(r.createdAt), desc(r.id))
    .limit(page.limit + 1);
  const items = await detailed(db, tenantId, rows.slice(0, page.limit));
  const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
  return { items, nextCursor: last ? `${last.createdAt.getTime()}_${last.id}` : null };
}

/**
 * A cell as a spreadsheet will not run it: names and emails are the customers' own words, and a
 * leading =, +, - or @ makes Excel and Sheets read a formula (CSV injection).
 */
const inert = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

const rewardText = (reward: Reward) => {
  if (!reward) return '';
  const { spec } = reward;
  const amount =
    spec.type === 'credit'
      ? `${spec.amount} ${spec.currency}`
      : spec.type === 'points'
        ? `${spec.amount} points`
        : spec.type === 'coupon'
          ? `coupon ${spec.code ?? ''}`.trim()
          : spec.type;
  return `${amount} (${reward.status})`;
};

/** The filtered referrals as CSV, newest first, one row each: for a spreadsheet or a payout run. */
export async function referralsCsv(db: Db, tenantId: string, filter: ReferralFilter): Promise<string> {
  const r = schema.referrals;
  const rows = await db.select().from(r).where(conditions(tenantId, filter)).orderBy(desc(r.createdAt), desc(r.id)).limit(EXPORT_LIMIT);
  const referrals = await detailed(db, tenantId, rows);
  const header = [
    'referral_id',
    'status',
    'signed_up_at',
    'qualified_at',
    'channel',
    'code',
    'referrer_id',
    'referrer_name',
    'referrer_email',
    'friend_id',
    'friend_name',
    'friend_email',
    'referrer_reward',
    'friend_reward',
    'signals',
    'decided_by',
    'decision_note',
  ];
  const lines = referrals.map((x) => [
    x.id,
    x.status,
    x.signedUpAt,
    x.qualifiedAt ?? '',
    x.channel ?? '',
    x.code,
    x.referrer.id,
    x.referrer.name ?? '',
    x.referrer.email ?? '',
    x.friend.id,
    x.friend.name ?? '',
    x.friend.email ?? '',
    rewardText(x.rewards.referrer),
    rewardText(x.rewards.friend),
    x.signals.map((s) => s.code).join(' '),
    x.decision?.by ?? '',
    x.decision?.note ?? '',
  ]);
  return stringify([header, ...lines.map((line) => line.map(inert))]);
}
