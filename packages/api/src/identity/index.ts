// Identity: who is calling (tenant by publishable key, customer by signed token, the tenant's server).
export { AnonymousIds } from './anonymous-ids.ts';
export { authenticateWidgetRequest, type Caller, originAllowed, type WidgetAuth } from './authenticate.ts';
export {
  type CustomerClaims,
  InvalidTokenError,
  MAX_TOKEN_LIFETIME_SECONDS,
  signCustomerToken,
  verifyCustomerToken,
} from './customer-token.ts';
export { type Refusal, refusalMessage, refusalStatus, WidgetRefusal } from './refusals.ts';
export { type Tenant, TenantDirectory } from './tenant-directory.ts';
