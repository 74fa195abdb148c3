import type { RouterOutputs } from '@flywheel/widget-kit';

type RewardSpec = RouterOutputs['referral']['summary']['referrerReward'];
type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A reward in plain words, in the reader's language: "$20.00 credit", "500 积分". */
export function rewardText(reward: RewardSpec, locale: string, t: Translate): string {
  switch (reward.type) {
    case 'credit':
      return new Intl.NumberFormat(locale, { style: 'currency', currency: reward.currency }).format(reward.amount);
    case 'points':
      return t('referral.reward.points', { amount: new Intl.NumberFormat(locale).format(reward.amount) });
    case 'coupon':
      return reward.code ? t('referral.reward.couponCode', { code: reward.code }) : t('referral.reward.coupon');
    case 'webhook':
      return reward.label;
  }
}
