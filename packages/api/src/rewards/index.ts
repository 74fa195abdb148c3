// Rewards: every grant any domain makes, and the one points ledger.

export { expiryPolicy, rewardJobs, setExpiryPolicy } from './expiry.ts';
export {
  approve,
  grant,
  grantById,
  grantBySourceKey,
  grantsBySourceKeys,
  grantsOf,
  grantTotals,
  markPaid,
  reverse,
  rewardsOf,
} from './grants.ts';
export { adjustPoints, endHold, holdPoints, lifetimePoints, pointsBalance, pointsHistory } from './points.ts';
