import { defineWidget } from '@flywheel/widget-kit';
import { messages } from './messages.ts';
import { styles } from './styles.ts';
import { SuccessPlan } from './widget.tsx';

export const { Widget, mount, name } = defineWidget({ name: 'success-plan', component: SuccessPlan, messages, styles });
