import { z } from 'zod';
import { SUPPORTED_LOCALES } from './widget.ts';

const key = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/,
    'must look like <widget>.<name> (lowercase, dots between parts, e.g. referral-center.enabled)',
  );
const id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be lowercase letters, digits, - or _ (at most 40)');

/** Every operator GrowthBook's SDK evaluates (1.8.0); an unknown one would silently match nobody. */
const CONDITION_OPERATORS = new Set(
  (
    '$or $nor $and $not $savedGroup $eq $ne $lt $lte $gt $gte $regex $regexi $in $nin $ini $nini $all $alli $elemMatch ' +
    '$size $exists $type $inGroup $notInGroup $veq $vne $vgt $vgte $vlt $vlte'
  ).split(' '),
);

/** The first operator in `value` GrowthBook does not know, if any (walked without recursion). */
function unknownOperator(value: unknown): string | null {
  const stack = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    for (const [key, child] of Object.entries(node)) {
      if (key.startsWith('$') && !CONDITION_OPERATORS.has(key)) return key;
      stack.push(child);
    }
  }
  return null;
}

/** A GrowthBook targeting condition (GrowthBook's Mongo-like condition syntax, mongrule), with known operators only. */
export const condition = z.record(z.string(), z.json()).check((ctx) => {
  const operator = unknownOperator(ctx.value);
  if (operator) ctx.issues.push({ code: 'custom', message: `${operator} is not a GrowthBook condition operator`, input: ctx.value });
});

const copyText = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/**
 * A copy variation's text in every language widgets speak (widgets show it as plain text, with
 * placeholders such as {{referrer}} filled in); written in the console, or in the file after a pull.
 */
export const copyTexts = z
  .object(
    Object.fromEntries(SUPPORTED_LOCALES.map((locale) => [locale, copyText])) as Record<
      (typeof SUPPORTED_LOCALES)[number],
      typeof copyText
    >,
  )
  .strict();
export type CopyTexts = z.infer<typeof copyTexts>;

const valueTypes = { boolean: z.boolean(), string: z.string(), number: z.number(), json: z.json() } as const;
export type ValueType = keyof typeof valueTypes;

const weightsSumToOne = (weights: number[]) => Math.abs(weights.reduce((a, b) => a + b, 0) - 1) < 0.001;

export const experimentDefinition = z.object({
  /** The tracking key exposures carry as `experiment_id`; defaults to the feature key. */
  key: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,79}$/)
    .optional(),
  hypothesis: z.string().min(10).max(2000),
  goalMetrics: z.array(z.string()).min(1),
  guardrailMetrics: z.array(z.string()).default([]),
  targeting: condition.optional(),
  coverage: z.number().min(0).max(1).default(1),
  weights: z.array(z.number().min(0).max(1)).refine(weightsSumToOne, 'must add up to 1').optional(),
  /**
   * The variations tested, control first; absent = every variation of the feature, in order. A
   * console-created experiment tests the copy it was created for, not every copy ever written.
   */
  variations: z.array(id).min(2).max(20).optional(),
  hashAttribute: z.enum(['id', 'deviceId']).default('id'),
  /** Experiments in the same namespace never share a unit: each takes its own slice of it. */
  namespace: z
    .object({ name: id, range: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]) })
    .refine((ns) => ns.range[0] < ns.range[1], { message: 'range must go from low to high', path: ['range'] })
    .optional(),
});

export const featureDefinition = z
  .object({
    key,
    /** The widget that owns the feature (a folder under apps/). */
    widget: z.string().regex(/^[a-z][a-z0-9-]*$/),
    description: z.string().min(10).max(500),
    valueType: z.enum(['boolean', 'string', 'number', 'json']),
    defaultValue: z.json(),
    /** `texts`: copy a widget shows for the variation instead of its own messages. */
    variations: z.array(z.object({ id, value: z.json(), texts: copyTexts.optional() })).min(2),
    /**
     * What the tenant's global holdout is served (customers kept out of every experiment and
     * rollout, to measure what Flywheel adds as a whole); absent = defaultValue. A widget's kill
     * switch sets false, so held-out customers do not see the widget at all.
     */
    holdoutValue: z.json().optional(),
    experiment: experimentDefinition.optional(),
  })
  .superRefine((feature, ctx) => {
    const schema = valueTypes[feature.valueType];
    if (!schema.safeParse(feature.defaultValue).success) {
      ctx.addIssue({ code: 'custom', path: ['defaultValue'], message: `must be a ${feature.valueType}` });
    }
    feature.variations.forEach((variation, index) => {
      if (!schema.safeParse(variation.value).success) {
        ctx.addIssue({ code: 'custom', path: ['variations', index, 'value'], message: `must be a ${feature.valueType}` });
      }
    });
    if (feature.holdoutValue !== undefined && !schema.safeParse(feature.holdoutValue).success) {
      ctx.addIssue({ code: 'custom', path: ['holdoutValue'], message: `must be a ${feature.valueType}` });
    }
    const ids = feature.variations.map((v) => v.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['variations'], message: 'variation ids must be unique' });
    const tested = feature.experiment?.variations;
    tested?.forEach((variationId, index) => {
      if (!ids.includes(variationId))
        ctx.addIssue({ code: 'custom', path: ['experiment', 'variations', index], message: `must be one of ${ids.join(', ')}` });
    });
    if (tested && new Set(tested).size !== tested.length)
      ctx.addIssue({ code: 'custom', path: ['experiment', 'variations'], message: 'a variation is tested once' });
    const testedCount = tested?.length ?? feature.variations.length;
    const weights = feature.experiment?.weights;
    if (weights && weights.length !== testedCount) {
      ctx.addIssue({
        code: 'custom',
        path: ['experiment', 'weights'],
        message: `needs one weight per variation (${testedCount})`,
      });
    }
    if (feature.widget !== feature.key.split('.')[0]) {
      ctx.addIssue({ code: 'custom', path: ['key'], message: `must start with its widget (${feature.widget}.)` });
    }
  });
export type FeatureDefinition = z.infer<typeof featureDefinition>;

export const metricDefinition = z
  .object({
    key: id,
    description: z.string().max(500).optional(),
    /** The event (track event name) the metric counts. */
    event: z.string().min(1).max(200),
    type: z.enum(['binomial', 'count', 'mean']),
    /** For `mean`: the numeric event property averaged per unit. */
    property: z.string().min(1).max(64).optional(),
    /** Conversions count only within this many hours after a unit's first exposure. */
    conversionWindowHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(72),
    /** `decrease` for metrics where lower is better (errors, churn). */
    goal: z.enum(['increase', 'decrease']).default('increase'),
  })
  .refine((m) => m.type !== 'mean' || m.property !== undefined, {
    message: 'a mean metric needs the property it averages',
    path: ['property'],
  });
export type MetricDefinition = z.infer<typeof metricDefinition>;

export const metricsFile = z.object({ metrics: z.array(metricDefinition).min(1) });
