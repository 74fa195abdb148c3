import { defineWidget } from '@flywheel/widget-kit';
import { messages } from './messages.ts';
import { styles } from './styles.ts';
import { AchievementWall } from './widget.tsx';

export const { Widget, mount, name } = defineWidget({ name: 'achievement-wall', component: AchievementWall, messages, styles });
