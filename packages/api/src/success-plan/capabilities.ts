import type { RoleGrants } from '../platform/index.ts';

/** Designing plan templates, and handling risk alerts. Owners may do everything; the roles here get it too. */
export const capabilities = {
  managePlans: ['marketer'],
  /** Taking and resolving customers' risk alerts: customer success work. */
  handleAlerts: ['marketer', 'moderator'],
} as const satisfies RoleGrants;
