import type { RoleGrants } from '../platform/index.ts';

/** What the tenants domain lets roles change: keys and origins are the owner's alone. */
export const capabilities = {
  manageTenant: [],
} as const satisfies RoleGrants;
