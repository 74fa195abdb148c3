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
  tier?: string;
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
  locale?: string | undefined;
  widgets: string[];
  deviceId?: string | undefined;
}): FlagAttributes {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const attributes: FlagAttributes = { id: input.customerId, tenantId: input.publishableKey, widget: [...input.widgets].sort() };
  const plan = text(input.traits.plan);
  const tier = text(input.traits.tier);
  const country = text(input.traits.country);
  const channel = text(input.traits.channel);
  if (plan) attributes.plan = plan;
  if (tier) attributes.tier = tier;
  if (country) attributes.country = country;
  if (channel) attributes.channel = channel;
  if (input.locale) attributes.locale = input.locale;
  if (input.deviceId) attributes.deviceId = input.deviceId;
  return attributes;
}

/** The attributes an exposure records, so results can be broken down by them (GrowthBook's exposure dimensions). */
export const EXPERIMENT_DIMENSIONS = ['plan', 'tier', 'locale', 'country', 'channel'] as const;
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
