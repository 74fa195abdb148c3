import type { Db } from '@flywheel/db';
import { z } from 'zod';
import { externalIdOf } from '../customers/index.ts';
import { eventById } from '../events/index.ts';
import { type Job, job, type Reaction, reaction } from '../platform/index.ts';
import * as rewards from '../rewards/index.ts';
import { endpointForSending, endpointsFor, recordAttempt, type WebhookOptions } from './endpoints.ts';
import { type SendOutcome, sendWebhook, type WebhookMessage } from './send.ts';

/**
 * The Standard Webhooks retry schedule: at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h:
 * a receiver that is down for a day still gets every message.
 */
const RETRY_SCHEDULE_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];
export const retryPolicy = {
  maxAttempts: RETRY_SCHEDULE_MS.length + 1,
  retryDelayMs: (attempt: number) => RETRY_SCHEDULE_MS[Math.min(attempt, RETRY_SCHEDULE_MS.length) - 1] ?? 36_000_000,
};

class DeliveryFailed extends Error {
  override name = 'DeliveryFailed';
}

async function eventMessage(db: Db, eventId: number): Promise<WebhookMessage | null> {
  const event = await eventById(db, eventId);
  if (!event?.event) return null;
  return {
    id: `evt_${event.id}`,
    type: event.event,
    timestamp: new Date(),
    data: { id: event.messageId, customer: event.userId, occurred_at: event.timestamp.toISOString(), ...event.properties },
  };
}

/** Sends to one endpoint and logs the attempt; throws (to be retried) unless the tenant answered 2xx. */
export async function deliver(
  ctx: { db: Db; emit: Parameters<typeof recordAttempt>[1]; tenantId: string; attempt: number },
  options: WebhookOptions,
  where: { id: string } | { url: string },
  message: WebhookMessage,
): Promise<SendOutcome | null> {
  const endpoint = await endpointForSending(ctx.db, options, ctx.tenantId, where);
  if (!endpoint) {
    if ('url' in where)
      throw new DeliveryFailed(`no webhook endpoint is registered for ${where.url}: add it under Webhooks in the console`);
    return null; // removed since: nothing to deliver
  }
  if (endpoint.status !== 'enabled') throw new DeliveryFailed(`the endpoint ${endpoint.url} is disabled: ${endpoint.disabledReason ?? ''}`);
  const outcome = await sendWebhook(endpoint.url, endpoint.secret, message, options.allowPrivateNetworks);
  await recordAttempt(ctx.db, ctx.emit, endpoint, { id: message.id, type: message.type, attempt: ctx.attempt }, outcome);
  if (!outcome.ok) throw new DeliveryFailed(`${endpoint.url}: ${outcome.error}`);
  return outcome;
}

/**
 * Webhooks are reactions: every domain event fans out to the tenant's endpoints that subscribe to
 * it, one job per (endpoint, event), so one failing endpoint is retried alone. Approved rewards of
 * kind `webhook` are fulfilled the same way, and the tenant's 2xx marks them paid.
 */
export function webhookReactions(): Reaction[] {
  return [
    reaction({
      name: 'webhooks.fan-out',
      on: ['*'],
      from: ['domain'],
      subject: (event) => `message:${event.messageId}`,
      async handle({ tx, schedule, event, now }) {
        if (!event.event) return;
        for (const endpoint of await endpointsFor(tx, event.tenantId, event.event)) {
          await schedule(tx, {
            tenantId: event.tenantId,
            name: 'webhooks.send',
            key: `webhook:${endpoint.id}:${event.id}`,
            runAt: now,
            payload: { endpointId: endpoint.id, eventId: event.id },
          });
        }
      },
    }),
    reaction({
      name: 'webhooks.fulfil-rewards',
      on: ['reward_approved'],
      from: ['domain'],
      when: (event) => (event.properties.reward as { type?: string } | undefined)?.type === 'webhook',
      subject: (event) => `message:${event.messageId}`,
      async handle({ tx, schedule, event, now }) {
        const grantId = String(event.properties.grant_id);
        await schedule(tx, {
          tenantId: event.tenantId,
          name: 'webhooks.fulfil-reward',
          key: `reward:${grantId}:fulfil`,
          runAt: now,
          payload: { grantId },
        });
      },
    }),
  ];
}

export function webhookJobs(options: WebhookOptions): Job<unknown, unknown>[] {
  return [
    job({
      name: 'webhooks.send',
      payload: z.object({ endpointId: z.uuid(), eventId: z.number().int().positive() }),
      ...retryPolicy,
      async perform(ctx) {
        const message = await eventMessage(ctx.db, ctx.payload.eventId);
        if (message) await deliver(ctx, options, { id: ctx.payload.endpointId }, message);
      },
      async handle() {},
    }),
    job({
      name: 'webhooks.fulfil-reward',
      payload: z.object({ grantId: z.uuid() }),
      ...retryPolicy,
      async perform(ctx) {
        const grant = await rewards.grantById(ctx.db, ctx.tenantId, ctx.payload.grantId);
        if (grant?.status !== 'approved' || grant.spec.type !== 'webhook') return false;
        const customer = await externalIdOf(ctx.db, ctx.tenantId, grant.customerId);
        await deliver(
          ctx,
          options,
          { url: grant.spec.url },
          {
            id: `grant_${grant.id}`,
            type: 'reward.fulfil',
            timestamp: new Date(),
            data: {
              grant_id: grant.id,
              customer,
              reward: grant.spec,
              source: grant.source,
              source_key: grant.sourceKey,
            },
          },
        );
        return true;
      },
      async handle({ tx, emit, tenantId, payload, performed }) {
        if (performed) await rewards.markPaid({ tx, emit }, tenantId, payload.grantId);
      },
    }),
  ] as Job<unknown, unknown>[];
}
