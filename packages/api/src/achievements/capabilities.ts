import type { RoleGrants } from '../platform/index.ts';

/** What the achievements domain lets roles change. Owners may do everything; the roles here get it too. */
export const capabilities = {
  /** Badges, rules, backfills and the catalogue: the marketer's program. */
  manageAchievements: ['marketer'],
  /** Cancelling a redemption in flight (its points go back): support work. */
  cancelRedemptions: ['moderator'],
} as const satisfies RoleGrants;
