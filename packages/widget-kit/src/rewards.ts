import type { RewardSpec } from '@flywheel/contracts/rewards';
import type { Translate } from './messages.ts';

/**
 * A reward in plain words, in the reader's language ("$20.00", "500 积分", "discount code
 * WELCOME-1"): the one formatter every widget uses, so a reward reads the same everywhere.
 * `t` is the widget's translator, which carries widget-kit's own `kit.reward.*` messages.
 */
export function formatReward(reward: RewardSpec, locale: string, t: Translate<object>): string {
  switch (reward.type) {
    case 'credit':
      return new Intl.NumberFormat(locale, { style: 'currency', currency: reward.currency }).format(reward.amount);
    case 'points':
      return t('kit.reward.points', { amount: new Intl.NumberFormat(locale).format(reward.amount) });
    case 'coupon':
      return reward.code ? t('kit.reward.couponCode', { code: reward.code }) : t('kit.reward.coupon');
    case 'webhook':
      return reward.label;
  }
}
