import type { Db } from './client.ts';
import { badges, planTemplates, referralPrograms } from './schema/index.ts';

// What a new tenant starts with, so each of its widgets opens with something a marketer then
// changes in the console: a referral program, a first badge, and a 90-day plan. Everything here
// is built on events the widgets themselves record, since the tenant's own events are not known yet.

/** Ninety days in three phases: the demo's plans and a new tenant's starter plan share them. */
export const PLAN_PHASES = [
  { key: 'onboard', texts: { en: { name: 'Onboard' }, 'zh-CN': { name: '上手' } }, startDay: 0, endDay: 14 },
  { key: 'adopt', texts: { en: { name: 'Adopt' }, 'zh-CN': { name: '深入使用' } }, startDay: 15, endDay: 45 },
  { key: 'expand', texts: { en: { name: 'Expand' }, 'zh-CN': { name: '扩展' } }, startDay: 46, endDay: 89 },
];

/** The badge for sharing one's invite link once, on the rule the referral center's tracking feeds. */
export const firstInviteBadge = (tenantId: string, points: number) => ({
  tenantId,
  slug: 'first-invite',
  texts: {
    en: { name: 'First invite', description: 'You shared your invite link.', criteria: 'Share your referral link once.' },
    'zh-CN': { name: '首次邀请', description: '你分享了邀请链接。', criteria: '分享一次你的推荐链接。' },
  },
  design: { kind: 'builtin' as const, shape: 'star' as const, color: '#0969da' },
  rule: { event: 'referral_invite_sent', goal: { kind: 'first' as const }, creditTo: 'actor' as const },
  tiers: [{ tier: 'standard' as const, threshold: 1, points }],
});

export async function createStarterPrograms(db: Db, tenantId: string, landingUrl: string) {
  await db.insert(referralPrograms).values({
    tenantId,
    referrerReward: { type: 'points', amount: 500 },
    friendReward: { type: 'points', amount: 200 },
    qualifyingEvent: 'subscription_started',
    landingUrl,
  });
  await db.insert(badges).values(firstInviteBadge(tenantId, 50));
  await db.insert(planTemplates).values({
    tenantId,
    slug: 'first-90-days',
    texts: {
      en: { name: 'Your first 90 days', description: 'A few steps to get the most out of the product.' },
      'zh-CN': { name: '你的前 90 天', description: '充分用好产品的几个步骤。' },
    },
    audience: {},
    priority: 0,
    phases: PLAN_PHASES,
    milestones: [
      {
        key: 'invite-a-friend',
        texts: {
          en: { title: 'Invite a friend', description: 'Share your invite link with someone who would like it too.' },
          'zh-CN': { title: '邀请一位好友', description: '把邀请链接分享给也会喜欢它的人。' },
        },
        rule: { event: 'referral_invite_sent', goal: { kind: 'first' }, creditTo: 'actor' },
        target: 1,
        targetDay: 14,
        phase: 'onboard',
      },
    ],
    tasks: [
      { key: 'complete-profile', texts: { en: { title: 'Complete your profile' }, 'zh-CN': { title: '完善个人资料' } }, phase: 'onboard' },
    ],
  });
}
