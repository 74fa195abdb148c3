import { describe, expect, it } from 'vitest';
import { bayesianTest, frequentistTest, type Stats, srmHealth, srmPValue, ZERO_NEGATIVE_VARIANCE } from './index.ts';

// gbstats' published unit-test values (packages/stats/tests in the GrowthBook repository), which
// it rounds to 5 decimals: agreement within 1e-5.
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-5);
const closeAll = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  for (const [i, a] of actual.entries()) close(a, expected[i] ?? Number.NaN);
};

const meanA: Stats = { kind: 'mean', sum: 1396.87, sumSquares: 52377.9767, n: 3407 };
const meanB: Stats = { kind: 'mean', sum: 2422.7, sumSquares: 134698.29, n: 3461 };

describe('frequentistTest matches gbstats', () => {
  it('two-sided t-test, relative (test_two_sided_ttest)', () => {
    const result = frequentistTest(meanA, meanB);
    close(result.expected, (0.7 - 0.41) / 0.41);
    closeAll(result.ci, [-0.03526, 1.44989]);
    close(result.pValue, 0.06191);
  });

  it('two-sided t-test, absolute (test_two_sided_ttest_absolute)', () => {
    const result = frequentistTest(meanA, meanB, { difference: 'absolute' });
    close(result.expected, 0.29);
    closeAll(result.ci, [0.04538, 0.53462]);
    close(result.pValue, 0.02016);
  });

  it('proportions (test_two_sided_ttest_binom)', () => {
    const result = frequentistTest({ kind: 'proportion', sum: 14, n: 28 }, { kind: 'proportion', sum: 16, n: 30 });
    close(result.expected, (16 / 30 - 0.5) / 0.5);
    closeAll(result.ci, [-0.47767, 0.61101]);
    close(result.pValue, 0.80707);
  });

  it('returns the default output when a variance is not positive (test_two_sided_ttest_missing_variance)', () => {
    expect(frequentistTest({ ...meanA, n: 2 }, meanB)).toEqual({
      expected: 0,
      ci: [0, 0],
      pValue: 1,
      errorMessage: ZERO_NEGATIVE_VARIANCE,
    });
  });

  it('sequential, tuning 1000 (test_sequential_test_runs)', () => {
    const result = frequentistTest({ ...meanA, n: 3000 }, meanB, { sequentialTuning: 1000 });
    close(result.expected, 0.50336);
    closeAll(result.ci, [-0.55844, 1.56516]);
    close(result.pValue, 1);
  });

  it('sequential proportions at the default tuning 5000 (test_sequential_test_runs_prop)', () => {
    const result = frequentistTest(
      { kind: 'proportion', sum: 1396, n: 3000 },
      { kind: 'proportion', sum: 2422, n: 3461 },
      { sequentialTuning: 5000 },
    );
    close(result.expected, 0.50386);
    closeAll(result.ci, [0.40098, 0.60675]);
    close(result.pValue, 0);
  });

  it('sequential intervals are widest when the tuning is far too small (test_sequential_test_tuning_as_expected)', () => {
    const width = (tuning: number) => {
      const { ci } = frequentistTest({ ...meanA, n: 3000 }, meanB, { sequentialTuning: tuning });
      return ci[1] - ci[0];
    };
    expect(width(10)).toBeGreaterThan(width(10_000));
    expect(width(10_000)).toBeGreaterThan(width(6461));
  });
});

describe('bayesianTest matches gbstats', () => {
  it('proportions, flat prior (TestBinom)', () => {
    const result = bayesianTest({ kind: 'proportion', sum: 49, n: 100 }, { kind: 'proportion', sum: 51, n: 100 });
    close(result.expected, 0.04082);
    closeAll(result.ci, [-0.24779, 0.32943]);
    close(result.chanceToWin, 0.60918);
    closeAll(result.risk, [0.0814, 0.04058]);
  });

  it('means, flat prior (TestNorm)', () => {
    const result = bayesianTest(
      { kind: 'mean', sum: 100, sumSquares: 1002.25, n: 10 },
      { kind: 'mean', sum: 105, sumSquares: 1111.5, n: 10 },
    );
    close(result.expected, 0.05);
    closeAll(result.ci, [-0.02, 0.12]);
    close(result.chanceToWin, 0.91923);
    closeAll(result.risk, [0.05131, 0.00131]);
  });

  it('returns chance 0.5 with no data (test_missing_data)', () => {
    const empty: Stats = { kind: 'proportion', sum: 0, n: 0 };
    expect(bayesianTest(empty, empty)).toMatchObject({ chanceToWin: 0.5, expected: 0 });
  });
});

describe('worked by hand', () => {
  // Control 100/1000 converted, treatment 120/1000.
  // p_A = 0.1, var_A = 0.09; p_B = 0.12, var_B = 0.1056.
  // Relative lift = 0.02 / 0.1 = 0.2.
  // Var = 0.1056 / (1000 · 0.01) + 0.09 · 0.0144 / (1000 · 0.0001) = 0.01056 + 0.01296 = 0.02352; SE = 0.153362.
  const a: Stats = { kind: 'proportion', sum: 100, n: 1000 };
  const b: Stats = { kind: 'proportion', sum: 120, n: 1000 };

  it('a flat-prior posterior is N(0.2, 0.153362²): chance to win Φ(0.2 / 0.153362) = Φ(1.30410) = 0.90390', () => {
    const result = bayesianTest(a, b);
    close(result.expected, 0.2);
    close(result.chanceToWin, 0.903899);
    closeAll(result.ci, [0.2 - 1.959964 * 0.153362, 0.2 + 1.959964 * 0.153362]);
  });

  it('a proper prior N(0, 0.3²) shrinks the lift: precision 1/0.02352 + 1/0.09 = 53.6277, mean (0.2/0.02352)/53.6277 = 0.158561', () => {
    const result = bayesianTest(a, b, { prior: { mean: 0, variance: 0.09, proper: true } });
    close(result.expected, 0.158561);
    close(result.ci[1] - result.ci[0], 2 * 1.959964 * Math.sqrt(1 / 53.627689));
  });

  it('the absolute difference is 0.02 with SE √(0.09/1000 + 0.1056/1000) = 0.013986', () => {
    const result = frequentistTest(a, b, { difference: 'absolute' });
    close(result.expected, 0.02);
    // Welch dof ≈ 1990: the t quantile is 1.961152.
    closeAll(result.ci, [0.02 - 1.961152 * 0.013986, 0.02 + 1.961152 * 0.013986]);
  });
});

describe('sample-ratio mismatch', () => {
  it('matches gbstats (test_srm: [1000, 1200] at 50/50 → 0.000020079)', () => {
    expect(Math.abs(srmPValue([1000, 1200], [0.5, 0.5]) - 0.000020079)).toBeLessThan(1e-9);
  });

  it('is 1 with no units and flags only from 8 units per variation', () => {
    expect(srmPValue([0, 0], [0.5, 0.5])).toBe(1);
    expect(srmHealth([1, 14], [0.5, 0.5])).toBe('not-enough-traffic');
    expect(srmHealth([1000, 1200], [0.5, 0.5])).toBe('unhealthy');
    expect(srmHealth([1000, 1010], [0.5, 0.5])).toBe('healthy');
  });
});
