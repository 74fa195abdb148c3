/** RFM tiers, from recency, frequency and monetary quintiles within the tenant (insights domain). */
export const RFM_TIERS = ['champions', 'loyal', 'potential', 'at_risk', 'hibernating', 'new'] as const;
export type RfmTier = (typeof RFM_TIERS)[number];
export const VALUE_BANDS = ['high', 'medium', 'low'] as const;
export type ValueBand = (typeof VALUE_BANDS)[number];
export const HEALTH_BANDS = ['healthy', 'at_risk', 'critical'] as const;
export const NPS_GROUPS = ['promoter', 'passive', 'detractor'] as const;
export type NpsGroup = (typeof NPS_GROUPS)[number];

/**
 * What Flywheel computes about a customer (the insights domain writes it): their RFM tier, the
 * band of their predicted value, their health band and their NPS group.
 */
export type CustomerSegments = {
  tier?: RfmTier;
  valueBand?: ValueBand;
  healthBand?: (typeof HEALTH_BANDS)[number];
  npsGroup?: NpsGroup;
};

/**
 * The attributes every evaluation uses, in the browser and on the server alike, built by this one
 * function so both sides bucket a customer the same way. `widget` is a list: one page-level
 * browser instance serves every widget on the page, so targeting uses `{ widget: { $in: [...] } }`.
 */
export type FlagAttributes = {
  id: string;
  /** The tenant's publishable key: the one tenant identifier the browser knows too. */
  tenantId: string;
  plan?: string;
  /** The computed RFM tier; the tenant's own `tier` trait only where the customer has none. */
  tier?: string;
  healthBand?: string;
  npsGroup?: string;
  valueBand?: string;
  /** ISO 3166 two-letter code, from the customer's `country` trait. */
  country?: string;
  locale?: string;
  /** How the customer was acquired (organic, paid, referral…), from the customer's `channel` trait. */
  channel?: string;
  widget: string[];
  deviceId?: string;
};

export function flagAttributes(input: {
  customerId: string;
  publishableKey: string;
  traits: Record<string, unknown>;
  /** Computed segments; they win over traits of the same name. */
  segments?: CustomerSegments | undefined;
  locale?: string | undefined;
  widgets: string[];
  deviceId?: string | undefined;
}): FlagAttributes {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const attributes: FlagAttributes = { id: input.customerId, tenantId: input.publishableKey, widget: [...input.widgets].sort() };
  const plan = text(input.traits.plan);
  const segments = input.segments ?? {};
  const tier = segments.tier ?? text(input.traits.tier);
  const country = text(input.traits.country);
  const channel = text(input.traits.channel);
  if (plan) attributes.plan = plan;
  if (tier) attributes.tier = tier;
  if (country) attributes.country = country;
  if (channel) attributes.channel = channel;
  if (segments.healthBand) attributes.healthBand = segments.healthBand;
  if (segments.npsGroup) attributes.npsGroup = segments.npsGroup;
  if (segments.valueBand) attributes.valueBand = segments.valueBand;
  if (input.locale) attributes.locale = input.locale;
  if (input.deviceId) attributes.deviceId = input.deviceId;
  return attributes;
}

/** The attributes an exposure records, so results can be broken down by them (GrowthBook's exposure dimensions). */
export const EXPERIMENT_DIMENSIONS = ['plan', 'tier', 'valueBand', 'healthBand', 'locale', 'country', 'channel'] as const;
export type ExperimentDimension = (typeof EXPERIMENT_DIMENSIONS)[number];

/** The dimension values of these attributes, as the exposure event's properties carry them. */
export function exposureDimensions(attributes: Partial<Record<string, unknown>>): Partial<Record<ExperimentDimension, string>> {
  const dimensions: Partial<Record<ExperimentDimension, string>> = {};
  for (const name of EXPERIMENT_DIMENSIONS) {
    const value = attributes[name];
    if (typeof value === 'string') dimensions[name] = value;
  }
  return dimensions;
}
