/**
 * The targeting builder's model: one row per attribute, combined with AND, written as a GrowthBook
 * condition (`{ plan: { $in: ['pro'] }, country: { $nin: ['US'] } }`) and read back from one.
 */
export const TARGETING_ATTRIBUTES = ['plan', 'tier', 'valueBand', 'healthBand', 'npsGroup', 'locale', 'country', 'channel'] as const;
export type TargetingAttribute = (typeof TARGETING_ATTRIBUTES)[number];
export type TargetingRule = { attribute: TargetingAttribute; operator: '$in' | '$nin'; values: string[] };

/** What the builder writes: attribute → `{ $in: [...] }` or `{ $nin: [...] }`. */
export type BuiltCondition = Record<string, Record<string, string[]>>;

export function conditionFromRules(rules: TargetingRule[]): BuiltCondition | null {
  const usable = rules.filter((r) => r.values.length > 0);
  if (usable.length === 0) return null;
  return Object.fromEntries(usable.map((r) => [r.attribute, { [r.operator]: r.values }]));
}

/**
 * Rules for a condition the builder can edit, or null when it uses more than the builder writes
 * (a condition from a definition file, say): the console then shows it read-only.
 */
export function rulesFromCondition(condition: Record<string, unknown> | null): TargetingRule[] | null {
  if (!condition) return [];
  const rules: TargetingRule[] = [];
  for (const [attribute, test] of Object.entries(condition)) {
    if (!(TARGETING_ATTRIBUTES as readonly string[]).includes(attribute)) return null;
    const attr = attribute as TargetingAttribute;
    if (typeof test === 'string') {
      rules.push({ attribute: attr, operator: '$in', values: [test] });
      continue;
    }
    if (!test || typeof test !== 'object' || Array.isArray(test)) return null;
    const entries = Object.entries(test);
    const [operator, values] = entries[0] ?? [];
    if (entries.length !== 1 || (operator !== '$in' && operator !== '$nin')) return null;
    if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) return null;
    rules.push({ attribute: attr, operator, values });
  }
  return rules;
}

/** "pro, team ,," → ["pro", "team"] */
export const parseValues = (text: string) =>
  text
    .split(/[,，]/)
    .map((v) => v.trim())
    .filter(Boolean);
