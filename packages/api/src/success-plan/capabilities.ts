import type { RoleGrants } from '../platform/index.ts';

/** Designing plan templates: the marketer's (and customer success's) program. Owners may do everything. */
export const capabilities = {
  managePlans: ['marketer'],
} as const satisfies RoleGrants;
