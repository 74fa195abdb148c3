import { evalCondition } from '@growthbook/growthbook';
import { z } from 'zod';
import type { MailOptions } from '../mail.ts';
import { job, reaction } from '../platform/index.ts';
import * as rewards from '../rewards/index.ts';
import { emailInviteJob } from './invites.ts';
import { approveAfterHold, attributeFromTraits, programFor, qualify, reverse, settleMilestones } from './lifecycle.ts';

/**
 * One reaction for a friend's whole path (attribution, qualification, refund), so a friend's
 * identify and purchase are always handled in the order they happened. Only the tenant's server
 * may qualify or reverse: a customer token cannot fake a purchase.
 */
const friendLifecycle = reaction({
  name: 'referral.friend-lifecycle',
  on: ['*'],
  when: (event) =>
    Boolean(event.userId) &&
    ((event.type === 'identify' && typeof event.properties.referral_code === 'string') ||
      (event.type === 'track' && event.producer === 'server')),
  async handle(ctx) {
    const { event } = ctx;
    const userId = event.userId as string;
    if (event.type === 'identify') return attributeFromTraits(ctx, event.tenantId, userId, event.properties);
    const program = await programFor(ctx.tx, event.tenantId);
    if (!program) return;
    // A paused program rewards nobody new; a refund still takes back what was rewarded.
    if (
      event.event === program.qualifyingEvent &&
      !program.pausedAt &&
      evalCondition(event.properties, (program.qualifyingCondition ?? {}) as never)
    ) {
      await qualify(ctx, event.tenantId, userId, program);
    } else if (event.event === program.reversalEvent) {
      await reverse(ctx, event.tenantId, userId);
    }
  },
});

/** Milestones follow the referrer's rewarded friends, one referrer at a time. */
const milestones = reaction({
  name: 'referral.milestones',
  on: ['referral_qualified', 'referral_approved', 'referral_reversed'],
  from: ['domain'],
  subject: (event) => `referrer:${String(event.properties.referrer_id)}`,
  handle: (ctx) => settleMilestones(ctx, ctx.event.tenantId, String(ctx.event.properties.referrer_id)),
});

export const referralReactions = [friendLifecycle, milestones];

/** The domain's jobs; the email invite's needs the SMTP server, when one is configured. */
export const referralJobs = (mail: MailOptions | undefined) => [
  emailInviteJob(mail),
  job({
    name: 'referral.approve',
    payload: z.object({ referralId: z.uuid() }),
    handle: (ctx) => approveAfterHold(ctx, ctx.tenantId, ctx.payload.referralId),
  }),
  job({
    name: 'referral.approve-milestone',
    payload: z.object({ sourceKey: z.string().min(1) }),
    handle: async (ctx) => {
      await rewards.approve(ctx, ctx.tenantId, ctx.payload.sourceKey);
    },
  }),
];
