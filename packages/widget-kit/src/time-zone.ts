import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTRPC } from './context.ts';

/**
 * Days counted "in the customer's time zone" (streaks, success plans) use their `timeZone` trait.
 * A customer without one is counted in UTC; give the server the browser's zone once, so their
 * days are their days. `serverZone` is the zone the server used (undefined while loading).
 */
export function useBrowserTimeZone(serverZone: string | undefined) {
  const trpc = useTRPC();
  const identify = useMutation(trpc.customer.identify.mutationOptions());
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const needed = serverZone === 'UTC' && Boolean(browserZone) && browserZone !== 'UTC';
  useEffect(() => {
    if (needed && identify.isIdle) identify.mutate({ traits: { timeZone: browserZone } });
  }, [needed, identify, browserZone]);
}
