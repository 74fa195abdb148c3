// Achievements: badges from rules over events, points and levels on the rewards ledger, streaks,
// the points bank, and the badges' public pages and verifiable credentials. Other domains use
// only what this file exports.

export { awardBySlug, awardsOf, revokeAward } from './awards.ts';
export {
  awardCredential,
  badgePagePath,
  credentialPath,
  didDocument,
  didDocumentPath,
  issuerDid,
  rotateCredentialKey,
  statusListCredential,
  statusListPath,
} from './credentials.ts';
export { badgePng, badgeShapeSvg, bakePng, openGraphPng } from './images.ts';
export { awardsEarned } from './progress.ts';
export { achievementsJobs, achievementsReactions } from './reactions.ts';
export { currentStreak } from './streaks.ts';
export { customerLocale } from './texts.ts';
export { publicAward } from './wall.ts';
