import type { WidgetProps } from '@flywheel/contracts/widget';
import { loadWidgetForPage } from '@flywheel/federation/load-for-page';
import { getPageSession } from '@flywheel/widget-kit';
import type { EmbedHost } from '../protocol.ts';

const host: EmbedHost = {
  async mount(name: string, element: Element, props: WidgetProps) {
    const loaded = await loadWidgetForPage(props, name);
    if (!loaded.ok) return { ok: false, reason: loaded.reason, hidden: loaded.hidden ?? false };
    try {
      return { ok: true, unmount: loaded.module.mount(element, props) };
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  },
  track(props, event, properties) {
    getPageSession(props).tracker.track({ event, ...(properties ? { properties } : {}) });
  },
  refreshIdentity(props) {
    getPageSession(props).refreshIdentity();
  },
};

window.__flywheelEmbedHost = host;
window.dispatchEvent(new Event('flywheel:host-ready'));
