import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { requires } from '../trpc.ts';
import { attemptsOf, createEndpoint, enableEndpoint, listEndpoints, removeEndpoint } from './endpoints.ts';

const endpointId = z.object({ id: z.uuid() });
const notFound = () => new TRPCError({ code: 'NOT_FOUND', message: 'id: no webhook endpoint with this id' });

export const consoleWebhooksRouter = {
  list: requires('manageWebhooks').query(({ ctx }) => listEndpoints(ctx.db, ctx.session.tenantId)),

  /** Registers an endpoint and shows its signing secret, this once. */
  create: requires('manageWebhooks')
    .input(
      z.object({
        url: z.string().min(1).max(2000),
        eventTypes: z
          .array(z.string().regex(/^(\*|[a-z][a-z0-9_.]*)$/, 'an event name such as reward_approved, or *'))
          .min(1)
          .max(50),
      }),
    )
    .mutation(({ ctx, input }) => createEndpoint(ctx.db, ctx.deps.webhooks, ctx.session.tenantId, input)),

  remove: requires('manageWebhooks')
    .input(endpointId)
    .mutation(async ({ ctx, input }) => {
      if (!(await removeEndpoint(ctx.db, ctx.session.tenantId, input.id))) throw notFound();
      return { removed: true };
    }),

  /** Turns an endpoint that was disabled for failing back on. */
  enable: requires('manageWebhooks')
    .input(endpointId)
    .mutation(async ({ ctx, input }) => (await enableEndpoint(ctx.db, ctx.session.tenantId, input.id)) ?? Promise.reject(notFound())),

  /** Every attempt to one endpoint: status, latency, the start of the response. */
  attempts: requires('manageWebhooks')
    .input(endpointId)
    .query(({ ctx, input }) => attemptsOf(ctx.db, ctx.session.tenantId, input.id)),
} satisfies TRPCRouterRecord;
