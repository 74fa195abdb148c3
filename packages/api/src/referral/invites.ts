import { DAILY_EMAIL_INVITES } from '@flywheel/contracts/referral';
import { RewardSpec } from '@flywheel/contracts/rewards';
import { type Db, schema } from '@flywheel/db';
import { TRPCError } from '@trpc/server';
import { and, eq, gte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Customer } from '../customers/index.ts';
import { type MailOptions, sendMail } from '../mail.ts';
import { type Emit, job, type Schedule } from '../platform/index.ts';
import { RefusalReason } from '../refusal-reason.ts';
import { normalizeEmailForFraud } from './codes.ts';
import { lockReferrer, programFor } from './lifecycle.ts';
import { codeFor } from './service.ts';

type Locale = 'en' | 'zh-CN';

/** A reward in the words of an email (the widget's formatter is for browsers). */
function rewardWords(reward: RewardSpec, locale: Locale): string {
  switch (reward.type) {
    case 'credit':
      return new Intl.NumberFormat(locale, { style: 'currency', currency: reward.currency }).format(reward.amount);
    case 'points':
      return locale === 'zh-CN' ? `${reward.amount} 积分` : `${new Intl.NumberFormat('en').format(reward.amount)} points`;
    case 'coupon':
      return locale === 'zh-CN' ? '一张优惠码' : 'a discount code';
    case 'webhook':
      return reward.label;
  }
}

/** The invite as the friend reads it, in the language the referrer wrote it in: plain text, nothing to render. */
export function inviteEmail(input: { referrer: string; product: string; reward: RewardSpec; link: string; locale: Locale }) {
  const reward = rewardWords(input.reward, input.locale);
  return input.locale === 'zh-CN'
    ? {
        subject: `${input.referrer} 邀请你使用 ${input.product}`,
        text: `${input.referrer} 觉得你会喜欢 ${input.product}。通过下面的链接注册并订阅，你将获得${reward}：\n\n${input.link}\n\n你收到这封邮件，是因为 ${input.referrer} 在 ${input.product} 的邀请页面填写了你的邮箱。除非你注册，我们不会再给你发邮件。`,
      }
    : {
        subject: `${input.referrer} invited you to ${input.product}`,
        text: `${input.referrer} thinks you'd like ${input.product}. Sign up with this link and you get ${reward} when you subscribe:\n\n${input.link}\n\nYou got this email because ${input.referrer} typed your address into ${input.product}'s invite page. We won't email you again unless you sign up.`,
      };
}

/**
 * A customer invites a friend by email: once per address, at most DAILY_EMAIL_INVITES a day
 * (counted under the referrer's lock, so racing requests cannot pass the limit together). The
 * invite is a `referral_invite_sent` event with `to` and the link, which the tenant may send from
 * its webhook; with an SMTP server configured, Flywheel sends it too (the job below).
 */
export async function inviteByEmail(
  deps: { db: Db; emit: Emit; schedule: Schedule },
  tenant: { id: string; name: string },
  customer: Customer,
  input: { email: string; locale: Locale; linkBase: string },
) {
  if (customer.traits.preview === true) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'A console preview sends no invites.' });
  }
  const email = input.email.trim().toLowerCase();
  if (customer.email && normalizeEmailForFraud(customer.email) === normalizeEmailForFraud(email)) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'email: that is your own address; invite a friend’s',
      cause: new RefusalReason('own_address'),
    });
  }
  const program = await programFor(deps.db, tenant.id);
  if (!program || program.pausedAt) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Invites are paused for now.' });
  const { code } = await codeFor(deps.db, customer);
  const link = `${input.linkBase}/r/${code}?via=email`;
  await deps.db.transaction(async (tx) => {
    await lockReferrer(tx, customer.id);
    const i = schema.referralEmailInvites;
    const [today] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(i)
      .where(and(eq(i.tenantId, tenant.id), eq(i.referrerId, customer.id), gte(i.createdAt, sql`now() - interval '1 day'`)));
    if ((today?.n ?? 0) >= DAILY_EMAIL_INVITES) {
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `You can invite ${DAILY_EMAIL_INVITES} friends by email a day. Share your link another way, or try again tomorrow.`,
      });
    }
    const [invite] = await tx
      .insert(i)
      .values({ tenantId: tenant.id, referrerId: customer.id, email, locale: input.locale })
      .onConflictDoNothing()
      .returning({ id: i.id });
    if (!invite) throw new TRPCError({ code: 'CONFLICT', message: 'email: you invited this address already' });
    const referrer = customer.name?.trim().split(/\s+/)[0] ?? customer.email ?? 'A friend';
    await deps.emit(tx, {
      tenantId: tenant.id,
      messageId: `referral-invite:${invite.id}`,
      event: 'referral_invite_sent',
      userId: customer.externalId,
      properties: { channel: 'email', to: email, link, locale: input.locale, referrer_name: referrer },
    });
    await deps.schedule(tx, {
      tenantId: tenant.id,
      name: 'referral.email-invite',
      key: `referral-invite:${invite.id}`,
      runAt: new Date(),
      payload: { to: email, locale: input.locale, referrer, product: tenant.name, reward: program.friendReward, link },
    });
  });
  return { invited: email };
}

/** Sends a typed invite through the configured SMTP server; without one, the webhook event is the only delivery. */
export const emailInviteJob = (mail: MailOptions | undefined) =>
  job({
    name: 'referral.email-invite',
    payload: z.object({
      to: z.email(),
      locale: z.enum(['en', 'zh-CN']),
      referrer: z.string(),
      product: z.string(),
      reward: RewardSpec,
      link: z.url(),
    }),
    maxAttempts: 5,
    async perform(ctx) {
      if (!mail) return false;
      await sendMail(mail, { to: ctx.payload.to, ...inviteEmail(ctx.payload) });
      return true;
    },
    async handle() {},
  });
