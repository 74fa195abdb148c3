import { capabilities as achievements } from './achievements/capabilities.ts';
import { capabilities as console } from './console/capabilities.ts';
import { capabilities as experiments } from './experiments/capabilities.ts';
import { capabilities as insights } from './insights/capabilities.ts';
import { capabilities as platform } from './platform/capabilities.ts';
import { capabilities as referral } from './referral/capabilities.ts';
import { capabilities as rewards } from './rewards/capabilities.ts';
import { capabilities as successPlan } from './success-plan/capabilities.ts';
import { capabilities as tenants } from './tenants/capabilities.ts';
import { capabilities as ugc } from './ugc/capabilities.ts';
import { capabilities as webhooks } from './webhooks/capabilities.ts';

/**
 * What each role may do beyond reading, merged from every domain's capabilities.ts as root.ts
 * merges routers: procedures guard with `requires(...)`, and the console's session answer
 * carries the same table, so the UI offers exactly what the server allows.
 */
export const ROLE_GRANTS = {
  ...experiments,
  ...referral,
  ...console,
  ...rewards,
  ...platform,
  ...webhooks,
  ...achievements,
  ...successPlan,
  ...ugc,
  ...tenants,
  ...insights,
  // flywheel widget new: capabilities
};
