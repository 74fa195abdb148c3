import { defineWidget } from '@flywheel/widget-kit';
import en from './messages/en.json';
import zhCN from './messages/zh-CN.json';
import { styles } from './styles.ts';
import { ReferralCenter } from './widget.tsx';

export const { Widget, mount, name } = defineWidget({
  name: 'referral-center',
  component: ReferralCenter,
  messages: { en, 'zh-CN': zhCN },
  styles,
});
