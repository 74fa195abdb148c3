// Referral: codes, links, the friend's lifecycle, milestones, K-factor.
export { normalizeCode } from './codes.ts';
export { kFactor } from './kfactor.ts';
export { followLink } from './links.ts';
export { referralJobs, referralReactions } from './reactions.ts';
export { eraseClicks, hasFraudHolds, referralsBy } from './service.ts';
