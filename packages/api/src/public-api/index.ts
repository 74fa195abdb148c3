// The public REST API's operations (the BFF serves them at /api/v1 with the tenant's secret key):
// those that span domains live here; the rest are each domain's own, re-exported for the routes.
export { awardBySlug, awardsOf, revokeAward } from '../achievements/index.ts';
export { findCustomer } from '../customers/index.ts';
export { referralsBy } from '../referral/index.ts';
export { adjustPoints, pointsBalance, pointsHistory, rewardsOf } from '../rewards/index.ts';
export { submissionsPage } from '../ugc/index.ts';
export { customerById, eraseCustomer, putCustomer, type RestCustomer, successPlanOf } from './service.ts';
