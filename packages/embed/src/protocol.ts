import type { WidgetProps } from '@flywheel/contracts/widget';

/** What the embed host (host.js) offers embed.js once it has loaded. */
export type EmbedHost = {
  mount(
    name: string,
    element: Element,
    props: WidgetProps,
  ): Promise<{ ok: true; unmount: () => void } | { ok: false; reason: string; hidden?: boolean }>;
};

declare global {
  interface Window {
    __flywheelEmbedHost?: EmbedHost;
    Flywheel?: { identify(tokenOrProvider: string | (() => Promise<string> | string)): void };
  }
}
