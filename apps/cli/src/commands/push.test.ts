import { loadDefinitions, pushToGrowthBook } from '@flywheel/flags';
import { growthbookApi } from '@flywheel/testing/msw/growthbook';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const apiUrl = 'http://growthbook.test/api';
const gb = growthbookApi(apiUrl, 'secret_abc');
const server = setupServer(...gb.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const definitions = loadDefinitions();
// What a push must create: every feature and experiment in experiments/, whichever widgets exist.
const featureKeys = definitions.features.map((f) => f.key).sort();
const experimentKeys = definitions.features.flatMap((f) => (f.experiment ? [f.experiment.key] : [])).sort();

describe('experiments push', () => {
  it('creates every feature and experiment, linking experiment-ref rules to GrowthBook’s variation ids', async () => {
    const summary = await pushToGrowthBook({ apiUrl, secretKey: 'secret_abc', environment: 'production', definitions });
    expect(summary.features.created.sort()).toEqual(featureKeys);
    expect(summary.experiments.created.sort()).toEqual(experimentKeys);
    expect(experimentKeys).toEqual(
      expect.arrayContaining(['referral-center-canary', 'referral-center-headline', 'referral-center-reward']),
    );
    const experiment = [...gb.store.experiments.values()].find((e) => e.trackingKey === 'referral-center-headline');
    const feature = gb.store.features.get('referral-center.headline') as unknown as {
      defaultValue: string;
      environments: {
        production: { rules: { type: string; experimentId: string; variations: { variationId: string; value: string }[] }[] };
      };
    };
    expect(feature.defaultValue).toBe('control');
    expect(feature.environments.production.rules).toEqual([
      // Held-out customers get the holdout value first, while GrowthBook runs the holdout.
      { type: 'force', value: 'control', prerequisites: [{ id: 'flywheel.holdout', condition: '{"value":true}' }] },
      {
        type: 'experiment-ref',
        experimentId: experiment?.id,
        variations: [
          { variationId: experiment?.variations[0]?.variationId, value: 'control' },
          { variationId: experiment?.variations[1]?.variationId, value: 'give-get' },
        ],
      },
    ]);
    expect(gb.store.features.get('referral-center.enabled')?.defaultValue).toBe('true');
    // A held-out customer sees no widget; the holdout itself has no prerequisite on itself.
    const rulesOf = (key: string) =>
      (gb.store.features.get(key) as unknown as { environments: { production: { rules: { type: string; value?: string }[] } } })
        .environments.production.rules;
    expect(rulesOf('referral-center.enabled')[0]).toMatchObject({ type: 'force', value: 'false' });
    expect(rulesOf('flywheel.holdout').map((r) => r.type)).toEqual(['experiment-ref']);
  });

  it('is idempotent: a second push updates in place and creates nothing', async () => {
    const variationIds = [...gb.store.experiments.values()].flatMap((e) => e.variations.map((v) => v.variationId));
    const summary = await pushToGrowthBook({ apiUrl, secretKey: 'secret_abc', environment: 'production', definitions });
    expect(summary.features.created).toEqual([]);
    expect(summary.experiments.created).toEqual([]);
    expect(gb.store.features.size).toBe(featureKeys.length);
    expect(gb.store.experiments.size).toBe(experimentKeys.length);
    expect([...gb.store.experiments.values()].flatMap((e) => e.variations.map((v) => v.variationId))).toEqual(variationIds);
  });

  it('stops with GrowthBook’s message on a rejected key', async () => {
    await expect(pushToGrowthBook({ apiUrl, secretKey: 'wrong', environment: 'production', definitions })).rejects.toThrow(
      '401: Invalid API key',
    );
  });
});
