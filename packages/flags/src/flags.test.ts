import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GrowthBook } from '@growthbook/growthbook';
import { describe, expect, it } from 'vitest';
import { tenantDefinitions } from './authored.ts';
import { compile, contentHash, DEFAULT_STATE, HOLDOUT_FEATURE, type RuntimeState } from './compile.ts';
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
      filters: [{ attribute: 'id', seed: 'growth', hashVersion: 2, ranges: [[0, 0.5]] }],
    });
  });

  it('splits customers by weight and reports the variation id as the result key', () => {
    const states = new Map([['referral-center.headline', running({ weights: [0.2, 0.8] })]]);
    const seen = { control: 0, 'give-get': 0 };
    for (let i = 0; i < 4000; i++) {
      const result = evaluate(states, { id: `customer-${i}` });
      // The headline test takes half of its namespace; the other half is never in it.
      if (result.source === 'defaultValue') continue;
      expect(result.source).toBe('experiment');
      seen[result.experimentResult?.key as keyof typeof seen]++;
    }
    const units = seen.control + seen['give-get'];
    expect(units).toBeGreaterThan(1800);
    expect(seen.control / units).toBeGreaterThan(0.17);
    expect(seen.control / units).toBeLessThan(0.23);
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

describe('namespaces and the global holdout', () => {
  const FREEZES = 'achievement-wall.freezes';
  const inExperiment = (gb: GrowthBook, key: string) => gb.evalFeature(key).source === 'experiment';

  it('keep two experiments in one namespace from ever sharing a customer', () => {
    const payload = {
      features: compile(
        features,
        new Map([
          ['referral-center.headline', running()],
          [FREEZES, running()],
        ]),
      ),
    };
    let headlineUnits = 0;
    let freezeUnits = 0;
    for (let i = 0; i < 10_000; i++) {
      const gb = new GrowthBook({ attributes: { id: `customer-${i}` } }).initSync({ payload });
      const both = [inExperiment(gb, 'referral-center.headline'), inExperiment(gb, FREEZES)];
      expect(both).not.toEqual([true, true]);
      if (both[0]) headlineUnits++;
      if (both[1]) freezeUnits++;
    }
    // Each takes its half of the namespace.
    expect(headlineUnits).toBeGreaterThan(4700);
    expect(freezeUnits).toBeGreaterThan(4700);
  });

  it('reports experiments whose slices of a namespace overlap', () => {
    const headlineFeature = features.find((f) => f.key === 'referral-center.headline');
    const overlapping = tenantDefinitions(
      { features, metrics },
      {
        experiments: new Map([
          [
            'ugc-showcase.featured',
            {
              hypothesis: 'Featured stories get more sign-ups.',
              goalMetrics: ['referral_invite_sent'],
              namespace: { name: 'growth', range: [0.4, 0.6] },
            },
          ],
        ]),
        copy: [],
      },
    );
    expect(headlineFeature?.experiment?.namespace).toEqual({ name: 'growth', range: [0, 0.5] });
    expect(overlapping.problems).toContainEqual(
      expect.objectContaining({
        path: 'experiment.namespace.range',
        message: expect.stringContaining('overlaps referral-center.headline'),
      }),
    );
  });

  it('serves held-out customers the holdout value of every feature, and records them in the holdout', () => {
    const states = new Map([
      [HOLDOUT_FEATURE, running({ weights: [0.2, 0.8] })],
      ['referral-center.headline', running()],
      ['referral-center.enabled', running({ releasedVariationId: 'on' })],
    ]);
    const payload = { features: compile(features, states) };
    let heldOut = 0;
    for (let i = 0; i < 2000; i++) {
      const tracked: string[] = [];
      const gb = new GrowthBook({
        attributes: { id: `customer-${i}` },
        trackingCallback: (experiment, result) => {
          tracked.push(`${experiment.key}:${result.key}`);
        },
      }).initSync({ payload });
      const headlineResult = gb.evalFeature('referral-center.headline');
      const enabled = gb.isOn('referral-center.enabled');
      if (tracked.includes('flywheel-holdout:held-out')) {
        heldOut++;
        expect({ headline: headlineResult.value, source: headlineResult.source, enabled }).toEqual({
          headline: 'control',
          source: 'force',
          enabled: false,
        });
      } else {
        expect(tracked).toContain('flywheel-holdout:flywheel');
        expect(headlineResult.source).not.toBe('force');
        expect(enabled).toBe(true);
      }
    }
    expect(heldOut / 2000).toBeGreaterThan(0.17);
    expect(heldOut / 2000).toBeLessThan(0.23);
  });

  it('adds nothing to the payload while the holdout is not running', () => {
    expect(compile(features, new Map())['referral-center.enabled']).toEqual({ defaultValue: true, rules: [] });
  });
});

describe('console additions', () => {
  const headlineFeature = features.find((f) => f.key === 'referral-center.headline');

  it('add copy variations, and an experiment that replaces the file’s for this tenant', () => {
    const result = tenantDefinitions(
      { features, metrics },
      {
        experiments: new Map([
          [
            'referral-center.headline',
            {
              key: 'headline-spring',
              hypothesis: 'Seasonal copy gets more invites.',
              goalMetrics: ['referral_invite_sent'],
              variations: ['control', 'spring'],
            },
          ],
        ]),
        copy: [
          { featureKey: 'referral-center.headline', variationId: 'spring', texts: { en: 'Spring: give $20', 'zh-CN': '春季：送 $20' } },
        ],
      },
    );
    expect(result.problems).toEqual([]);
    const merged = result.features.find((f) => f.key === 'referral-center.headline');
    expect(merged?.variations.map((v) => v.id)).toEqual([...(headlineFeature?.variations.map((v) => v.id) ?? []), 'spring']);
    expect(merged?.experiment).toMatchObject({
      key: 'headline-spring',
      coverage: 1,
      hashAttribute: 'id',
      variations: ['control', 'spring'],
    });
    const [rule] =
      compile(merged ? [merged] : [], new Map([['referral-center.headline', running()]]))['referral-center.headline']?.rules ?? [];
    expect(rule).toMatchObject({ key: 'headline-spring', variations: ['control', 'spring'], weights: [0.5, 0.5] });
  });

  it('keep the file’s definition, and report why, when an addition does not validate', () => {
    const result = tenantDefinitions(
      { features, metrics },
      {
        experiments: new Map([['referral-center.enabled', { hypothesis: 'short', goalMetrics: ['nope'] }]]),
        copy: [],
      },
    );
    expect(result.features.find((f) => f.key === 'referral-center.enabled')?.experiment).toBeUndefined();
    expect(result.problems).toContainEqual({
      file: 'console:referral-center.enabled',
      path: 'experiment.hypothesis',
      message: expect.any(String),
    });
  });
});
