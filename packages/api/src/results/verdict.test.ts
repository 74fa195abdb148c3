import { frequentistTest } from '@flywheel/stats';
import { describe, expect, it } from 'vitest';
import { clipInterval, verdictOf } from './verdict.ts';

const rate = (sum: number, n: number) => ({ kind: 'proportion', n, sum }) as const;

describe('results a person can read', () => {
  it('cuts a rate’s interval at what the rate can do: no lower than −100 %, no rate above 100 %', () => {
    // 3 of 20 against 13 of 25: the normal approximation reaches past both ends.
    const control = rate(3, 20);
    const result = frequentistTest(control, rate(13, 25));
    expect(result.ci[1]).toBeGreaterThan(1 / 0.15 - 1);
    expect(result.ci[0]).toBeLessThan(-1);
    expect(clipInterval(result.ci, { type: 'binomial' }, control)).toEqual([-1, 1 / 0.15 - 1]);
    expect(clipInterval([-1.491, 6.424], { type: 'count' }, rate(3, 20))).toEqual([-1, 6.424]);
  });

  it('says "no change" when neither side converted, not "not enough data"', () => {
    const zero = rate(0, 40);
    expect(verdictOf({ goal: 'decrease' }, zero, rate(0, 38), frequentistTest(zero, rate(0, 38)))).toBe('no-change');
  });

  it('calls a significant lift better or worse in the metric’s own direction', () => {
    const control = rate(100, 1000);
    const treatment = rate(150, 1000);
    const result = frequentistTest(control, treatment);
    expect(result.pValue).toBeLessThan(0.05);
    expect(verdictOf({ goal: 'increase' }, control, treatment, result)).toBe('better');
    expect(verdictOf({ goal: 'decrease' }, control, treatment, result)).toBe('worse');
    const close = rate(104, 1000);
    expect(verdictOf({ goal: 'increase' }, control, close, frequentistTest(control, close))).toBe('inconclusive');
  });
});
