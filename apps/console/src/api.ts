import type { AppRouter } from '@flywheel/api';
import { retryUnlessClientError } from '@flywheel/widget-kit';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';

export type Outputs = inferRouterOutputs<AppRouter>;
export type Inputs = inferRouterInputs<AppRouter>;
export type Feature = Outputs['console']['experiments']['list'][number];
export type Results = Outputs['console']['results']['get'];
export type Timeline = Outputs['console']['results']['timeline'];
export type Breakdown = Outputs['console']['results']['breakdown'];
/** Who is signed in, their role, and what it may do (`can`, from the table the server checks). */
export type Session = Outputs['console']['auth']['session'];
export type Role = Session['role'];

/** `const trpc = useTRPC(); useQuery(trpc.console.experiments.list.queryOptions())`, typed by the router. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

// The session's CSRF token: the BFF refuses console mutations without it (the cookie alone is not enough).
let csrfToken = '';
export function setCsrfToken(token: string) {
  csrfToken = token;
}

/** The console's own tRPC client: same origin, so the HttpOnly session cookie goes along. */
export function createConsoleClient(apiBase = '') {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${apiBase}/trpc`, headers: () => (csrfToken ? { 'x-csrf-token': csrfToken } : {}) })],
  });
}

export function createConsoleQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: retryUnlessClientError,
      },
    },
  });
}
