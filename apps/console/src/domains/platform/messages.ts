import type { Shape } from '../../messages.ts';

/** The platform pages' copy, under the keys the i18n resources merge it at. */
export const en = {
  platform: {
    title: 'Background work',
    intro: 'Reactions to events and jobs that failed every attempt. Fix the cause (an endpoint, a setting), then replay: each runs once.',
    name: 'Reaction or job',
    kind: {
      reaction: 'reaction',
      job: 'job',
    },
    event: 'Event',
    identify: 'identify',
    customer: 'Customer',
    attempts: 'Attempts',
    error: 'Last error',
    since: 'Received or due',
    replay: 'Replay',
    replayAll_one: 'Replay {{count}} dead letter',
    replayAll_other: 'Replay all {{count}} dead letters',
    requeued_one: '{{count}} put back in line.',
    requeued_other: '{{count}} put back in line.',
    empty: 'Nothing failed. Reactions that run out of attempts appear here.',
    forbidden: 'Only owners see background work.',
    nav: 'Background work',
  },
};

export const zhCN: Shape<typeof en> = {
  platform: {
    title: '后台任务',
    intro: '多次尝试后仍失败的事件响应和任务。先修复原因（接收端点、配置），再重放：每条只执行一次。',
    name: '响应或任务',
    kind: {
      reaction: '响应',
      job: '任务',
    },
    event: '事件',
    identify: '识别',
    customer: '客户',
    attempts: '尝试次数',
    error: '最近错误',
    since: '接收或到期时间',
    replay: '重放',
    replayAll_one: '重放 {{count}} 条失败记录',
    replayAll_other: '重放全部 {{count}} 条失败记录',
    requeued_one: '已重新排队 {{count}} 条。',
    requeued_other: '已重新排队 {{count}} 条。',
    empty: '没有失败的任务。用尽重试次数的响应会显示在这里。',
    forbidden: '只有所有者可以查看后台任务。',
    nav: '后台任务',
  },
};
