// Tenants: creating a company with its keys, and the settings an engineer manages.
export { createTenant } from './service.ts';
export { addOrigin, publishableKeyOf, removeOrigin, rotateSecret, tenantIdByKey, tenantSettings } from './settings.ts';
