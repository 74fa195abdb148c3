import type { WidgetProps } from '@flywheel/contracts/widget';
import { ErrorBoundary } from '@flywheel/ui';
import { type ReactNode, Suspense, use, useMemo } from 'react';
import { loadWidgetForPage } from './load-for-page.ts';
import type { LoadedWidget } from './loader.ts';

/**
 * One load per widget and page, shared by every place that renders it. A failed load is not
 * kept: the next mount tries again, so one network hiccup does not hide a widget until reload.
 */
const loads = new Map<string, Promise<LoadedWidget>>();

function Loaded({ load, props, fallback }: { load: Promise<LoadedWidget>; props: WidgetProps; fallback: ReactNode }) {
  const result = use(load);
  if (!result.ok) return result.hidden ? null : fallback;
  const { Widget } = result.module;
  return <Widget {...props} />;
}

export type RemoteWidgetProps = WidgetProps & {
  /** Registry name, e.g. `referral-center`. */
  name: string;
  /** Shown when the widget cannot load or crashes; the rest of the page carries on either way. */
  fallback: ReactNode;
  /** Shown while the widget loads. */
  loading?: ReactNode;
  /** Extra props the widget itself defines. */
  widgetProps?: Record<string, unknown>;
};

/**
 * Renders a widget from its remote, loaded at run time through the registry. Three layers keep a
 * broken widget from breaking the page: retries, a fallback module, and this error boundary.
 */
export function RemoteWidget({ name, fallback, loading = null, widgetProps, ...props }: RemoteWidgetProps) {
  const load = useMemo(() => {
    const key = `${props.apiBase}|${props.publishableKey}|${name}`;
    let promise = loads.get(key);
    if (!promise) {
      promise = loadWidgetForPage(props, name).then(
        (result) => {
          if (!result.ok && !result.hidden) loads.delete(key);
          return result;
        },
        (error: unknown) => {
          loads.delete(key);
          throw error;
        },
      );
      loads.set(key, promise);
    }
    return promise;
  }, [props.apiBase, props.publishableKey, name]);
  return (
    <ErrorBoundary fallback={fallback}>
      <Suspense fallback={loading}>
        <Loaded load={load} props={{ ...props, ...widgetProps }} fallback={fallback} />
      </Suspense>
    </ErrorBoundary>
  );
}
