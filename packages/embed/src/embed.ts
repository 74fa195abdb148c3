import type { EmbedHost } from './protocol.ts';

/**
 * embed.js: `<script async src=".../embed.js" data-key="pk_…">` on any page defines
 * `<flywheel-widget name="…" locale="…">`. Each element renders its widget in a shadow root
 * (no CSS crosses in either direction; `--fw-*` custom properties do, for theming). The Module
 * Federation host is loaded once, on the first element, and shared by every widget on the page.
 * The element's own children are its fallback, shown if the widget cannot load.
 */
const script = document.currentScript as HTMLScriptElement | null;
const apiBase = script ? new URL(script.src).origin : location.origin;
const publishableKey = script?.dataset.key ?? '';

type Provider = (options?: { forceRefresh?: boolean }) => Promise<string | null> | string | null;
let tokenProvider: Provider | null = null;
const getToken: Provider = (options) => (tokenProvider ? tokenProvider(options) : null);

let hostPromise: Promise<EmbedHost> | undefined;
function loadHost(): Promise<EmbedHost> {
  hostPromise ??= new Promise<EmbedHost>((resolve, reject) => {
    const ready = () => (window.__flywheelEmbedHost ? resolve(window.__flywheelEmbedHost) : reject(new Error('embed host missing')));
    window.addEventListener('flywheel:host-ready', ready, { once: true });
    const tag = document.createElement('script');
    tag.src = `${apiBase}/embed/static/js/host.js`;
    tag.async = true;
    tag.onerror = () => {
      hostPromise = undefined;
      reject(new Error('embed host failed to load'));
    };
    document.head.append(tag);
  });
  return hostPromise;
}

const mounted = new Set<FlywheelWidget>();

class FlywheelWidget extends HTMLElement {
  static observedAttributes = ['name', 'locale'];
  #container: HTMLDivElement | undefined;
  #fallback: HTMLSlotElement | undefined;
  #unmount: (() => void) | undefined;
  #generation = 0;

  connectedCallback() {
    if (!this.shadowRoot) {
      const shadow = this.attachShadow({ mode: 'open' });
      this.#container = document.createElement('div');
      this.#fallback = document.createElement('slot');
      this.#fallback.hidden = true;
      shadow.append(this.#container, this.#fallback);
    }
    mounted.add(this);
    void this.render();
  }

  disconnectedCallback() {
    mounted.delete(this);
    this.#teardown();
  }

  attributeChangedCallback(_name: string, before: string | null, after: string | null) {
    if (this.isConnected && before !== after && before !== null) void this.render();
  }

  #teardown() {
    this.#generation++;
    this.#unmount?.();
    this.#unmount = undefined;
  }

  async render() {
    this.#teardown();
    const generation = this.#generation;
    const name = this.getAttribute('name');
    if (!name || !this.#container || !this.#fallback) return;
    this.#fallback.hidden = true;
    const props = { apiBase, publishableKey, getToken, locale: this.getAttribute('locale') ?? undefined };
    try {
      const result = await (await loadHost()).mount(name, this.#container, props);
      if (generation !== this.#generation) {
        if (result.ok) result.unmount();
        return;
      }
      if (result.ok) this.#unmount = result.unmount;
      // Switched off by its flag: show nothing at all, not even the fallback.
      else if (!result.hidden) this.#fallback.hidden = false;
    } catch {
      this.#fallback.hidden = false;
    }
  }
}

window.Flywheel = {
  identify(tokenOrProvider) {
    tokenProvider = typeof tokenOrProvider === 'function' ? tokenOrProvider : () => tokenOrProvider;
    // Widgets that rendered anonymously render again as the customer.
    for (const element of mounted) void element.render();
  },
};
if (!customElements.get('flywheel-widget')) customElements.define('flywheel-widget', FlywheelWidget);
