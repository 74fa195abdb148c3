import type { Db } from '@flywheel/db';
import { activeUnitsByWeek, mondayUtc, WEEK_MS as WEEK } from '../analytics/index.ts';
import { kFactor } from '../referral/index.ts';

export type GrowthWeek = {
  /** Monday 00:00 UTC that starts the week. */
  weekStart: string;
  kFactor: number;
  invitesPerReferrer: number;
  inviteConversion: number;
  /** Customers with any event that week. */
  activeCustomers: number;
  /** Per widget: customers who used it that week (any event it recorded) and their share of the active customers. */
  participation: Record<string, { participants: number; rate: number }>;
};

/**
 * The growth dashboard: per week, the referral K-factor and how many active customers used each
 * widget. Participation counts customers (user id, else device id) whose events carry the widget's
 * name, which widget-kit adds to every event a widget records.
 */
export async function growthByWeek(db: Db, tenantId: string, weeks: number, now = new Date()): Promise<GrowthWeek[]> {
  const firstWeek = new Date(mondayUtc(now).getTime() - (weeks - 1) * WEEK);
  const end = new Date(mondayUtc(now).getTime() + WEEK);
  const rows = await activeUnitsByWeek(db, tenantId, firstWeek, end);

  const byWeek = new Map<number, { active: number; widgets: Map<string, number> }>();
  for (const row of rows) {
    const week = Date.parse(`${row.week}T00:00:00Z`);
    const entry = byWeek.get(week) ?? { active: 0, widgets: new Map<string, number>() };
    if (row.widget === null) entry.active = Number(row.units);
    else entry.widgets.set(row.widget, Number(row.units));
    byWeek.set(week, entry);
  }

  const out: GrowthWeek[] = [];
  for (let start = firstWeek.getTime(); start < end.getTime(); start += WEEK) {
    const k = await kFactor(db, tenantId, { from: new Date(start), to: new Date(start + WEEK) });
    const entry = byWeek.get(start);
    const active = entry?.active ?? 0;
    out.push({
      weekStart: new Date(start).toISOString(),
      kFactor: k.kFactor,
      invitesPerReferrer: k.invitesPerReferrer,
      inviteConversion: k.inviteConversion,
      activeCustomers: active,
      participation: Object.fromEntries(
        [...(entry?.widgets ?? [])].map(([widget, participants]) => [
          widget,
          { participants, rate: active > 0 ? participants / active : 0 },
        ]),
      ),
    });
  }
  return out;
}
