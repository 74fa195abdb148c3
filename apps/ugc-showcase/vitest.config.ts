import { defineFlywheelProject } from '@flywheel/config/vitest';

export default defineFlywheelProject({ name: 'ugc-showcase', environment: 'happy-dom' });
