import { eventCatalogue } from '@flywheel/contracts/event-catalogue';
import { z } from 'zod';
import { externalIdOf, findCustomer } from '../customers/index.ts';
import { eventKey, isTrusted, type Job, job, reaction } from '../platform/index.ts';
import { deliver, retryPolicy, type WebhookOptions } from '../webhooks/index.ts';
import { creditedCustomer } from './badges.ts';
import { confirmDelivered, pendingRedemption, unwind } from './bank.ts';
import { payForAction } from './point-rules.ts';
import { activeBadges, applyEvent, type Badge, settleBadge } from './progress.ts';
import { recordActivity, settingsOf } from './streaks.ts';

const counts = (badge: Badge, key: string) => badge.rule.event === key || badge.rule.undoneBy?.event === key;

/**
 * The customer's own events: their streak, the badges whose rules count what they did, and the
 * points their actions earn.
 * One customer's events arrive in order (the default subject), so their counts never race.
 */
const customerProgress = reaction({
  name: 'achievements.progress',
  on: ['*'],
  when: (event) => Boolean(event.userId) && event.type !== 'identify',
  async handle(ctx) {
    const { event } = ctx;
    const customer = await findCustomer(ctx.tx, event.tenantId, event.userId as string);
    if (!customer) return;
    const key = eventKey(event);
    const badges = await activeBadges(ctx.tx, event.tenantId);
    const settings = await settingsOf(ctx.tx, event.tenantId);
    if (key === settings.streakEvent) {
      // A browser's clock is the customer's to set: its events count when they reach us.
      const at = isTrusted(event) ? event.timestamp : ctx.now;
      const current = await recordActivity(ctx, { tenantId: event.tenantId, customer, at, cadence: settings.streakCadence });
      if (current !== null) {
        for (const badge of badges.filter((b) => b.rule.goal.kind === 'streak')) await settleBadge(ctx, badge, customer.id);
      }
    }
    await applyEvent(
      ctx,
      badges.filter((b) => b.rule.creditTo === 'actor' && counts(b, key)),
      customer.id,
    );
    await payForAction(ctx, customer);
  },
});

const referralSteps = Object.keys(eventCatalogue).filter((name) => name.startsWith('referral_'));

/** The referral steps credit the referrer: one referrer's friends are counted one at a time. */
const referrerProgress = reaction({
  name: 'achievements.referrer-progress',
  on: referralSteps,
  from: ['domain'],
  subject: (event) => `referrer:${String(event.properties.referrer_id)}`,
  async handle(ctx) {
    const key = eventKey(ctx.event);
    const badges = (await activeBadges(ctx.tx, ctx.event.tenantId)).filter((b) => b.rule.creditTo === 'referrer' && counts(b, key));
    if (badges.length === 0) return;
    const referrer = await creditedCustomer(ctx.tx, ctx.event.tenantId, badges[0] as Badge, ctx.event);
    if (referrer) await applyEvent(ctx, badges, referrer);
  },
});

export const achievementsReactions = [customerProgress, referrerProgress];

/**
 * Delivers a webhook reward: the tenant's endpoint is told, signed, with the retry schedule of
 * every webhook; its 2xx fulfils the redemption (the points are spent). When the last attempt
 * fails, the points go back to the customer instead of being held forever.
 */
export function achievementsJobs(options: WebhookOptions): Job<unknown, unknown>[] {
  return [
    job({
      name: 'achievements.fulfil',
      payload: z.object({ redemptionId: z.uuid() }),
      ...retryPolicy,
      async perform(ctx): Promise<{ delivered: boolean; failure?: string } | null> {
        const pending = await pendingRedemption(ctx.db, ctx.tenantId, ctx.payload.redemptionId);
        const fulfilment = pending?.item.fulfilment;
        if (!pending || fulfilment?.type !== 'webhook') return null;
        const { redemption, item } = pending;
        try {
          await deliver(
            ctx,
            options,
            { url: fulfilment.url },
            {
              id: `redemption_${redemption.id}`,
              type: 'reward.redeemed',
              timestamp: new Date(),
              data: {
                redemption_id: redemption.id,
                customer: await externalIdOf(ctx.db, ctx.tenantId, redemption.customerId),
                reward_id: item.id,
                label: fulfilment.label,
                price: redemption.price,
              },
            },
          );
          return { delivered: true };
        } catch (error) {
          if (ctx.attempt < retryPolicy.maxAttempts) throw error;
          return { delivered: false, failure: error instanceof Error ? error.message : String(error) };
        }
      },
      async handle(ctx) {
        if (!ctx.performed) return;
        if (ctx.performed.delivered) await confirmDelivered(ctx, ctx.tenantId, ctx.payload.redemptionId);
        else await unwind(ctx, ctx.tenantId, ctx.payload.redemptionId, ctx.performed.failure ?? 'delivery failed');
      },
    }),
  ] as Job<unknown, unknown>[];
}
