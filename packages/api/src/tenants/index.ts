// Tenants: creating a company with its keys, and the settings an engineer manages.
export { createTenant } from './service.ts';
export { addOrigin, removeOrigin, rotateSecret, tenantIdByKey, tenantSettings } from './settings.ts';
