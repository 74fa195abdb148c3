import type { Shape } from '../../messages.ts';

/** The overview pages' copy, under the keys the i18n resources merge it at. */
export const en = {
  overview: {
    title: 'Overview',
    kFactor: 'K-factor per week',
    kFactorHelp: 'Invites per active referrer × invite conversion. Above 1, growth compounds on its own.',
    kFactorOf: 'Latest week: K {{k}} = {{invites}} invites per referrer × {{conversion}} of invites converting.',
    invitesPerReferrer: 'Invites per referrer',
    inviteConversion: 'Invite conversion',
    table: 'Week by week',
    participation: 'Participation per widget',
    participationHelp: 'Share of active customers who used each widget that week.',
    week: 'Week of',
    active: 'Active customers',
    empty: 'No activity in these weeks yet.',
    nav: 'Overview',
  },
};

export const zhCN: Shape<typeof en> = {
  overview: {
    title: '概览',
    kFactor: '每周 K 因子',
    kFactorHelp: '每位活跃推荐人的邀请数 × 邀请转化率。大于 1 时增长会自我放大。',
    kFactorOf: '最近一周：K {{k}} = 每位推荐人 {{invites}} 次邀请 × {{conversion}} 的邀请转化。',
    invitesPerReferrer: '每位推荐人的邀请数',
    inviteConversion: '邀请转化率',
    table: '逐周数据',
    participation: '各组件参与率',
    participationHelp: '当周使用过各组件的活跃客户占比。',
    week: '周起始',
    active: '活跃客户',
    empty: '这几周还没有活动。',
    nav: '概览',
  },
};
