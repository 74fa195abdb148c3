import type { RoleGrants } from '../platform/index.ts';

/** Registering the tenant's webhook endpoints (their secrets sign what Flywheel sends). Owners may do everything; the roles here get it too. */
export const capabilities = {
  /** Registering the tenant's webhook endpoints (their secrets sign what Flywheel sends). */
  manageWebhooks: [],
} as const satisfies RoleGrants;
