import { defineFlywheelProject } from '@flywheel/config/vitest';

export default defineFlywheelProject({ name: 'bff', testTimeout: 20_000 });
