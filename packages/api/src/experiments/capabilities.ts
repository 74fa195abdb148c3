import type { RoleGrants } from '../platform/index.ts';

/** Launching, ramping, stopping and retargeting experiments and flags. Owners may do everything; the roles here get it too. */
export const capabilities = {
  changeExperiments: ['marketer'],
} as const satisfies RoleGrants;
