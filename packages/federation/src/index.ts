export { loadWidgetForPage } from './load-for-page.ts';
export { type LoadedWidget, loadWidget, type WidgetModule } from './loader.ts';
export { onPageEvent, resetPage, trackOnPage, usePageEvent } from './page-api.ts';
export { FALLBACK_MODULE, isFallbackModule, offlineFallbackPlugin, retryPlugin } from './plugins.ts';
export { createRemoteRegistry, type RemoteRegistry } from './registry.ts';
export { RemoteWidget, type RemoteWidgetProps } from './remote-widget.tsx';
