import { bayesianTest, frequentistTest } from '@flywheel/stats';
import { cleanup, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { Results } from '../../api.ts';
import { i18n } from '../../i18n.ts';
import { MetricTable, VerdictBanner } from './results.tsx';

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

const control = { kind: 'proportion', n: 200, sum: 20 } as const;
const treatment = { kind: 'proportion', n: 200, sum: 34 } as const;
// As the server sends them: packages/stats on these counts, with the verdict on top.
const frequentist = frequentistTest(control, treatment);
const bayesian = bayesianTest(control, treatment);
const metric: Results['metrics'][number] = {
  key: 'referral_invite_sent',
  type: 'binomial',
  goal: 'increase',
  guardrail: false,
  power: { minimumDetectableEffect: 0.5, plannedLift: 0.1, unitsPerVariation: 14_128, daysToGo: 30 },
  variations: [
    { id: 'control', units: 200, total: 20, value: 0.1, frequentist: null, bayesian: null },
    {
      id: 'give-get',
      units: 200,
      total: 34,
      value: 0.17,
      frequentist: { ...frequentist, verdict: frequentist.pValue < 0.05 ? 'better' : 'inconclusive' },
      bayesian: { ...bayesian, verdict: bayesian.chanceToWin > 0.95 ? 'better' : 'inconclusive' },
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
    expect(cells).toEqual([
      '200',
      '17.0% 34 / 200',
      '+70.0%',
      `${pct(f.ci[0])} … ${pct(f.ci[1])}`,
      String(Math.round(f.pValue * 1000) / 1000),
    ]);
    // p = 0.12: not significant yet, and coloured so.
    expect(screen.getByRole('row', { name: /give-get/ }).className).toBe('verdict-inconclusive');
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

describe('VerdictBanner', () => {
  it('says which variation beats control on which goal, with the lift, interval and evidence packages/stats gave', () => {
    const strong = { kind: 'proportion', n: 200, sum: 40 } as const;
    const bayesian = bayesianTest(control, strong);
    expect(bayesian.chanceToWin).toBeGreaterThan(0.95);
    const decided = {
      metrics: [
        {
          ...metric,
          variations: [
            metric.variations[0],
            { ...metric.variations[1], total: 40, value: 0.2, bayesian: { ...bayesian, verdict: 'better' } },
          ],
        },
      ],
    } as unknown as Results;
    render(
      <I18nextProvider i18n={i18n}>
        <VerdictBanner results={decided} engine="bayesian" />
      </I18nextProvider>,
    );
    const chance = new Intl.NumberFormat('en', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
      bayesian.chanceToWin,
    );
    expect(screen.getByRole('status').textContent).toBe(
      `give-get beats control on referral_invite_sent: ${pct(bayesian.expected)}, 95% CI ${pct(bayesian.ci[0])} … ${pct(bayesian.ci[1])}, chance to win ${chance}.`,
    );
  });

  it('says nothing is decided while no goal result is significant', () => {
    const undecided = {
      metrics: [
        {
          ...metric,
          variations: metric.variations.map((v) =>
            v.frequentist ? { ...v, frequentist: { ...v.frequentist, verdict: 'inconclusive' } } : v,
          ),
        },
      ],
    } as unknown as Results;
    render(
      <I18nextProvider i18n={i18n}>
        <VerdictBanner results={undecided} engine="frequentist" />
      </I18nextProvider>,
    );
    expect(screen.getByText('No variation differs from control on a goal metric yet.')).toBeTruthy();
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
