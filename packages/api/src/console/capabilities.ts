import type { RoleGrants } from '../platform/index.ts';

/** Adding and removing console users and changing their roles. Owners may do everything; the roles here get it too. */
export const capabilities = {
  manageUsers: [],
} as const satisfies RoleGrants;
