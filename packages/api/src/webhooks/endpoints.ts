import { randomBytes } from 'node:crypto';
import { type Db, decryptSecret, encryptSecret, type SecretsKey, schema } from '@flywheel/db';
import { TRPCError } from '@trpc/server';
import { and, arrayContains, desc, eq, or, sql } from 'drizzle-orm';
import type { Emit } from '../platform/index.ts';
import { endpointUrlProblem } from './address.ts';
import type { SendOutcome } from './send.ts';

/** Failed attempts in a row after which an endpoint is disabled (about a day of one message's retries, or a burst). */
export const DISABLE_AFTER_FAILURES = 30;

export type WebhookOptions = {
  secretsKey: SecretsKey;
  /** Development only: endpoints on localhost and private networks. */
  allowPrivateNetworks: boolean;
};

const publicColumns = {
  id: schema.webhookEndpoints.id,
  url: schema.webhookEndpoints.url,
  eventTypes: schema.webhookEndpoints.eventTypes,
  status: schema.webhookEndpoints.status,
  disabledReason: schema.webhookEndpoints.disabledReason,
  consecutiveFailures: schema.webhookEndpoints.consecutiveFailures,
  createdAt: schema.webhookEndpoints.createdAt,
};

/** Whether the tenant registered this exact URL: a webhook reward is delivered only to one that is. */
export async function isRegisteredEndpoint(db: Db, tenantId: string, url: string): Promise<boolean> {
  const [row] = await db
    .select({ id: schema.webhookEndpoints.id })
    .from(schema.webhookEndpoints)
    .where(and(eq(schema.webhookEndpoints.tenantId, tenantId), eq(schema.webhookEndpoints.url, url)));
  return Boolean(row);
}

/** Registers an endpoint; the signing secret (`whsec_…`) is in the result and never again. */
export async function createEndpoint(db: Db, options: WebhookOptions, tenantId: string, input: { url: string; eventTypes: string[] }) {
  const problem = endpointUrlProblem(input.url, options.allowPrivateNetworks);
  if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: `url: ${problem}` });
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const [created] = await db
    .insert(schema.webhookEndpoints)
    .values({ tenantId, url: input.url, eventTypes: input.eventTypes, secretCiphertext: encryptSecret(options.secretsKey, secret) })
    .onConflictDoNothing()
    .returning(publicColumns);
  if (!created) throw new TRPCError({ code: 'CONFLICT', message: 'url: this endpoint is registered already' });
  return { ...created, secret };
}

export const listEndpoints = (db: Db, tenantId: string) =>
  db
    .select(publicColumns)
    .from(schema.webhookEndpoints)
    .where(eq(schema.webhookEndpoints.tenantId, tenantId))
    .orderBy(schema.webhookEndpoints.createdAt);

export async function removeEndpoint(db: Db, tenantId: string, id: string) {
  const removed = await db
    .delete(schema.webhookEndpoints)
    .where(and(eq(schema.webhookEndpoints.tenantId, tenantId), eq(schema.webhookEndpoints.id, id)))
    .returning({ id: schema.webhookEndpoints.id });
  return removed.length > 0;
}

/** Turns a disabled endpoint back on, with a clean failure count. */
export async function enableEndpoint(db: Db, tenantId: string, id: string) {
  const [enabled] = await db
    .update(schema.webhookEndpoints)
    .set({ status: 'enabled', disabledReason: null, consecutiveFailures: 0 })
    .where(and(eq(schema.webhookEndpoints.tenantId, tenantId), eq(schema.webhookEndpoints.id, id)))
    .returning(publicColumns);
  return enabled ?? null;
}

/** The latest attempts to one endpoint, newest first. */
export const attemptsOf = (db: Db, tenantId: string, endpointId: string, limit = 100) =>
  db
    .select()
    .from(schema.webhookAttempts)
    .where(and(eq(schema.webhookAttempts.tenantId, tenantId), eq(schema.webhookAttempts.endpointId, endpointId)))
    .orderBy(desc(schema.webhookAttempts.id))
    .limit(limit);

/** The enabled endpoints subscribed to an event name. */
export const endpointsFor = (db: Db | Parameters<Emit>[0], tenantId: string, eventName: string) =>
  db
    .select({ id: schema.webhookEndpoints.id })
    .from(schema.webhookEndpoints)
    .where(
      and(
        eq(schema.webhookEndpoints.tenantId, tenantId),
        eq(schema.webhookEndpoints.status, 'enabled'),
        or(arrayContains(schema.webhookEndpoints.eventTypes, [eventName]), arrayContains(schema.webhookEndpoints.eventTypes, ['*'])),
      ),
    );

/** An endpoint with its decrypted secret, for sending; null if gone. */
export async function endpointForSending(db: Db, options: WebhookOptions, tenantId: string, where: { id: string } | { url: string }) {
  const [row] = await db
    .select()
    .from(schema.webhookEndpoints)
    .where(
      and(
        eq(schema.webhookEndpoints.tenantId, tenantId),
        'id' in where ? eq(schema.webhookEndpoints.id, where.id) : eq(schema.webhookEndpoints.url, where.url),
      ),
    );
  return row ? { ...row, secret: decryptSecret(options.secretsKey, row.secretCiphertext) } : null;
}

/**
 * Logs an attempt and keeps the endpoint's failure streak: a success resets it; the
 * DISABLE_AFTER_FAILURES-th failure in a row disables the endpoint and records a
 * `webhook_endpoint_disabled` event, the tenant's notice.
 */
export async function recordAttempt(
  db: Db,
  emit: Emit,
  endpoint: { id: string; tenantId: string; url: string },
  message: { id: string; type: string; attempt: number },
  outcome: SendOutcome,
) {
  await db.transaction(async (tx) => {
    await tx.insert(schema.webhookAttempts).values({
      tenantId: endpoint.tenantId,
      endpointId: endpoint.id,
      messageId: message.id,
      eventType: message.type,
      attempt: message.attempt,
      succeeded: outcome.ok,
      statusCode: outcome.statusCode,
      latencyMs: outcome.latencyMs,
      responseExcerpt: outcome.responseExcerpt,
      error: outcome.error,
    });
    const [updated] = await tx
      .update(schema.webhookEndpoints)
      .set({ consecutiveFailures: outcome.ok ? 0 : sql`${schema.webhookEndpoints.consecutiveFailures} + 1` })
      .where(eq(schema.webhookEndpoints.id, endpoint.id))
      .returning({ failures: schema.webhookEndpoints.consecutiveFailures, status: schema.webhookEndpoints.status });
    if (updated?.status !== 'enabled' || updated.failures < DISABLE_AFTER_FAILURES) return;
    const reason = `${updated.failures} failed attempts in a row; the last: ${outcome.error ?? 'unknown error'}`;
    await tx
      .update(schema.webhookEndpoints)
      .set({ status: 'disabled', disabledReason: reason })
      .where(eq(schema.webhookEndpoints.id, endpoint.id));
    await emit(tx, {
      tenantId: endpoint.tenantId,
      messageId: `webhook-endpoint:${endpoint.id}:disabled:${Date.now()}`,
      event: 'webhook_endpoint_disabled',
      userId: `tenant:${endpoint.tenantId}`,
      properties: { endpoint_id: endpoint.id, url: endpoint.url, reason },
    });
  });
}
