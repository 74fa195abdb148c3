import { describe, expect, it } from 'vitest';
import { createWidgetI18n } from './i18n.ts';
import { formatReward } from './rewards.ts';

const t = (locale: 'en' | 'zh-CN') => createWidgetI18n({ en: {}, 'zh-CN': {} }, locale).t;

describe('formatReward', () => {
  it.each([
    ['en', { type: 'credit', amount: 20, currency: 'USD' }, '$20.00'],
    ['zh-CN', { type: 'credit', amount: 20, currency: 'CNY' }, '¥20.00'],
    // A non-breaking space: an amount never parts from its unit at the end of a line.
    ['en', { type: 'points', amount: 1500 }, '1,500\u00a0points'],
    ['zh-CN', { type: 'points', amount: 1500 }, '1,500\u00a0积分'],
    ['en', { type: 'coupon', pool: [], code: 'WELCOME-1' }, 'discount code WELCOME-1'],
    ['zh-CN', { type: 'coupon', pool: [] }, '一张优惠码'],
    ['en', { type: 'webhook', url: 'https://acme.example/hooks', label: 'A $20 gift card' }, 'A $20 gift card'],
  ] as const)('in %s, %j reads %s', (locale, reward, text) => {
    expect(formatReward(reward as never, locale, t(locale))).toBe(text);
  });
});
