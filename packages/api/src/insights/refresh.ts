import type { CustomerSegments, RfmTier } from '@flywheel/contracts/flag-attributes';
import { type Db, schema } from '@flywheel/db';
import { stringify } from 'csv-stringify/sync';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { type CustomerFeatureRow, customerFeatures, firstTimesOf } from '../analytics/index.ts';
import { allCustomers, setSegments } from '../customers/index.ts';
import { latestBandsAndGroups } from '../success-plan/index.ts';
import { type Forest, loadForest, predictForest, type SerializedForest, serializeForest } from './forest.ts';
import { bandOfProbability, type Labelled, modelRow, topMonetaryLabels, trainValueModel } from './model.ts';
import { rfmScores, tierOf } from './rfm.ts';
import { type InsightSettings, insightSettingsOf } from './settings.ts';

const DAY_MS = 86_400_000;
/** A model is retrained once it is this old (the nightly refresh checks). */
export const RETRAIN_AFTER_DAYS = 7;

export type RefreshOptions = {
  now: Date;
  /** `now` trains whatever the model's age (the console's and the CLI's "train now"). */
  train: 'if-due' | 'now';
  onProgress?: (step: 'features' | 'training' | 'scoring' | 'saving', done: number, total: number) => void;
};

const emptyFeatures = (userId: string): CustomerFeatureRow => ({
  userId,
  login_freq: 0,
  feature_usage: 0,
  support_tickets: 0,
  recency_days: null,
  frequency: 0,
  monetary: 0,
  referrals_sent: 0,
  streak: 0,
  accepted_ugc: 0,
});

/** The latest trained model (skipped runs excluded), loaded. */
async function currentModel(db: Db, tenantId: string) {
  const [row] = await db
    .select()
    .from(schema.valueModels)
    .where(and(eq(schema.valueModels.tenantId, tenantId), isNull(schema.valueModels.skippedReason)))
    .orderBy(desc(schema.valueModels.version))
    .limit(1);
  if (!row?.forest || !row.thresholds) return null;
  return { version: row.version, trainedAt: row.trainedAt, thresholds: row.thresholds, forest: loadForest(row.forest as SerializedForest) };
}

/** Labels by the tenant's rule; customers the rule cannot judge yet (too young to have upgraded in time) are left out. */
async function labelled(
  db: Db,
  tenantId: string,
  settings: InsightSettings,
  customers: { externalId: string; firstSeenAt: Date }[],
  features: CustomerFeatureRow[],
  now: Date,
): Promise<Labelled[]> {
  const rule = settings.labelRule;
  if (rule.kind === 'top-monetary') {
    const labels = topMonetaryLabels(features, rule.share);
    return features.map((f, i) => ({ features: f, label: labels[i] ?? 0 }));
  }
  const firsts = await firstTimesOf(db, tenantId, rule.event);
  return customers.flatMap((customer, i) => {
    if (now.getTime() - customer.firstSeenAt.getTime() < rule.withinDays * DAY_MS) return [];
    const first = firsts.get(customer.externalId);
    const did = first !== undefined && first.getTime() - customer.firstSeenAt.getTime() <= rule.withinDays * DAY_MS;
    return [{ features: features[i] as CustomerFeatureRow, label: did ? 1 : 0 }];
  });
}

/** Every customer with their features, R/F/M scores and tier as of `now`: what a refresh and an export both start from. */
async function scoreCustomers(db: Db, tenantId: string, now: Date) {
  const settings = await insightSettingsOf(db, tenantId);
  const customers = await allCustomers(db, tenantId);
  const byUser = new Map((await customerFeatures(db, tenantId, settings, now)).map((row) => [row.userId, row]));
  const features = customers.map((c) => byUser.get(c.externalId) ?? emptyFeatures(c.externalId));
  const recencyCap = settings.windows.monetaryDays + 1;
  const { r, f, m } = rfmScores(features, recencyCap);
  const tiers: RfmTier[] = customers.map((c, i) =>
    tierOf({ r: r[i] ?? 1, f: f[i] ?? 1, m: m[i] ?? 1 }, (now.getTime() - c.firstSeenAt.getTime()) / DAY_MS),
  );
  return { settings, customers, features, recencyCap, r, f, m, tiers };
}

/**
 * The feature table for data people, one row per customer with the article's column names
 * (`login_freq`, `feature_usage`, `support_tickets`, `high_value`) and the rest: its pandas and
 * scikit-learn example runs on it unchanged. `high_value` is blank where the label rule cannot
 * judge the customer yet.
 */
export async function featureTable(db: Db, tenantId: string, now: Date) {
  const { settings, customers, features, tiers } = await scoreCustomers(db, tenantId, now);
  const labels = new Map(
    (await labelled(db, tenantId, settings, customers, features, now)).map((example) => [example.features.userId, example.label]),
  );
  return customers.map((customer, i) => {
    const { userId, ...values } = features[i] as CustomerFeatureRow;
    return { customer_id: userId, ...values, tier: tiers[i] ?? 'new', high_value: labels.get(customer.externalId) ?? null };
  });
}

/** The feature table as CSV (`customer_data.csv`), with a header row. */
export async function featureTableCsv(db: Db, tenantId: string, now: Date): Promise<string> {
  const rows = await featureTable(db, tenantId, now);
  return stringify(rows, { header: true, columns: rows[0] ? Object.keys(rows[0]) : ['customer_id', 'high_value'] });
}

/**
 * Recomputes every customer's features, RFM tier and predicted value, retrains the model when it
 * is due, and writes each customer's segments (with their health band and NPS group) for
 * targeting. Idempotent: running it twice on the same day leaves the same rows.
 */
export async function refreshInsights(db: Db, tenantId: string, options: RefreshOptions) {
  const started = performance.now();
  const { now } = options;
  options.onProgress?.('features', 0, 1);
  const { settings, customers, features, recencyCap, r, f, m, tiers } = await scoreCustomers(db, tenantId, now);
  options.onProgress?.('features', 1, 1);

  let model = await currentModel(db, tenantId);
  let training: { version: number; rocAuc: number | null } | { skipped: string } | null = null;
  const due = !model || now.getTime() - model.trainedAt.getTime() >= RETRAIN_AFTER_DAYS * DAY_MS;
  if (options.train === 'now' || due) {
    const examples = await labelled(db, tenantId, settings, customers, features, now);
    const trainStarted = performance.now();
    const outcome = trainValueModel(examples, recencyCap, undefined, (done, total) => options.onProgress?.('training', done, total));
    const [last] = await db
      .select({ version: schema.valueModels.version })
      .from(schema.valueModels)
      .where(eq(schema.valueModels.tenantId, tenantId))
      .orderBy(desc(schema.valueModels.version))
      .limit(1);
    const version = (last?.version ?? 0) + 1;
    const common = {
      tenantId,
      version,
      trainedAt: now,
      windows: settings.windows,
      labelRule: settings.labelRule,
      customers: examples.length,
      positives: examples.filter((e) => e.label === 1).length,
    };
    if ('skipped' in outcome) {
      await db.insert(schema.valueModels).values({ ...common, skippedReason: outcome.skipped });
      training = { skipped: outcome.skipped };
    } else {
      const { forest, evaluation, importances, thresholds } = outcome.trained;
      await db.insert(schema.valueModels).values({
        ...common,
        evaluation,
        importances,
        thresholds,
        forest: serializeForest(forest),
        trainingMs: performance.now() - trainStarted,
      });
      model = { version, trainedAt: now, thresholds, forest };
      training = { version, rocAuc: evaluation.rocAuc };
    }
  }

  options.onProgress?.('scoring', 0, customers.length);
  const probabilities = model ? scoreAll(model.forest, features, recencyCap) : null;
  options.onProgress?.('scoring', customers.length, customers.length);

  const known = await latestBandsAndGroups(db, tenantId);
  const day = now.toISOString().slice(0, 10);
  const rows = customers.map((c, i) => {
    const probability = probabilities?.[i] ?? null;
    return {
      tenantId,
      customerId: c.id,
      features: featureValues(features[i] as CustomerFeatureRow),
      recencyScore: r[i] ?? 1,
      frequencyScore: f[i] ?? 1,
      monetaryScore: m[i] ?? 1,
      tier: tiers[i] as RfmTier,
      valueProbability: probability,
      valueBand: probability === null || !model ? null : bandOfProbability(probability, model.thresholds),
      modelVersion: probability === null ? null : (model?.version ?? null),
      computedAt: now,
    };
  });
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      options.onProgress?.('saving', i, rows.length);
      await tx
        .insert(schema.customerInsights)
        .values(chunk)
        .onConflictDoUpdate({
          target: [schema.customerInsights.tenantId, schema.customerInsights.customerId],
          set: {
            features: sql`excluded.features`,
            recencyScore: sql`excluded.recency_score`,
            frequencyScore: sql`excluded.frequency_score`,
            monetaryScore: sql`excluded.monetary_score`,
            tier: sql`excluded.tier`,
            valueProbability: sql`excluded.value_probability`,
            valueBand: sql`excluded.value_band`,
            modelVersion: sql`excluded.model_version`,
            computedAt: sql`excluded.computed_at`,
          },
        });
      await tx
        .insert(schema.tierHistory)
        .values(chunk.map((row) => ({ tenantId, customerId: row.customerId, day, tier: row.tier })))
        .onConflictDoUpdate({
          target: [schema.tierHistory.tenantId, schema.tierHistory.customerId, schema.tierHistory.day],
          set: { tier: sql`excluded.tier` },
        });
    }
    await setSegments(
      tx,
      tenantId,
      rows.map((row) => {
        const segments: CustomerSegments = { ...known.get(row.customerId) };
        if (!settings.tierFromTraits) segments.tier = row.tier;
        if (row.valueBand) segments.valueBand = row.valueBand;
        return { customerId: row.customerId, segments };
      }),
    );
  });
  options.onProgress?.('saving', rows.length, rows.length);
  const counts = Object.fromEntries([...new Set(tiers)].map((tier) => [tier, tiers.filter((t) => t === tier).length])) as Partial<
    Record<RfmTier, number>
  >;
  return { customers: customers.length, tiers: counts, training, modelVersion: model?.version ?? null, ms: performance.now() - started };
}

const scoreAll = (forest: Forest, features: CustomerFeatureRow[], recencyCap: number) =>
  predictForest(
    forest,
    features.map((row) => modelRow(row, recencyCap)),
  );

/** The stored feature values: the row without its customer id. */
function featureValues(row: CustomerFeatureRow): Record<string, number | null> {
  const { userId: _, ...values } = row;
  return values;
}
