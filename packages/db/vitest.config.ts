import { defineFlywheelProject } from '@flywheel/config/vitest';

// Suites that start PGlite, migrate and seed take seconds on a busy 2-core CI machine.
export default defineFlywheelProject({ name: 'db', testTimeout: 30_000 });
