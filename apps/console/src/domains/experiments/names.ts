import type { TFunction } from 'i18next';
import type { Feature } from '../../api.ts';

/** "jump-start" → "Jump start": a key part no message names yet, still readable. */
const humanize = (part: string) => part.replace(/[-_]+/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** `referral-center.headline` → "Referral center · Headline" (推荐中心 · 标题), in the reader's language. */
export function featureName(key: string, t: TFunction) {
  return key
    .split('.')
    .map((part, index) => t(`names.${index === 0 ? 'widgets' : 'parts'}.${part}`, { defaultValue: humanize(part) }))
    .join(' · ');
}

/** A variation as a marketer names it: its console copy in the reader's language, or its id. */
export function variationName(feature: Pick<Feature, 'variations'>, id: string, language: string) {
  const texts = feature.variations.find((v) => v.id === id)?.texts;
  return texts ? `${id} (“${(texts as Record<string, string>)[language] ?? texts.en}”)` : id;
}

/** A value as the feature serves it: on/off for switches, the value otherwise. */
function servedValue(value: unknown, t: TFunction) {
  if (typeof value === 'boolean') return value ? t('serving.on') : t('serving.off');
  return t('serving.value', { value: value === '' ? '""' : String(value) });
}

/**
 * What a feature serves right now, in words: "On for everyone", "Off", "Rolled out: give-get",
 * "Running, phase 2", "Draft: serves control".
 */
export function servingLabel(feature: Feature, t: TFunction) {
  const { status, releasedVariationId, phase } = feature.state;
  if (status === 'running') return t('serving.running', { phase: phase + 1 });
  const released = releasedVariationId ? feature.variations.find((v) => v.id === releasedVariationId) : undefined;
  if (released)
    return typeof released.value === 'boolean' ? servedValue(released.value, t) : t('serving.rolledOut', { variation: released.id });
  if (!feature.experiment) return servedValue(feature.defaultValue, t);
  const value = typeof feature.defaultValue === 'boolean' ? servedValue(feature.defaultValue, t) : String(feature.defaultValue);
  return t(status === 'stopped' ? 'serving.stopped' : 'serving.draft', { value });
}
