// Tenants: creating a company with its keys.
export { createTenant } from './service.ts';
