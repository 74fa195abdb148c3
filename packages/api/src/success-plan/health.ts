import type { HealthSettingsInput } from '@flywheel/contracts/success-plan';
import { type Db, type HealthBand, type HealthSignal, type HealthSignalName, schema, type Tx } from '@flywheel/db';
import { and, desc, eq, gte, isNotNull, lt, ne } from 'drizzle-orm';
import { currentStreak } from '../achievements/index.ts';
import { customerActivity } from '../analytics/index.ts';
import { addPeriods, type Emit, periodOf, timeZoneOf } from '../platform/index.ts';
import { planOf } from './service.ts';
import { DEFAULT_VALUE_FIGURES } from './value-report.ts';

const DAY_MS = 86_400_000;

export const DEFAULT_WEIGHTS: Record<HealthSignalName, number> = {
  active_days: 30,
  feature_breadth: 20,
  milestones_on_track: 20,
  support_tickets: 10,
  nps: 10,
  referrals_sent: 5,
  streak: 5,
  stories_published: 5,
};
const DEFAULT_FEATURES = ['report_created', 'dashboard_shared', 'teammate_invited', 'integration_connected'];

export type HealthModel = {
  weights: Record<HealthSignalName, number>;
  keyFeatures: string[];
  healthyFrom: number;
  atRiskFrom: number;
  alertDrop: number;
  nps: { minAccountDays: number; minActiveDays: number; everyDays: number };
};

export async function healthModelOf(db: Db | Tx, tenantId: string): Promise<HealthModel> {
  const [row] = await db.select().from(schema.healthSettings).where(eq(schema.healthSettings.tenantId, tenantId));
  return {
    weights: { ...DEFAULT_WEIGHTS, ...(row?.weights ?? {}) },
    keyFeatures: row?.keyFeatures ?? DEFAULT_FEATURES,
    healthyFrom: row?.healthyFrom ?? 70,
    atRiskFrom: row?.atRiskFrom ?? 40,
    alertDrop: row?.alertDrop ?? 15,
    nps: { minAccountDays: row?.npsMinAccountDays ?? 14, minActiveDays: row?.npsMinActiveDays ?? 3, everyDays: row?.npsEveryDays ?? 90 },
  };
}

/** The settings as the console shows and edits them: every default filled in. */
export async function healthSettingsOf(db: Db, tenantId: string) {
  const model = await healthModelOf(db, tenantId);
  const [row] = await db
    .select({ valueFigures: schema.healthSettings.valueFigures, planStartEvent: schema.healthSettings.planStartEvent })
    .from(schema.healthSettings)
    .where(eq(schema.healthSettings.tenantId, tenantId));
  return {
    weights: model.weights,
    keyFeatures: model.keyFeatures,
    healthyFrom: model.healthyFrom,
    atRiskFrom: model.atRiskFrom,
    alertDrop: model.alertDrop,
    npsMinAccountDays: model.nps.minAccountDays,
    npsMinActiveDays: model.nps.minActiveDays,
    npsEveryDays: model.nps.everyDays,
    valueFigures: row?.valueFigures ?? DEFAULT_VALUE_FIGURES,
    planStartEvent: row?.planStartEvent ?? null,
  };
}

/** The event that starts plans for this tenant, or null when plans start as the widget first opens. */
export async function planStartEventOf(db: Db | Tx, tenantId: string): Promise<string | null> {
  const [row] = await db
    .select({ event: schema.healthSettings.planStartEvent })
    .from(schema.healthSettings)
    .where(eq(schema.healthSettings.tenantId, tenantId));
  return row?.event ?? null;
}

/** Saves the settings; scores computed from now on use them (stored scores keep the signals they had). */
export async function saveHealthSettings(db: Db, tenantId: string, input: HealthSettingsInput) {
  await db
    .insert(schema.healthSettings)
    .values({ tenantId, ...input })
    .onConflictDoUpdate({ target: schema.healthSettings.tenantId, set: input });
  return healthSettingsOf(db, tenantId);
}

const BAND_RANK: Record<HealthBand, number> = { healthy: 2, at_risk: 1, critical: 0 };
export const bandOf = (score: number, model: HealthModel): HealthBand =>
  score >= model.healthyFrom ? 'healthy' : score >= model.atRiskFrom ? 'at_risk' : 'critical';

const clamp = (x: number) => Math.round(Math.max(0, Math.min(100, x)));

/**
 * A customer's health now: each signal normalised to 0–100, weighted, and the weighted mean.
 * Every signal says what it read (`raw`, `detail`), so a score can always explain itself.
 */
export async function computeHealth(
  db: Db | Tx,
  input: { tenantId: string; customer: { id: string; externalId: string; traits: Record<string, unknown> }; now: Date; model: HealthModel },
): Promise<{ score: number; band: HealthBand; signals: HealthSignal[] }> {
  const { tenantId, customer, now, model } = input;
  const timeZone = timeZoneOf(customer.traits);
  const recent = await customerActivity(db, tenantId, customer.externalId, {
    from: new Date(now.getTime() - 14 * DAY_MS),
    to: now,
    timeZone,
  });
  const month = await customerActivity(db, tenantId, customer.externalId, {
    from: new Date(now.getTime() - 30 * DAY_MS),
    to: now,
    timeZone,
  });
  const featuresUsed = model.keyFeatures.filter((event) => (month.counts[event] ?? 0) > 0).length;
  const tickets = month.counts.support_ticket_opened ?? 0;
  const referrals = month.counts.referral_invite_sent ?? 0;
  const stories = month.counts.ugc_published ?? 0;

  const plan = await planOf(db, tenantId, customer.id);
  let milestones = { value: 100, raw: 0, due: 0 };
  if (plan) {
    const day = Math.round((Date.parse(periodOf(now, timeZone, 'daily')) - Date.parse(plan.plan.startedOn)) / DAY_MS);
    const due = plan.template.milestones.filter((m) => m.targetDay <= day);
    const done = await db
      .select({ item: schema.planCompletions.item })
      .from(schema.planCompletions)
      .where(eq(schema.planCompletions.planId, plan.plan.id));
    const doneDue = due.filter((m) => done.some((d) => d.item === m.key)).length;
    milestones = { value: due.length === 0 ? 100 : (doneDue / due.length) * 100, raw: doneDue, due: due.length };
  }
  const [nps] = await db
    .select({ score: schema.npsResponses.score })
    .from(schema.npsResponses)
    .where(
      and(
        eq(schema.npsResponses.tenantId, tenantId),
        eq(schema.npsResponses.customerId, customer.id),
        isNotNull(schema.npsResponses.score),
      ),
    )
    .orderBy(desc(schema.npsResponses.createdAt))
    .limit(1);
  const streak = await currentStreak(db, tenantId, customer, now);
  const daysSinceActive = recent.lastActiveAt ? Math.floor((now.getTime() - recent.lastActiveAt.getTime()) / DAY_MS) : 14;

  const read: Record<HealthSignalName, { raw: number; value: number; detail?: Record<string, number> }> = {
    // Active on 10 of the last 14 days is full marks.
    active_days: { raw: recent.activeDays, value: clamp((recent.activeDays / 10) * 100), detail: { daysSinceActive } },
    feature_breadth: {
      raw: featuresUsed,
      value: clamp((featuresUsed / Math.max(model.keyFeatures.length, 1)) * 100),
      detail: { of: model.keyFeatures.length },
    },
    milestones_on_track: { raw: milestones.raw, value: clamp(milestones.value), detail: { due: milestones.due } },
    support_tickets: { raw: tickets, value: clamp(100 - tickets * 25) },
    // No answer yet reads as neutral.
    nps: { raw: nps?.score ?? -1, value: nps?.score == null ? 50 : clamp(nps.score * 10) },
    referrals_sent: { raw: referrals, value: clamp(referrals * 50) },
    streak: { raw: streak, value: clamp((streak / 7) * 100) },
    // A story the moderators accepted: a customer invested enough to teach others.
    stories_published: { raw: stories, value: clamp(stories * 100) },
  };
  const total = Object.values(model.weights).reduce((a, b) => a + b, 0) || 1;
  const signals = (Object.keys(read) as HealthSignalName[])
    .filter((signal) => model.weights[signal] > 0)
    .map((signal) => {
      const { raw, value, detail } = read[signal];
      const weight = model.weights[signal];
      return { signal, raw, value, weight, contribution: Math.round(((value * weight) / total) * 10) / 10, ...(detail ? { detail } : {}) };
    });
  const score = clamp(signals.reduce((sum, s) => sum + (s.value * s.weight) / total, 0));
  return { score, band: bandOf(score, model), signals };
}

/** How each signal's share of the score moved since an earlier score, largest fall first. */
export function explain(now: HealthSignal[], before: HealthSignal[]) {
  return now
    .map((s) => ({
      signal: s.signal,
      change: Math.round((s.contribution - (before.find((b) => b.signal === s.signal)?.contribution ?? 0)) * 10) / 10,
      ...(s.detail ? { detail: s.detail } : {}),
    }))
    .sort((a, b) => a.change - b.change);
}

/**
 * Computes and stores today's score (one row per customer per day), and opens a risk alert when
 * the band dropped since the last score, or the score fell by the tenant's alert drop within 7
 * days. One alert is in flight per customer: a further drop updates it. The alert carries the
 * explanation, and `customer_health_dropped` tells the tenant (webhooks deliver it).
 */
export async function recordHealth(
  ctx: { tx: Tx; emit: Emit },
  input: { tenantId: string; customer: { id: string; externalId: string; traits: Record<string, unknown> }; now: Date },
) {
  const { tenantId, customer, now } = input;
  const model = await healthModelOf(ctx.tx, tenantId);
  const health = await computeHealth(ctx.tx, { ...input, model });
  const today = periodOf(now, timeZoneOf(customer.traits), 'daily');
  const h = schema.healthScores;
  const week = await ctx.tx
    .select()
    .from(h)
    .where(and(eq(h.tenantId, tenantId), eq(h.customerId, customer.id), gte(h.day, addPeriods(today, -7, 'daily')), lt(h.day, today)))
    .orderBy(desc(h.day));
  const row = { score: health.score, band: health.band, signals: health.signals, computedAt: now };
  await ctx.tx
    .insert(h)
    .values({ tenantId, customerId: customer.id, day: today, ...row })
    .onConflictDoUpdate({ target: [h.tenantId, h.customerId, h.day], set: row });

  const last = week[0];
  const best = week.reduce<(typeof week)[number] | undefined>((top, r) => (!top || r.score > top.score ? r : top), undefined);
  const bandDropped = last !== undefined && BAND_RANK[health.band] < BAND_RANK[last.band];
  const fell = best !== undefined && best.score - health.score >= model.alertDrop;
  if (!bandDropped && !fell) return health;
  const before = (bandDropped ? last : best) as (typeof week)[number];
  const alert = {
    score: health.score,
    previousScore: before.score,
    band: health.band,
    previousBand: before.band,
    explanation: explain(health.signals, before.signals).filter((e) => e.change < 0),
    openedAt: now,
  };
  const a = schema.healthAlerts;
  const [opened] = await ctx.tx
    .insert(a)
    .values({ tenantId, customerId: customer.id, ...alert })
    .onConflictDoUpdate({ target: [a.tenantId, a.customerId], targetWhere: ne(a.status, 'resolved'), set: alert })
    .returning({ id: a.id });
  await ctx.emit(ctx.tx, {
    tenantId,
    messageId: `health:${customer.id}:${today}:dropped`,
    event: 'customer_health_dropped',
    userId: customer.externalId,
    properties: {
      alert_id: opened?.id ?? null,
      score: health.score,
      previous_score: before.score,
      band: health.band,
      previous_band: before.band,
      signals: alert.explanation.map((e) => e.signal),
    },
  });
  return health;
}

/** The tenant's customers by their latest score, lowest first, with last week's score for the trend. */
export async function customersByHealth(db: Db, tenantId: string) {
  const rows = await db
    .select({ score: schema.healthScores, customer: schema.customers.externalId, name: schema.customers.name })
    .from(schema.healthScores)
    .innerJoin(schema.customers, eq(schema.customers.id, schema.healthScores.customerId))
    .where(eq(schema.healthScores.tenantId, tenantId))
    .orderBy(desc(schema.healthScores.day))
    .limit(5000);
  const latest = new Map<
    string,
    { customer: string; name: string | null; day: string; score: number; band: HealthBand; weekAgo: number | null }
  >();
  for (const { score, customer, name } of rows) {
    const seen = latest.get(score.customerId);
    if (!seen) latest.set(score.customerId, { customer, name, day: score.day, score: score.score, band: score.band, weekAgo: null });
    else if (seen.weekAgo === null && score.day <= addPeriods(seen.day, -7, 'daily')) seen.weekAgo = score.score;
  }
  return [...latest.values()].sort((a, b) => a.score - b.score);
}

/** One customer's score history (oldest first), each day with its signals: the chart and its explanations. */
export async function healthHistory(db: Db, tenantId: string, customerId: string, days = 90) {
  return db
    .select({
      day: schema.healthScores.day,
      score: schema.healthScores.score,
      band: schema.healthScores.band,
      signals: schema.healthScores.signals,
    })
    .from(schema.healthScores)
    .where(and(eq(schema.healthScores.tenantId, tenantId), eq(schema.healthScores.customerId, customerId)))
    .orderBy(desc(schema.healthScores.day))
    .limit(days)
    .then((rows) => rows.reverse());
}

/** The tenant's alerts, newest first; one customer's when `customerId` is given. */
export async function alertsOf(db: Db, tenantId: string, customerId?: string) {
  const rows = await db
    .select({
      alert: schema.healthAlerts,
      customer: schema.customers.externalId,
      name: schema.customers.name,
      assignee: schema.consoleUsers.email,
    })
    .from(schema.healthAlerts)
    .innerJoin(schema.customers, eq(schema.customers.id, schema.healthAlerts.customerId))
    .leftJoin(schema.consoleUsers, eq(schema.consoleUsers.id, schema.healthAlerts.assignee))
    .where(and(eq(schema.healthAlerts.tenantId, tenantId), customerId ? eq(schema.healthAlerts.customerId, customerId) : undefined))
    .orderBy(desc(schema.healthAlerts.openedAt))
    .limit(200);
  return rows.map(({ alert, customer, name, assignee }) => ({
    ...alert,
    openedAt: alert.openedAt.toISOString(),
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    customer,
    name,
    assigneeEmail: assignee,
  }));
}

/** Assigns an alert to a console user, or resolves it with the note saying what was done. */
export async function updateAlert(
  db: Db,
  tenantId: string,
  input: { id: string; action: 'assign'; assignee: string } | { id: string; action: 'resolve'; note: string },
) {
  const change =
    input.action === 'assign'
      ? { status: 'assigned' as const, assignee: input.assignee }
      : { status: 'resolved' as const, note: input.note, resolvedAt: new Date() };
  const [row] = await db
    .update(schema.healthAlerts)
    .set(change)
    .where(
      and(eq(schema.healthAlerts.tenantId, tenantId), eq(schema.healthAlerts.id, input.id), ne(schema.healthAlerts.status, 'resolved')),
    )
    .returning({ id: schema.healthAlerts.id, status: schema.healthAlerts.status });
  return row ?? null;
}
