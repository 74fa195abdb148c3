import { defineFlywheelProject } from '@flywheel/config/vitest';

export default defineFlywheelProject({ name: 'api', testTimeout: 20_000 });
