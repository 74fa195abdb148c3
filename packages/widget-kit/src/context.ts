import type { AppRouter } from '@flywheel/api';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { createContext, useContext } from 'react';
import type { PageSession } from './session.ts';
import type { TrackInput } from './tracker.ts';

/** `const trpc = useTRPC(); useQuery(trpc.customer.me.queryOptions())`: typed by the real router. */
export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

export type WidgetContextValue = { name: string; session: PageSession };
export const WidgetContext = createContext<WidgetContextValue | null>(null);

function useWidgetContext() {
  const value = useContext(WidgetContext);
  if (!value) throw new Error('Flywheel widget hooks only work inside a widget made with defineWidget().');
  return value;
}

/** Records a product event; the kit batches, identifies and delivers it. */
export function useTrack() {
  const { name, session } = useWidgetContext();
  return (event: string, properties: TrackInput['properties'] = {}) =>
    session.tracker.track({ event, properties: { widget: name, ...properties } });
}
