export * as achievements from './achievements/index.ts';
export { aggregateExperiment, type ExperimentTotals } from './analytics/index.ts';
export { type ApiDeps, type ContextInner, createContext, createContextInner } from './context.ts';
export { EventNotAllowedError, ingestBatch, MessageIdReusedError } from './events/index.ts';
export { authoredFor, PayloadStore } from './flags/payload-store.ts';
export { createFlagsRuntime, type FlagsRuntime, type PayloadSource } from './flags/runtime.ts';
export { AnonymousIds } from './identity/anonymous-ids.ts';
export { authenticateWidgetRequest, type Caller, originAllowed, type WidgetAuth } from './identity/authenticate.ts';
export { type CustomerClaims, MAX_TOKEN_LIFETIME_SECONDS, signCustomerToken, verifyCustomerToken } from './identity/customer-token.ts';
export { type Refusal, refusalMessage, refusalStatus } from './identity/refusals.ts';
export { type Tenant, TenantDirectory } from './identity/tenant-directory.ts';
export * as insights from './insights/index.ts';
export { type MailOptions, mailOptionsFromEnv } from './mail.ts';
export {
  type Backlog,
  backlogOf,
  createPlatform,
  LiveHub,
  listDeadLetters,
  type Platform,
  replayDeadLetters,
  Worker,
  type WorkerOptions,
  type WorkRun,
} from './platform/index.ts';
export * as publicApi from './public-api/index.ts';
export { followLink, normalizeCode } from './referral/index.ts';
export { createDomainPlatform } from './registry.ts';
export { type AppRouter, appRouter } from './root.ts';
export * as successPlan from './success-plan/index.ts';
export { addOrigin, createTenant, removeOrigin, rotateSecret, tenantIdByKey, tenantSettings } from './tenants/index.ts';
export { createCallerFactory } from './trpc.ts';
export * as ugc from './ugc/index.ts';
export type { WebhookOptions } from './webhooks/index.ts';
