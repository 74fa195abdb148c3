import { defineFlywheelProject } from '@flywheel/config/vitest';

export default defineFlywheelProject({ name: 'success-plan', environment: 'happy-dom' });
