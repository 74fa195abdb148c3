import { defineWidget } from '@flywheel/widget-kit';
import { messages } from './messages.ts';
import { styles } from './styles.ts';
import { ReferralCenter } from './widget.tsx';

export const { Widget, mount, name } = defineWidget({ name: 'referral-center', component: ReferralCenter, messages, styles });
