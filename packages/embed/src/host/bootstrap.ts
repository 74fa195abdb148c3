import type { WidgetProps } from '@flywheel/contracts/widget';
import { loadWidget } from '@flywheel/federation/loader';
import { createRemoteRegistry } from '@flywheel/federation/registry';
import type { EmbedHost } from '../protocol.ts';

const registries = new Map<string, ReturnType<typeof createRemoteRegistry>>();

const host: EmbedHost = {
  async mount(name: string, element: Element, props: WidgetProps) {
    const key = `${props.apiBase}|${props.publishableKey}`;
    let registry = registries.get(key);
    if (!registry) {
      registry = createRemoteRegistry(props.apiBase, props.publishableKey);
      registries.set(key, registry);
    }
    const loaded = await loadWidget(registry, name);
    if (!loaded.ok) return { ok: false, reason: loaded.reason };
    try {
      return { ok: true, unmount: loaded.module.mount(element, props) };
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  },
};

window.__flywheelEmbedHost = host;
window.dispatchEvent(new Event('flywheel:host-ready'));
