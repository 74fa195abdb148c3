import type { RoleGrants } from '../platform/index.ts';

/** What the showcase lets roles do. Owners may do everything; the roles here get it too. */
export const capabilities = {
  /** The queue: approve, reject, review images, feature and take down. */
  moderateUgc: ['moderator'],
  /** What a published submission earns: the marketer's program. */
  manageUgcSettings: ['marketer'],
} as const satisfies RoleGrants;
