import { PAGE_EVENT, type PageEvent } from '@flywheel/contracts/widget';
import type { EmbedHost, FlywheelPageApi } from './protocol.ts';

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
const pageProps = () => ({ apiBase, publishableKey, getToken });
let tokenProvider: Provider | null = null;
const getToken: Provider = (options) => (tokenProvider ? tokenProvider(options) : null);

type Problem = { reason: string; message: string; widget?: string };
/** What the check says about the page: its problems, and the tenant's branding and language. */
type Checked = { problems: Problem[]; branding: Record<string, string>; defaultLocale: string | null };
const NOTHING_CHECKED: Checked = { problems: [], branding: {}, defaultLocale: null };
/** Misconfigurations no widget can work around: every widget on the page shows its fallback. */
const FATAL = ['missing_key', 'unknown_key', 'origin_not_allowed'];

let checked: Promise<Checked> | undefined;
/**
 * Asks the BFF once per page whether the key, the origin, the token and the widget names are
 * right, in parallel with loading the host; each problem is one console warning naming the cause
 * and the fix (and, with `data-debug` on the script tag, a small overlay). Diagnostics never break
 * the page: if the check itself fails, widgets just load.
 */
function check(): Promise<Checked> {
  checked ??= (async () => {
    const names = [...document.querySelectorAll('flywheel-widget')].map((element) => element.getAttribute('name') ?? '');
    // A token function that fails is the page's problem to report, not a reason to skip the check.
    const token = await Promise.resolve()
      .then(() => getToken())
      .catch((error: unknown) => {
        report([
          `the function given to Flywheel.identify() failed (${error instanceof Error ? error.message : String(error)}), so widgets show their signed-out state.`,
        ]);
        return null;
      });
    const response = await fetch(`${apiBase}/api/embed/check?widgets=${encodeURIComponent(names.join(','))}`, {
      headers: { 'x-flywheel-key': publishableKey, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    const answer = { ...NOTHING_CHECKED, ...((await response.json()) as Partial<Checked>) };
    report(answer.problems.map((problem) => problem.message));
    return answer;
  })().catch(() => NOTHING_CHECKED);
  return checked;
}

const reported = new Set<string>();
function report(messages: string[]) {
  for (const message of messages) {
    if (reported.has(message)) continue;
    reported.add(message);
    console.warn(`Flywheel: ${message}`);
    if (script?.dataset.debug !== undefined) overlay().append(Object.assign(document.createElement('p'), { textContent: message }));
  }
}

let debugPanel: HTMLElement | undefined;
/** `data-debug`: the warnings on the page too, in a corner, for whoever is setting the embed up. */
function overlay(): HTMLElement {
  if (debugPanel) return debugPanel;
  const host = document.createElement('div');
  const panel = document.createElement('div');
  panel.setAttribute('role', 'status');
  panel.style.cssText =
    'position:fixed;inset:auto 12px 12px auto;max-width:28rem;z-index:2147483647;background:#fff8c5;color:#1f2328;border:1px solid #d4a72c;border-radius:8px;padding:8px 12px;font:13px/1.4 system-ui,sans-serif';
  panel.append(Object.assign(document.createElement('strong'), { textContent: 'Flywheel embed' }));
  host.attachShadow({ mode: 'open' }).append(panel);
  document.body.append(host);
  debugPanel = panel;
  return panel;
}

/** Settles once the page's own load handlers have run, where the README's snippet calls identify(). */
const pageLoaded = new Promise<void>((resolve) => {
  if (document.readyState === 'complete') return resolve();
  addEventListener('load', () => setTimeout(resolve, 0), { once: true });
});
/** How long widgets wait for the page's load handlers before they mount signed out (and refresh when identified). */
const IDENTIFY_WAIT_MS = 500;
/**
 * Widgets mount as the customer from the start rather than signed out and refreshed a moment
 * later: on most pages it costs nothing, the embed host is loading until `load` anyway (a script
 * added before it holds the event back). A page whose images hold `load` back longer waits no
 * more than IDENTIFY_WAIT_MS.
 */
const readyToMount = Promise.race([pageLoaded, new Promise<void>((resolve) => setTimeout(resolve, IDENTIFY_WAIT_MS))]);

// A page that never identifies shows every widget signed out; say why once it has had its chance.
void pageLoaded.then(() => {
  if (!tokenProvider && mounted.size > 0) {
    report([
      'this page has not called Flywheel.identify(), so widgets show their signed-out state. Call it with a function that fetches a customer token from your server.',
    ]);
  }
});

let hostPromise: Promise<EmbedHost> | undefined;
/** The host once it has run: only then can widgets have read a customer that identify() changes. */
let loadedHost: EmbedHost | undefined;
function loadHost(): Promise<EmbedHost> {
  hostPromise ??= new Promise<EmbedHost>((resolve, reject) => {
    const ready = () => {
      loadedHost = window.__flywheelEmbedHost;
      if (loadedHost) resolve(loadedHost);
      else reject(new Error('embed host missing'));
    };
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
      shadow.append(skeletonStyles(), this.#container, this.#fallback);
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
    // Drawn before anything loads; the widget's first render replaces it.
    this.#container.replaceChildren(skeleton(this.getAttribute('locale') ?? document.documentElement.lang));
    try {
      const [{ problems, branding, defaultLocale }, host] = await Promise.all([check(), loadHost(), readyToMount]);
      this.#brand(branding);
      // The element's own locale, else the tenant's default, else the page's (the widget kit reads it).
      const props = { apiBase, publishableKey, getToken, locale: this.getAttribute('locale') ?? defaultLocale ?? undefined };
      // The host page's own fallback content, never a technical error, for a misconfiguration.
      const problem = problems.find((p) => FATAL.includes(p.reason) || p.widget === name);
      if (problem) {
        if (generation === this.#generation) this.#showFallback(name, problem.reason);
        return;
      }
      const result = await host.mount(name, this.#container, props);
      if (generation !== this.#generation) {
        if (result.ok) result.unmount();
        return;
      }
      if (result.ok) {
        this.#unmount = result.unmount;
        emit({ type: 'ready', widget: name });
      }
      // Switched off by its flag: show nothing at all, not even the fallback.
      else if (result.hidden) this.#container.replaceChildren();
      else this.#showFallback(name, result.reason);
    } catch (error) {
      this.#showFallback(name, error instanceof Error ? error.message : String(error));
    }
  }

  #branded = false;
  /**
   * The tenant's branding defaults as `:host` custom properties: below a value the page sets on
   * the element itself, above what it inherits. setProperty takes each value as one value, so
   * nothing in it can end the rule.
   */
  #brand(branding: Record<string, string>) {
    if (this.#branded || !this.shadowRoot || !('adoptedStyleSheets' in this.shadowRoot)) return;
    this.#branded = true;
    const sheet = new CSSStyleSheet();
    const rule = sheet.cssRules[sheet.insertRule(':host {}')] as CSSStyleRule;
    for (const [name, value] of Object.entries(branding)) if (name.startsWith('--fw-')) rule.style.setProperty(name, value);
    this.shadowRoot.adoptedStyleSheets = [...this.shadowRoot.adoptedStyleSheets, sheet];
  }

  #showFallback(widget: string, reason: string) {
    this.#container?.replaceChildren();
    if (this.#fallback) this.#fallback.hidden = false;
    emit({ type: 'error', widget, reason });
  }
}

/**
 * What a widget shows while it loads, the same three bars as the widget kit's skeleton, so the
 * space is held and a screen reader hears that something is coming. Plain CSS in the shadow root:
 * nothing of the widget's has loaded yet.
 */
function skeleton(lang: string): HTMLElement {
  const status = document.createElement('div');
  status.setAttribute('role', 'status');
  status.append(
    Object.assign(document.createElement('span'), { className: 'fw-hidden', textContent: /^zh/i.test(lang) ? '加载中…' : 'Loading…' }),
  );
  for (const width of [90, 75, 60]) {
    const bar = Object.assign(document.createElement('div'), { className: 'fw-skeleton' });
    bar.setAttribute('aria-hidden', 'true');
    bar.style.width = `${width}%`;
    status.append(bar);
  }
  return status;
}

function skeletonStyles(): HTMLStyleElement {
  return Object.assign(document.createElement('style'), {
    textContent:
      '.fw-skeleton{height:1em;margin-top:8px;border-radius:6px;background:var(--fw-color-subtle,#f3f4f6)}.fw-skeleton:first-of-type{margin-top:0}.fw-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}',
  });
}

function emit(event: PageEvent) {
  dispatchEvent(new CustomEvent(PAGE_EVENT, { detail: event }));
}

/**
 * A new customer, or none: the token is checked again (its problems are warnings), and widgets
 * already showing refresh their data as the new customer, without a remount. Widgets still loading
 * read the token when they get to it.
 */
function identityChanged() {
  checked = undefined;
  void check();
  loadedHost?.refreshIdentity(pageProps());
}

// Flywheel.on/off: each handler gets the page events of its type (the widgets dispatch them on window too).
const listeners = new Map<string, Map<unknown, EventListener>>();

const api: FlywheelPageApi = {
  identify(tokenOrProvider) {
    tokenProvider = typeof tokenOrProvider === 'function' ? tokenOrProvider : () => tokenOrProvider;
    identityChanged();
  },
  reset() {
    tokenProvider = null;
    identityChanged();
  },
  on(type, handler) {
    const byHandler = listeners.get(type) ?? new Map<unknown, EventListener>();
    listeners.set(type, byHandler);
    if (byHandler.has(handler)) return;
    const listener: EventListener = (event) => {
      const detail = (event as CustomEvent<PageEvent>).detail;
      if (detail?.type === type) (handler as (event: PageEvent) => void)(detail);
    };
    byHandler.set(handler, listener);
    addEventListener(PAGE_EVENT, listener);
  },
  off(type, handler) {
    const listener = listeners.get(type)?.get(handler);
    if (!listener) return;
    removeEventListener(PAGE_EVENT, listener);
    listeners.get(type)?.delete(handler);
  },
  track(event, properties) {
    void loadHost()
      .then((host) => host.track(pageProps(), event, properties))
      .catch(() => report([`Flywheel.track('${event}') could not be sent: the embed could not load.`]));
  },
};
window.Flywheel = api;
if (!customElements.get('flywheel-widget')) customElements.define('flywheel-widget', FlywheelWidget);
