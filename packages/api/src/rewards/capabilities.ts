import type { RoleGrants } from '../platform/index.ts';

/** Correcting a customer's points balance. Owners may do everything; the roles here get it too. */
export const capabilities = {
  /** Correcting a customer's points balance; owners only (an implicit grant), always with a reason. */
  adjustPoints: [],
} as const satisfies RoleGrants;
