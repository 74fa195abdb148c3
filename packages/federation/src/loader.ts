import type { WidgetProps } from '@flywheel/contracts/widget';
import { loadRemote, registerPlugins, registerRemotes } from '@module-federation/enhanced/runtime';
import type { ComponentType } from 'react';
import { isFallbackModule, offlineFallbackPlugin, retryPlugin } from './plugins.ts';
import type { RemoteRegistry } from './registry.ts';

/** What a widget remote exposes (see defineWidget in @flywheel/widget-kit). */
export type WidgetModule = {
  Widget: ComponentType<WidgetProps & Record<string, unknown>>;
  mount: (element: Element, props: WidgetProps & Record<string, unknown>) => () => void;
};

export type LoadedWidget =
  | { ok: true; module: WidgetModule; version: string }
  /** `hidden`: switched off by its `<widget>.enabled` flag, so the host shows nothing, not a fallback. */
  | { ok: false; reason: string; hidden?: boolean };

/** Module Federation names are JS identifiers: `referral-center` → `referral_center`. */
const federationName = (widget: string) => widget.replace(/[^A-Za-z0-9_]/g, '_');

let pluginsRegistered = false;
const registered = new Map<string, string>();

/**
 * Loads a widget by its registry name: looks up the build the registry names, registers it with
 * the Module Federation runtime (again only if the build changed), and loads its exposes. Never
 * throws: a widget that cannot load comes back as `{ ok: false }` for the host to fall back on.
 */
export async function loadWidget(registry: RemoteRegistry, name: string, version = ''): Promise<LoadedWidget> {
  try {
    const entry = await registry.resolve(name, version);
    if (!entry) return { ok: false, reason: `no widget named "${name}" in the registry` };
    if (!pluginsRegistered) {
      registerPlugins([retryPlugin(), offlineFallbackPlugin()]);
      pluginsRegistered = true;
    }
    // One build per widget per page: a different one (a canary) replaces the registration.
    const remoteName = federationName(name);
    if (registered.get(remoteName) !== entry.manifestUrl) {
      registerRemotes([{ name: remoteName, entry: entry.manifestUrl }], { force: registered.has(remoteName) });
      registered.set(remoteName, entry.manifestUrl);
    }
    const module = await loadRemote<WidgetModule>(`${remoteName}/Widget`);
    if (!module || isFallbackModule(module)) return { ok: false, reason: `widget "${name}" failed to load` };
    return { ok: true, module, version: entry.version };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
