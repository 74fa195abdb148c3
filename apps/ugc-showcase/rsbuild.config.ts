import { createRemoteConfig, widgetExposes } from '@flywheel/config/rsbuild';
import pkg from './package.json' with { type: 'json' };

export default createRemoteConfig({ name: 'ugc-showcase', exposes: widgetExposes, port: pkg.flywheel.devPort });
