import type { Shape } from '../../messages.ts';

/** The referrals pages' copy, under the keys the i18n resources merge it at. */
export const en = {
  referrals: {
    title: 'Referral review',
    intro: 'Referrals the fraud rules held. Approving grants both rewards; rejecting grants none.',
    referrer: 'Referrer',
    friend: 'Friend',
    code: 'Code',
    signals: 'Signals',
    qualified: 'Qualified',
    reason: 'Reason for your decision',
    approve: 'Approve',
    reject: 'Reject',
    empty: 'Nothing to review. Held referrals appear here.',
    forbidden: 'Only moderators and owners review referrals.',
    nav: 'Referral review',
  },
};

export const zhCN: Shape<typeof en> = {
  referrals: {
    title: '推荐审核',
    intro: '被反作弊规则暂扣的推荐。批准后双方获得奖励；拒绝则都不发放。',
    referrer: '推荐人',
    friend: '好友',
    code: '推荐码',
    signals: '风险信号',
    qualified: '达标时间',
    reason: '你的决定理由',
    approve: '批准',
    reject: '拒绝',
    empty: '没有待审核的推荐。被暂扣的推荐会显示在这里。',
    forbidden: '只有审核员和所有者可以审核推荐。',
    nav: '推荐审核',
  },
};
