import { describe, expect, it } from 'vitest';
import { minimumDetectableEffect, unitsPerVariationFor } from './power.ts';

describe('sample size and minimum detectable effect (two-sided, α = 0.05, 80 % power)', () => {
  // Worked by hand: a 10 % conversion rate has σ² = 0.1 · 0.9 = 0.09; detecting +10 % means
  // δ = 0.01; (z₀.₉₇₅ + z₀.₈)² = (1.959964 + 0.841621)² = 7.848879; n = 2 · 0.09 · 7.848879 / 0.01²
  // = 14,127.98, so 14,128 customers per variation.
  const tenPercent = { kind: 'proportion', n: 1000, sum: 100 } as const;

  it('needs 14,128 customers per variation to detect +10 % on a 10 % rate', () => {
    expect(unitsPerVariationFor(tenPercent, 0.1)).toBe(14_128);
  });

  it('detects +10 % with those 14,128 customers, and +20 % with a quarter of them', () => {
    expect(minimumDetectableEffect(tenPercent, 14_128)).toBeCloseTo(0.1, 4);
    expect(minimumDetectableEffect(tenPercent, 14_128 / 4)).toBeCloseTo(0.2, 4);
  });

  it('has nothing to plan from while the control has no conversions', () => {
    expect(unitsPerVariationFor({ kind: 'proportion', n: 50, sum: 0 }, 0.1)).toBeNull();
    expect(minimumDetectableEffect({ kind: 'proportion', n: 50, sum: 0 }, 1000)).toBeNull();
  });
});
