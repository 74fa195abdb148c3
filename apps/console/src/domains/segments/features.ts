import type { TFunction } from 'i18next';
import type { Outputs } from '../../api.ts';

export type FeatureWindows = Outputs['console']['insights']['overview']['settings']['windows'];

/** The window each feature is counted over, as the tenant set it: a label never claims another. */
const WINDOW_OF: Record<string, keyof FeatureWindows> = {
  login_freq: 'activeDays',
  feature_usage: 'activeDays',
  support_tickets: 'ticketDays',
  frequency: 'frequencyDays',
  monetary: 'monetaryDays',
};

/** "Active days (last 30)", with the tenant's own window. */
export function featureLabel(name: string, windows: FeatureWindows, t: TFunction) {
  const window = WINDOW_OF[name];
  return t(`segments.features.${name}`, window ? { days: windows[window] } : {});
}
