export { type ApiDeps, type ContextInner, createContext, createContextInner } from './context.ts';
export { EventNotAllowedError, ingestBatch } from './events/service.ts';
export { authenticateWidgetRequest, type Caller, type WidgetAuth } from './identity/authenticate.ts';
export { type CustomerClaims, MAX_TOKEN_LIFETIME_SECONDS, signCustomerToken, verifyCustomerToken } from './identity/customer-token.ts';
export { type Tenant, TenantDirectory } from './identity/tenant-directory.ts';
export { type AppRouter, appRouter } from './root.ts';
export { createTenant } from './tenants/service.ts';
export { createCallerFactory } from './trpc.ts';
