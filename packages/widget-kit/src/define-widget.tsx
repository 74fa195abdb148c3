import type { WidgetProps } from '@flywheel/contracts/widget';
import { ErrorBoundary, Skeleton, ToastProvider, uiStyles } from '@flywheel/ui';
import { GrowthBookContext, useFeatureValue } from '@growthbook/growthbook-react';
import { QueryClientProvider } from '@tanstack/react-query';
import { type ComponentType, type ReactNode, useEffect, useLayoutEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { TRPCProvider, WidgetContext } from './context.ts';
import { createWidgetI18n, type Messages, pickLocale } from './i18n.ts';
import { getPageSession, type PageSession } from './session.ts';
import { adoptStyles } from './styles.ts';

export type WidgetDefinition<P extends object> = {
  /** Registry name, e.g. `referral-center`. */
  name: string;
  component: ComponentType<P>;
  messages: Messages;
  /** The widget's own CSS; write every rule under `.fw-root` and use `--fw-*` tokens. */
  styles?: string;
};

export type DefinedWidget<P extends object> = {
  name: string;
  /** For React hosts (`<RemoteWidget>` or a Module Federation import). */
  Widget: ComponentType<WidgetProps & P>;
  /** For anything else (embed.js): renders into `element`, returns the unmount function. */
  mount: (element: Element, props: WidgetProps & P) => () => void;
};

function Fallback() {
  const { t } = useTranslation();
  return (
    <p className="fw-muted" role="note">
      {t('kit.fallback')}
    </p>
  );
}

/**
 * Shows a skeleton until the page's flags are evaluated for the widget, then renders it only while
 * `<widget>.enabled` is on. Not Suspense: React holds a boundary's content back for up to 300 ms
 * after its fallback showed (its fallback throttle), which a widget's first paint cannot afford.
 */
function FlagGate({ name, session, children }: { name: string; session: PageSession; children: ReactNode }) {
  const { t } = useTranslation();
  // Re-render on every payload change; the value keeps the context fresh for GrowthBook's hooks.
  const version = useSyncExternalStore(session.subscribeFlags, session.flagsVersion);
  const value = useMemo(() => ({ growthbook: session.growthbook, version }), [session, version]);
  const evaluated = session.flagsEvaluated(name);
  useEffect(() => {
    if (!evaluated) void session.flags(name);
  }, [session, name, evaluated]);
  if (!evaluated) return <Skeleton label={t('kit.loading')} />;
  return (
    <GrowthBookContext.Provider value={value}>
      <EnabledOnly flag={`${name}.enabled`}>{children}</EnabledOnly>
    </GrowthBookContext.Provider>
  );
}

function EnabledOnly({ flag, children }: { flag: string; children: ReactNode }) {
  // Unknown (no payload at all) counts as on: an unreachable flag service must not hide widgets.
  return useFeatureValue(flag, true) ? children : null;
}

/**
 * The one way to make a widget: wraps the component in the page's shared tRPC client and query
 * cache, its i18n, the design tokens and styles, and an error boundary; and gives it both a
 * React export and a framework-free `mount`.
 */
export function defineWidget<P extends object = object>(definition: WidgetDefinition<P>): DefinedWidget<P> {
  const { name, component: Inner, messages } = definition;
  const css = `${uiStyles}\n${definition.styles ?? ''}`;

  function Widget(props: WidgetProps & P) {
    const session = getPageSession(props);
    const locale = pickLocale(props.locale);
    const i18n = useMemo(() => createWidgetI18n(messages, locale), [locale]);
    const rootRef = useRef<HTMLDivElement>(null);
    useLayoutEffect(() => {
      if (rootRef.current) adoptStyles(rootRef.current.getRootNode(), name, css);
    }, []);
    const report = (error: Error) =>
      session.tracker.track({ event: 'widget_error', properties: { widget: name, message: error.message.slice(0, 500) } });
    return (
      <div ref={rootRef} className={`fw-root fw-${name}`} lang={locale} data-fw-widget={name}>
        <I18nextProvider i18n={i18n}>
          <ErrorBoundary fallback={<Fallback />} onError={report}>
            <QueryClientProvider client={session.queryClient}>
              <TRPCProvider trpcClient={session.trpc} queryClient={session.queryClient}>
                <WidgetContext.Provider value={{ name, session }}>
                  <FlagGate name={name} session={session}>
                    <ToastProvider>
                      <Inner {...props} />
                    </ToastProvider>
                  </FlagGate>
                </WidgetContext.Provider>
              </TRPCProvider>
            </QueryClientProvider>
          </ErrorBoundary>
        </I18nextProvider>
      </div>
    );
  }
  Widget.displayName = `FlywheelWidget(${name})`;

  function mount(element: Element, props: WidgetProps & P) {
    const root = createRoot(element);
    root.render(<Widget {...props} />);
    return () => root.unmount();
  }

  return { name, Widget, mount };
}
