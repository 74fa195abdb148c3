import { type FeatureDefinition, featureDefinition } from '@flywheel/contracts/experiments';
import { type Definitions, namespaceOverlaps, type Problem } from './definitions.ts';

/** What a tenant's marketers created in the console, on top of experiments/. */
export type Authored = {
  /** Feature key → the experiment part of its feature file. */
  experiments: ReadonlyMap<string, unknown>;
  copy: readonly { featureKey: string; variationId: string; texts: Record<string, string> }[];
};

/**
 * One feature as this tenant sees it: experiments/'s definition, plus the copy variations written
 * for it in the console (each one's value is its id, its texts the copy) and the experiment created there (which
 * replaces the file's), validated
 * by the feature files' own schema. Null, with the problems, when the result is not valid.
 */
export function withAuthored(feature: FeatureDefinition, authored: Authored): { feature: FeatureDefinition | null; problems: Problem[] } {
  const copy = authored.copy.filter((c) => c.featureKey === feature.key && !feature.variations.some((v) => v.id === c.variationId));
  const experiment = authored.experiments.get(feature.key);
  if (copy.length === 0 && experiment === undefined) return { feature, problems: [] };
  const parsed = featureDefinition.safeParse({
    ...feature,
    variations: [...feature.variations, ...copy.map((c) => ({ id: c.variationId, value: c.variationId, texts: c.texts }))],
    // A console-created experiment replaces the file's for this tenant (it has its own tracking
    // key, so results never mix); `flywheel experiments pull` makes it the file's. The file's own
    // experiment goes on testing the variations it was written for, not the new copy.
    experiment: experiment ?? (feature.experiment && { variations: feature.variations.map((v) => v.id), ...feature.experiment }),
  });
  if (parsed.success) return { feature: parsed.data, problems: [] };
  const file = `console:${feature.key}`;
  return { feature: null, problems: parsed.error.issues.map((issue) => ({ file, path: issue.path.join('.'), message: issue.message })) };
}

/**
 * experiments/ as one tenant sees it. A feature whose console additions no longer validate (a
 * metric removed from metrics.yaml, say) keeps its file's definition, and the problem is reported.
 */
export function tenantDefinitions(base: Definitions, authored: Authored): Definitions & { problems: Problem[] } {
  const problems: Problem[] = [];
  const metricKeys = new Set(base.metrics.map((m) => m.key));
  const features = base.features.map((feature) => {
    const merged = withAuthored(feature, authored);
    const unknownMetrics = [...(merged.feature?.experiment?.goalMetrics ?? []), ...(merged.feature?.experiment?.guardrailMetrics ?? [])]
      .filter((key) => !metricKeys.has(key))
      .map((key) => ({ file: `console:${feature.key}`, path: 'experiment', message: `no metric "${key}" in metrics.yaml` }));
    problems.push(...merged.problems, ...unknownMetrics);
    return merged.feature && unknownMetrics.length === 0 ? merged.feature : feature;
  });
  problems.push(...namespaceOverlaps(features).filter((p) => authored.experiments.has(p.file.replace(/\.yaml$/, ''))));
  return { features, metrics: base.metrics, problems };
}
