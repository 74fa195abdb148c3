import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GrowthBook } from '@growthbook/growthbook';
import { describe, expect, it } from 'vitest';
import { compile, contentHash, DEFAULT_STATE, type RuntimeState } from './compile.ts';
import { loadDefinitions } from './definitions.ts';

const { features, metrics, problems } = loadDefinitions();
const headline = features.find((f) => f.key === 'referral-center.headline');
const running = (over: Partial<RuntimeState> = {}): RuntimeState => ({ ...DEFAULT_STATE, status: 'running', ...over });

function evaluate(states: Map<string, RuntimeState>, attributes: Record<string, unknown>, key = 'referral-center.headline') {
  const gb = new GrowthBook({ attributes }).initSync({ payload: { features: compile(features, states) } });
  return gb.evalFeature(key);
}

describe('experiments/ definitions', () => {
  it('are all valid, with the referral center’s kill switch, remote and copy experiment', () => {
    expect(problems).toEqual([]);
    // Other widgets add their own features; these are the referral center's.
    expect(features.map((f) => f.key)).toEqual(
      expect.arrayContaining(['referral-center.enabled', 'referral-center.headline', 'referral-center.remote', 'referral-center.reward']),
    );
    expect(metrics.map((m) => m.key)).toContain('referral_invite_sent');
  });

  it('reports each broken file with its path, the field and the reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'experiments-'));
    writeFileSync(join(dir, 'metrics.yaml'), 'metrics:\n  - key: signups\n    event: signed_up\n    type: mean\n');
    writeFileSync(
      join(dir, 'shop.banner.yaml'),
      'key: shop.banner\nwidget: shop\ndescription: A banner on the shop page.\nvalueType: boolean\ndefaultValue: "yes"\nvariations:\n  - {id: a, value: true}\n  - {id: b, value: false}\nexperiment:\n  hypothesis: Banners sell more things.\n  goalMetrics: [sales]\n  weights: [0.7, 0.7]\n',
    );
    writeFileSync(join(dir, 'broken.yaml'), 'key: [unclosed');
    const result = loadDefinitions(dir);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { file: 'metrics.yaml', path: 'metrics.0.property', message: 'a mean metric needs the property it averages' },
        { file: 'shop.banner.yaml', path: 'experiment.weights', message: 'must add up to 1' },
        { file: 'shop.banner.yaml', path: 'defaultValue', message: 'must be a boolean' },
        expect.objectContaining({ file: 'broken.yaml', path: '(file)', message: expect.stringContaining('cannot be parsed') }),
      ]),
    );
  });
});

describe('compile', () => {
  it('serves only defaults while an experiment is a draft', () => {
    expect(compile(features, new Map())['referral-center.headline']).toEqual({ defaultValue: 'control', rules: [] });
  });

  it('emits a running experiment in GrowthBook’s format', () => {
    const [rule] =
      compile(features, new Map([['referral-center.headline', running({ phase: 2 })]]))['referral-center.headline']?.rules ?? [];
    expect(rule).toEqual({
      key: 'referral-center-headline',
      variations: ['control', 'give-get'],
      weights: [0.5, 0.5],
      coverage: 1,
      hashAttribute: 'id',
      hashVersion: 2,
      seed: 'referral-center-headline:2',
      bucketVersion: 2,
      meta: [{ key: 'control' }, { key: 'give-get' }],
      phase: '2',
      filters: [{ attribute: 'id', seed: 'referral-copy', hashVersion: 2, ranges: [[0, 1]] }],
    });
  });

  it('splits customers by weight and reports the variation id as the result key', () => {
    const states = new Map([['referral-center.headline', running({ weights: [0.2, 0.8] })]]);
    const seen = { control: 0, 'give-get': 0 };
    for (let i = 0; i < 2000; i++) {
      const result = evaluate(states, { id: `customer-${i}` });
      expect(result.source).toBe('experiment');
      seen[result.experimentResult?.key as keyof typeof seen]++;
    }
    expect(seen.control / 2000).toBeGreaterThan(0.17);
    expect(seen.control / 2000).toBeLessThan(0.23);
  });

  it('gives everyone a released variation, and only the targeted when targeting is set', () => {
    const released = new Map([['referral-center.enabled', running({ releasedVariationId: 'off', targeting: { plan: 'free' } })]]);
    expect(evaluate(released, { id: 'a', plan: 'free' }, 'referral-center.enabled').value).toBe(false);
    expect(evaluate(released, { id: 'b', plan: 'pro' }, 'referral-center.enabled').value).toBe(true);
  });

  it('keeps customers outside the targeting on the default', () => {
    const states = new Map([['referral-center.headline', running({ targeting: { locale: 'zh-CN' } })]]);
    expect(evaluate(states, { id: 'x', locale: 'en' })).toMatchObject({ value: 'control', source: 'defaultValue' });
  });

  it('hashes content, not key order, so dateUpdated moves only on real changes', () => {
    const a = compile(features, new Map([['referral-center.headline', running()]]));
    const b = Object.fromEntries(Object.entries(a).reverse());
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).not.toBe(contentHash(compile(features, new Map([['referral-center.headline', running({ coverage: 0.5 })]]))));
    expect(headline?.experiment?.goalMetrics).toEqual(['referral_invite_sent']);
  });
});
