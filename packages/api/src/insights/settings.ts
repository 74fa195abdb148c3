import { type Db, schema, type Tx, type ValueLabelRule } from '@flywheel/db';
import { eq } from 'drizzle-orm';
import type { FeatureInputs } from '../analytics/index.ts';

export type InsightSettings = FeatureInputs & { labelRule: ValueLabelRule; tierFromTraits: boolean };

/** What a tenant without settings gets: the demo's events, the article's windows, the top fifth by revenue as high value. */
export const DEFAULT_SETTINGS: InsightSettings = {
  featureEvents: [],
  ticketEvent: 'support_ticket_opened',
  revenueEvent: 'subscription_started',
  revenueProperty: 'revenue',
  windows: { activeDays: 30, frequencyDays: 90, ticketDays: 90, monetaryDays: 365 },
  labelRule: { kind: 'top-monetary', share: 0.2 },
  tierFromTraits: false,
};

export async function insightSettingsOf(db: Db | Tx, tenantId: string): Promise<InsightSettings> {
  const [row] = await db.select().from(schema.insightSettings).where(eq(schema.insightSettings.tenantId, tenantId));
  if (!row) return DEFAULT_SETTINGS;
  const { featureEvents, ticketEvent, revenueEvent, revenueProperty, windows, labelRule, tierFromTraits } = row;
  return { featureEvents, ticketEvent, revenueEvent, revenueProperty, windows, labelRule, tierFromTraits };
}

export async function saveInsightSettings(db: Db, tenantId: string, settings: InsightSettings) {
  await db
    .insert(schema.insightSettings)
    .values({ tenantId, ...settings })
    .onConflictDoUpdate({ target: schema.insightSettings.tenantId, set: { ...settings, updatedAt: new Date() } });
}
