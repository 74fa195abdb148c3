import type { MetricDefinition } from '@flywheel/contracts/experiments';
import type { ExperimentDimension } from '@flywheel/contracts/flag-attributes';
import { type Db, queryRows } from '@flywheel/db';
import { type SQL, sql } from 'drizzle-orm';

export type MetricTotals = { sum: number; sumSquares: number };
export type VariationTotals = { variationId: string; users: number; metrics: Record<string, MetricTotals> };
export type ExperimentTotals = {
  variations: VariationTotals[];
  /** Units exposed to more than one variation: excluded, and shown as a health warning. */
  multipleExposureUnits: number;
  /** Units with more metric events than a person produces (a script, a flood): excluded, and shown too. */
  implausibleUnits: number;
};

/**
 * More metric events than this from one unit in one experiment is not a person using the product
 * but a script or a replay loop: the unit would swing a mean or a count on its own.
 */
export const IMPLAUSIBLE_EVENTS_PER_UNIT = 1000;

/**
 * How results can be cut: by the UTC day of each unit's first exposure (for results over time),
 * or by a dimension recorded on the exposure (its value at the unit's first exposure).
 */
export type ExperimentSlice = { by: 'day' } | { by: 'dimension'; dimension: ExperimentDimension };

type AggregateInput = { tenantId: string; experimentKey: string; metrics: MetricDefinition[]; from: Date; to: Date };

/** One unit's value for a metric, from its events inside the conversion window. */
function unitValue(metric: MetricDefinition, index: number): SQL {
  const inWindow = sql`e.event = ${metric.event} and e."timestamp" < u.first_exposure + make_interval(hours => ${metric.conversionWindowHours})`;
  const column = sql.raw(`m${index}`);
  if (metric.type === 'binomial') return sql`(count(*) filter (where ${inWindow}) > 0)::int as ${column}`;
  if (metric.type === 'count') return sql`count(*) filter (where ${inWindow}) as ${column}`;
  return sql`coalesce(sum((e.properties->>${metric.property ?? ''})::double precision) filter (where ${inWindow}), 0) as ${column}`;
}

/**
 * GrowthBook's three-step aggregation (GrowthBook's SqlIntegration, experiment metric statistics), in one query over the events table:
 * exposures → one row per unit (its variation, `__multiple__` if it saw more than one, its first
 * exposure and its slice); metric events after the first exposure and inside each metric's window
 * → one value per unit and metric; then per slice and variation `users`, `sum` and `sum of
 * squares`. A unit is the customer id, or the device id for anonymous visitors.
 */
async function aggregateRows(db: Db, input: AggregateInput, slice: ExperimentSlice | null): Promise<Record<string, unknown>[]> {
  const { tenantId, experimentKey, metrics, from, to } = input;
  const events = [...new Set(metrics.map((m) => m.event))];
  const perUnit = metrics.length > 0 ? sql.join(metrics.map(unitValue), sql`, `) : sql`0 as m0`;
  const totals = metrics.map((_, i) => sql.raw(`sum(m${i})::double precision as s${i}, sum(m${i} * m${i})::double precision as q${i}`));
  const sliceOf =
    slice === null
      ? sql`''`
      : slice.by === 'day'
        ? sql`to_char(min("timestamp") at time zone 'UTC', 'YYYY-MM-DD')`
        : sql`(array_agg(properties->>${slice.dimension} order by "timestamp"))[1]`;
  const query = sql`
    with units as (
      select coalesce(user_id, anonymous_id) as unit,
             case when count(distinct properties->>'variation_id') > 1 then '__multiple__'
                  else max(properties->>'variation_id') end as variation,
             min("timestamp") as first_exposure,
             ${sliceOf} as slice
      from events
      where tenant_id = ${tenantId} and event = 'experiment_viewed'
        and properties->>'experiment_id' = ${experimentKey}
        and "timestamp" >= ${from.toISOString()} and "timestamp" < ${to.toISOString()}
      group by 1
    ),
    per_unit as (
      select u.unit, u.slice, ${perUnit},
             case when u.variation <> '__multiple__' and count(e.id) > ${IMPLAUSIBLE_EVENTS_PER_UNIT}
                  then '__implausible__' else u.variation end as variation
      from units u
      left join events e
        on e.tenant_id = ${tenantId}
       and coalesce(e.user_id, e.anonymous_id) = u.unit
       and e.event in (${
         events.length > 0
           ? sql.join(
               events.map((name) => sql`${name}`),
               sql`, `,
             )
           : sql`null`
       })
       and e."timestamp" >= u.first_exposure
      group by u.unit, u.variation, u.slice
    )
    select slice, variation, count(*)::int as users${totals.length > 0 ? sql`, ${sql.join(totals, sql`, `)}` : sql``}
    from per_unit
    group by slice, variation
    order by slice, variation`;
  // The per-unit hash aggregate outgrows Postgres' default 4 MB work_mem at around a million
  // events and spills to disk; give this one query room (SET LOCAL ends with the transaction).
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local work_mem = '128MB'`);
    return queryRows<Record<string, unknown>>(tx, query);
  });
}

function totalsOf(rows: Record<string, unknown>[], metrics: MetricDefinition[]): ExperimentTotals {
  const variations: VariationTotals[] = [];
  let multipleExposureUnits = 0;
  let implausibleUnits = 0;
  for (const row of rows) {
    const users = Number(row.users);
    if (row.variation === '__multiple__') {
      multipleExposureUnits = users;
      continue;
    }
    if (row.variation === '__implausible__') {
      implausibleUnits = users;
      continue;
    }
    variations.push({
      variationId: String(row.variation),
      users,
      metrics: Object.fromEntries(
        metrics.map((m, i) => [m.key, { sum: Number(row[`s${i}`] ?? 0), sumSquares: Number(row[`q${i}`] ?? 0) }]),
      ),
    });
  }
  return { variations, multipleExposureUnits, implausibleUnits };
}

/** An experiment's totals per variation over the whole range. */
export async function aggregateExperiment(db: Db, input: AggregateInput): Promise<ExperimentTotals> {
  return totalsOf(await aggregateRows(db, input, null), input.metrics);
}

/**
 * An experiment's totals per variation within each slice, in slice order (days ascending); the
 * `null` slice holds units whose exposures did not record the dimension.
 */
export async function aggregateExperimentSlices(
  db: Db,
  input: AggregateInput,
  slice: ExperimentSlice,
): Promise<{ slice: string | null; totals: ExperimentTotals }[]> {
  const rows = await aggregateRows(db, input, slice);
  // Rows arrive ordered by slice (Map.groupBy needs Node 21).
  const bySlice = new Map<string | null, Record<string, unknown>[]>();
  for (const row of rows) {
    const key = row.slice === null ? null : String(row.slice);
    bySlice.set(key, [...(bySlice.get(key) ?? []), row]);
  }
  return [...bySlice].map(([key, sliceRows]) => ({ slice: key, totals: totalsOf(sliceRows, input.metrics) }));
}
