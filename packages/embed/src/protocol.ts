import type { WidgetProps } from '@flywheel/contracts/widget';

export type { FlywheelPageApi } from '../flywheel.d.ts';

/** What the embed host (host.js) offers embed.js once it has loaded. */
export type EmbedHost = {
  mount(
    name: string,
    element: Element,
    props: WidgetProps,
  ): Promise<{ ok: true; unmount: () => void } | { ok: false; reason: string; hidden?: boolean }>;
  /** Records an event of the host page's through the page's tracker (the widgets' own queue). */
  track(props: WidgetProps, event: string, properties?: Record<string, unknown>): void;
  /**
   * The page identified another customer, or signed them out: the mounted widgets read the
   * customer, their flags and their data again, without remounting.
   */
  refreshIdentity(props: WidgetProps): void;
};

declare global {
  interface Window {
    __flywheelEmbedHost?: EmbedHost;
  }
}
