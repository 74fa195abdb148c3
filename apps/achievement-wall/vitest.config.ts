import { defineFlywheelProject } from '@flywheel/config/vitest';

export default defineFlywheelProject({ name: 'achievement-wall', environment: 'happy-dom' });
