// Webhooks: tenants' endpoints, signed per the Standard Webhooks specification; delivery is a reaction.
export { DISABLE_AFTER_FAILURES, isRegisteredEndpoint, type WebhookOptions } from './endpoints.ts';
export { deliver, retryPolicy, webhookJobs, webhookReactions } from './reactions.ts';
