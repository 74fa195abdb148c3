import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FeatureDefinition, featureDefinition, type MetricDefinition, metricsFile } from '@flywheel/contracts/experiments';
import { parse } from 'yaml';
import type { z } from 'zod';

/** `experiments/` at the repository root. */
export const defaultExperimentsDir = fileURLToPath(new URL('../../../experiments', import.meta.url));

export type Problem = { file: string; path: string; message: string };
export type Definitions = { features: FeatureDefinition[]; metrics: MetricDefinition[] };

const METRICS_FILE = 'metrics.yaml';

function problemsFrom(file: string, error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ file, path: issue.path.join('.') || '(file)', message: issue.message }));
}

function readStructured(dir: string, file: string): { data: unknown } | { problem: Problem } {
  try {
    return { data: parse(readFileSync(join(dir, file), 'utf8')) as unknown };
  } catch (error) {
    return { problem: { file, path: '(file)', message: `cannot be parsed: ${(error as Error).message.split('\n')[0]}` } };
  }
}

/**
 * Reads every feature file (`<key>.yaml`, `.yml` or `.json`) and `metrics.yaml`, validating each
 * against the schemas in @flywheel/contracts, and the references between them (a file named after
 * its key, unique keys, goal metrics that exist).
 */
export function loadDefinitions(dir: string = defaultExperimentsDir): Definitions & { problems: Problem[] } {
  const problems: Problem[] = [];
  const features: FeatureDefinition[] = [];
  let metrics: MetricDefinition[] = [];

  const metricsRead = readStructured(dir, METRICS_FILE);
  if ('problem' in metricsRead) problems.push(metricsRead.problem);
  else {
    const parsed = metricsFile.safeParse(metricsRead.data);
    if (parsed.success) metrics = parsed.data.metrics;
    else problems.push(...problemsFrom(METRICS_FILE, parsed.error));
  }
  const metricKeys = new Set(metrics.map((m) => m.key));

  const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && f !== METRICS_FILE && !f.endsWith('.schema.json'));
  for (const file of files.sort()) {
    const read = readStructured(dir, file);
    if ('problem' in read) {
      problems.push(read.problem);
      continue;
    }
    const parsed = featureDefinition.safeParse(read.data);
    if (!parsed.success) {
      problems.push(...problemsFrom(file, parsed.error));
      continue;
    }
    const feature = parsed.data;
    if (file.replace(/\.(ya?ml|json)$/, '') !== feature.key) {
      problems.push({ file, path: 'key', message: `must match the file name (${feature.key}.yaml)` });
    }
    if (features.some((f) => f.key === feature.key)) problems.push({ file, path: 'key', message: `${feature.key} is defined twice` });
    for (const [field, keys] of [
      ['goalMetrics', feature.experiment?.goalMetrics ?? []],
      ['guardrailMetrics', feature.experiment?.guardrailMetrics ?? []],
    ] as const) {
      keys.forEach((key, index) => {
        if (!metricKeys.has(key))
          problems.push({ file, path: `experiment.${field}.${index}`, message: `no metric "${key}" in ${METRICS_FILE}` });
      });
    }
    features.push(feature);
  }
  problems.push(...namespaceOverlaps(features));
  return { features, metrics, problems };
}

/**
 * Experiments that share a namespace must take disjoint slices of it, or one customer could be in
 * both: the guarantee namespaces exist for.
 */
export function namespaceOverlaps(features: FeatureDefinition[]): Problem[] {
  const problems: Problem[] = [];
  const taken = new Map<string, { key: string; range: [number, number] }[]>();
  for (const feature of features) {
    const namespace = feature.experiment?.namespace;
    if (!namespace) continue;
    const slices = taken.get(namespace.name) ?? [];
    for (const clash of slices.filter((s) => namespace.range[0] < s.range[1] && s.range[0] < namespace.range[1]))
      problems.push({
        file: `${feature.key}.yaml`,
        path: 'experiment.namespace.range',
        message: `overlaps ${clash.key} in namespace "${namespace.name}" (${clash.range.join('–')}): one customer could be in both`,
      });
    taken.set(namespace.name, [...slices, { key: feature.key, range: namespace.range }]);
  }
  return problems;
}
