import type { FeatureDefinition } from '@flywheel/contracts/experiments';
import { HOLDOUT_FEATURE, trackingKey } from './compile.ts';
import type { Definitions } from './definitions.ts';

export type PushOptions = {
  /** GrowthBook's REST API base, e.g. `https://api.growthbook.io/api` or `http://localhost:3100/api`. */
  apiUrl: string;
  /** A GrowthBook secret key or personal access token with write access. */
  secretKey: string;
  environment: string;
  definitions: Definitions;
  fetch?: typeof fetch;
};

export type PushSummary = { features: { created: string[]; updated: string[] }; experiments: { created: string[]; updated: string[] } };

type GbExperiment = { id: string; trackingKey: string; variations: { key: string; variationId: string }[] };

/** GrowthBook stores feature values as strings: JSON for json, plain for the rest. */
const asGrowthBookValue = (feature: FeatureDefinition, value: unknown) =>
  feature.valueType === 'json' ? JSON.stringify(value) : String(value);

/**
 * Upserts experiments/ into a real GrowthBook through its REST API (/api/v1): each
 * experiment found by tracking key, created or updated; each feature by id, with an
 * `experiment-ref` rule mapping GrowthBook's variation ids to our values. With a global holdout,
 * every other feature first serves its holdout value to held-out customers (a force rule with the
 * holdout feature as prerequisite), as the local payload does: the holdout experiment's status in
 * GrowthBook then switches it on and off. Running it twice leaves GrowthBook as once: nothing is
 * created twice.
 */
export async function pushToGrowthBook({
  apiUrl,
  secretKey,
  environment,
  definitions,
  fetch: doFetch = fetch,
}: PushOptions): Promise<PushSummary> {
  const base = apiUrl.replace(/\/$/, '');
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: T }> => {
    const response = await doFetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json().catch(() => ({}))) as T & { message?: string };
    if (response.status >= 400 && response.status !== 404) {
      throw new Error(`GrowthBook ${method} ${path} answered ${response.status}: ${json.message ?? 'no message'}`);
    }
    return { status: response.status, json };
  };

  const summary: PushSummary = { features: { created: [], updated: [] }, experiments: { created: [], updated: [] } };
  const holdout = definitions.features.some((f) => f.key === HOLDOUT_FEATURE);
  for (const feature of definitions.features) {
    const rules: unknown[] =
      holdout && feature.key !== HOLDOUT_FEATURE
        ? [
            {
              type: 'force',
              value: asGrowthBookValue(feature, feature.holdoutValue ?? feature.defaultValue),
              prerequisites: [{ id: HOLDOUT_FEATURE, condition: JSON.stringify({ value: true }) }],
            },
          ]
        : [];
    if (feature.experiment) {
      const key = trackingKey(feature);
      const experiment = feature.experiment;
      const body = {
        trackingKey: key,
        name: feature.key,
        hypothesis: experiment.hypothesis,
        description: feature.description,
        tags: ['flywheel', feature.widget],
        hashAttribute: experiment.hashAttribute,
        hashVersion: 2,
        variations: feature.variations.map((v) => ({ key: v.id, name: v.id })),
      };
      const found = await call<{ experiments: GbExperiment[] }>('GET', `/v1/experiments?trackingKey=${encodeURIComponent(key)}`);
      const existing = found.json.experiments?.[0];
      const saved = existing
        ? await call<{ experiment: GbExperiment }>('POST', `/v1/experiments/${existing.id}`, body)
        : await call<{ experiment: GbExperiment }>('POST', '/v1/experiments', body);
      (existing ? summary.experiments.updated : summary.experiments.created).push(key);
      const variationIds = new Map(saved.json.experiment.variations.map((v) => [v.key, v.variationId]));
      rules.push({
        type: 'experiment-ref',
        experimentId: saved.json.experiment.id,
        variations: feature.variations.map((v) => ({ variationId: variationIds.get(v.id), value: asGrowthBookValue(feature, v.value) })),
      });
    }
    const featureBody = {
      valueType: feature.valueType,
      defaultValue: asGrowthBookValue(feature, feature.defaultValue),
      description: feature.description,
      tags: ['flywheel', feature.widget],
      environments: { [environment]: { enabled: true, rules } },
    };
    const path = `/v1/features/${encodeURIComponent(feature.key)}`;
    const current = await call('GET', path);
    if (current.status === 404) {
      await call('POST', '/v1/features', { id: feature.key, ...featureBody });
      summary.features.created.push(feature.key);
    } else {
      await call('POST', path, featureBody);
      summary.features.updated.push(feature.key);
    }
  }
  return summary;
}
