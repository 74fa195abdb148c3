import { bayesianTest, frequentistTest } from '@flywheel/stats';
import { cleanup, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { Results } from '../../api.ts';
import { i18n } from '../../i18n.ts';
import { MetricTable } from './results.tsx';

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

const control = { kind: 'proportion', n: 200, sum: 20 } as const;
const treatment = { kind: 'proportion', n: 200, sum: 34 } as const;
const metric: Results['metrics'][number] = {
  key: 'referral_invite_sent',
  type: 'binomial',
  goal: 'increase',
  guardrail: false,
  variations: [
    { id: 'control', units: 200, value: 0.1, frequentist: null, bayesian: null },
    {
      id: 'give-get',
      units: 200,
      value: 0.17,
      frequentist: frequentistTest(control, treatment),
      bayesian: bayesianTest(control, treatment),
    },
  ],
};

const renderTable = (engine: 'frequentist' | 'bayesian') =>
  render(
    <I18nextProvider i18n={i18n}>
      <MetricTable metric={metric} engine={engine} />
    </I18nextProvider>,
  );

describe('MetricTable', () => {
  it('shows units, rate, and the lift, interval and p-value packages/stats computed', () => {
    renderTable('frequentist');
    const cells = within(screen.getByRole('row', { name: /give-get/ }))
      .getAllByRole('cell')
      .map((c) => c.textContent);
    const f = frequentistTest(control, treatment);
    expect(f.expected).toBeCloseTo(0.7, 10);
    expect(cells).toEqual(['200', '17.0%', '+70.0%', `${pct(f.ci[0])} … ${pct(f.ci[1])}`, String(Math.round(f.pValue * 1000) / 1000)]);
    expect(within(screen.getByRole('row', { name: /^control/ })).getAllByRole('cell')[2]?.textContent).toBe('Control');
  });

  it('shows the chance to win with the Bayesian engine, in Simplified Chinese too', async () => {
    await i18n.changeLanguage('zh-CN');
    renderTable('bayesian');
    expect(screen.getByRole('columnheader', { name: '胜出概率' })).toBeTruthy();
    const chance = bayesianTest(control, treatment).chanceToWin;
    expect(within(screen.getByRole('row', { name: /give-get/ })).getAllByRole('cell')[4]?.textContent).toBe(
      new Intl.NumberFormat('zh-CN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(chance),
    );
  });
});

function pct(x: number) {
  return new Intl.NumberFormat('en', {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(x);
}
