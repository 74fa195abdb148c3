import { defineMessages, type Translate as KitTranslate } from '@flywheel/widget-kit';
import en from './messages/en.json';
import zhCN from './messages/zh-CN.json';

/** `t` is typed by en.json: a key missing from zh-CN, or a typo, does not compile. */
export const { messages, useT } = defineMessages({ en, 'zh-CN': zhCN });
export type Translate = KitTranslate<typeof en>;
