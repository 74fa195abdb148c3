// Rewards: every grant any domain makes, and the one points ledger.
export { approve, grant, grantBySourceKey, grantsOf, reverse } from './grants.ts';
export { adjustPoints, endHold, holdPoints, pointsBalance, pointsHistory } from './points.ts';
