import type { AppRouter } from '@flywheel/api';
import type { WidgetEvents } from '@flywheel/contracts/event-catalogue';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { createContext, useContext } from 'react';
import type { PageSession } from './session.ts';

/** `const trpc = useTRPC(); useQuery(trpc.customer.me.queryOptions())`: typed by the real router. */
export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

export type WidgetContextValue = { name: string; session: PageSession };
export const WidgetContext = createContext<WidgetContextValue | null>(null);

function useWidgetContext() {
  const value = useContext(WidgetContext);
  if (!value) throw new Error('Flywheel widget hooks only work inside a widget made with defineWidget().');
  return value;
}

/** The properties argument: optional when the event needs none. */
type PropertiesArg<E extends keyof WidgetEvents> =
  Record<string, never> extends WidgetEvents[E] ? [properties?: WidgetEvents[E]] : [properties: WidgetEvents[E]];

/**
 * Records a product event from the catalogue (`@flywheel/contracts/event-catalogue`), typed by
 * it: an unknown name or a missing property does not compile, and ingestion checks the same
 * schema. The kit adds the widget's name, batches, identifies and delivers it.
 */
export function useTrack() {
  const { name, session } = useWidgetContext();
  return <E extends keyof WidgetEvents>(event: E, ...[properties]: PropertiesArg<E>) =>
    session.tracker.track({ event, properties: { widget: name, ...properties } });
}

/** The page session's authorized fetch for the BFF's plain routes (an upload), relative to its apiBase. */
export function useBffFetch() {
  return useWidgetContext().session.fetch;
}
