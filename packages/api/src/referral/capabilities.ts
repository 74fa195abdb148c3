import type { RoleGrants } from '../platform/index.ts';

/** Setting up the referral program, and deciding on referrals held for review. Owners may do everything; the roles here get it too. */
export const capabilities = {
  editReferralProgram: ['marketer'],
  reviewReferrals: ['moderator'],
} as const satisfies RoleGrants;
