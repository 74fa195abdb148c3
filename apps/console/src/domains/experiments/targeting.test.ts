import { type ConditionInterface, GrowthBook } from '@growthbook/growthbook';
import { describe, expect, it } from 'vitest';
import { conditionFromRules, parseValues, rulesFromCondition } from './targeting.ts';

/** Whether GrowthBook itself would put a customer with these attributes in the experiment. */
function matches(condition: Record<string, unknown> | null, attributes: Record<string, unknown>) {
  const gb = new GrowthBook({ attributes }).initSync({
    payload: {
      features: {
        f: { defaultValue: false, rules: [{ ...(condition ? { condition: condition as ConditionInterface } : {}), force: true }] },
      },
    },
  });
  return gb.isOn('f');
}

describe('targeting builder', () => {
  it('writes GrowthBook conditions that GrowthBook evaluates as the marketer meant', () => {
    const condition = conditionFromRules([
      { attribute: 'plan', operator: '$in', values: ['pro', 'team'] },
      { attribute: 'country', operator: '$nin', values: ['US'] },
      { attribute: 'tier', operator: '$in', values: [] },
    ]);
    expect(condition).toEqual({ plan: { $in: ['pro', 'team'] }, country: { $nin: ['US'] } });
    expect(matches(condition, { plan: 'pro', country: 'CN' })).toBe(true);
    expect(matches(condition, { plan: 'team', country: 'US' })).toBe(false);
    expect(matches(condition, { plan: 'free', country: 'CN' })).toBe(false);
    expect(conditionFromRules([])).toBeNull();
  });

  it('reads back what it wrote, and refuses to edit conditions it cannot write', () => {
    const rules = [{ attribute: 'locale' as const, operator: '$in' as const, values: ['zh-CN'] }];
    expect(rulesFromCondition(conditionFromRules(rules))).toEqual(rules);
    expect(rulesFromCondition({ plan: 'pro' })).toEqual([{ attribute: 'plan', operator: '$in', values: ['pro'] }]);
    expect(rulesFromCondition(null)).toEqual([]);
    expect(rulesFromCondition({ id: 'bob' })).toBeNull();
    expect(rulesFromCondition({ plan: { $regex: '^p' } })).toBeNull();
    expect(rulesFromCondition({ $or: [{ plan: 'pro' }] })).toBeNull();
  });

  it('splits values on English and Chinese commas', () => {
    expect(parseValues(' pro, team ，enterprise,, ')).toEqual(['pro', 'team', 'enterprise']);
  });
});
