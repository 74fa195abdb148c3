import type { RoleGrants } from '../platform/index.ts';

/** Changing how customers are scored and retraining the model. Owners may do everything; the roles here get it too. */
export const capabilities = {
  manageInsights: ['marketer'],
} as const satisfies RoleGrants;
