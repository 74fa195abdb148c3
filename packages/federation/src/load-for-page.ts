import type { WidgetProps } from '@flywheel/contracts/widget';
import { getPageSession } from '@flywheel/widget-kit';
import { type LoadedWidget, loadWidget } from './loader.ts';
import { createRemoteRegistry, type RemoteRegistry } from './registry.ts';

const registries = new Map<string, RemoteRegistry>();

function registryFor(apiBase: string, publishableKey: string) {
  const key = `${apiBase}|${publishableKey}`;
  let registry = registries.get(key);
  if (!registry) {
    registry = createRemoteRegistry(apiBase, publishableKey);
    registries.set(key, registry);
  }
  return registry;
}

/**
 * What every host does before showing a widget: asks the page's flags whether it is on
 * (`<widget>.enabled`) and which build to load (`<widget>.remote`, a registry version, so a
 * release can be canaried to a share of customers), then loads that build.
 */
export async function loadWidgetForPage(props: WidgetProps, name: string): Promise<LoadedWidget> {
  const registry = registryFor(props.apiBase, props.publishableKey);
  // The registry is asked while the flags are evaluated, not after; the build itself waits for
  // them, since they may name a canary.
  registry.prefetch();
  const flags = await getPageSession(props).flags(name);
  if (!flags.getFeatureValue(`${name}.enabled`, true)) return { ok: false, reason: `${name}.enabled is off`, hidden: true };
  const version = flags.getFeatureValue(`${name}.remote`, '');
  return loadWidget(registry, name, typeof version === 'string' ? version : '');
}
