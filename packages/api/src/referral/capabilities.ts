import type { RoleGrants } from '../platform/index.ts';

/**
 * Setting up the referral program, reading every referral with the people in it (names and
 * emails, so not every viewer), and deciding on those held for review. Owners may do everything;
 * the roles here get it too.
 */
export const capabilities = {
  editReferralProgram: ['marketer'],
  readReferrals: ['marketer', 'moderator'],
  reviewReferrals: ['moderator'],
} as const satisfies RoleGrants;
