import { defineFlywheelProject } from '@flywheel/config/vitest';

// scrypt at its production cost takes ~0.5 s per hash, far longer on a busy 2-core CI machine.
export default defineFlywheelProject({ name: 'db', testTimeout: 30_000 });
