import { defineFlywheelProject } from '@flywheel/config/vitest';

export default defineFlywheelProject({ name: 'client' });
