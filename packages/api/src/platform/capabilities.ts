import type { RoleGrants } from './define.ts';

/** Seeing and replaying dead letters. Owners may do everything; the roles here get it too. */
export const capabilities = {
  /** Seeing and replaying dead letters. */
  operatePlatform: [],
} as const satisfies RoleGrants;
