import { defineWidget } from '@flywheel/widget-kit';
import { messages } from './messages.ts';
import { styles } from './styles.ts';
import { UgcShowcase } from './widget.tsx';

export const { Widget, mount, name } = defineWidget({ name: 'ugc-showcase', component: UgcShowcase, messages, styles });
