import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { requires } from '../trpc.ts';
import { listDeadLetters, replayDeadLetters } from './dead-letters.ts';

export const consolePlatformRouter = {
  /** The tenant's reactions that ran out of attempts, with their last error. */
  deadLetters: requires('operatePlatform')
    .input(z.object({ reaction: z.string().min(1).max(100).optional() }).default({}))
    .query(({ ctx, input }) => listDeadLetters(ctx.db, { tenantId: ctx.session.tenantId, reaction: input.reaction })),

  /** Requeues dead letters (all, one reaction's, or the given ids); each is then handled once. */
  replay: requires('operatePlatform')
    .input(z.object({ reaction: z.string().min(1).max(100).optional(), ids: z.array(z.number().int().positive()).max(1000).optional() }))
    .mutation(async ({ ctx, input }) => ({
      requeued: await replayDeadLetters(ctx.db, { tenantId: ctx.session.tenantId, reaction: input.reaction, ids: input.ids }),
    })),
} satisfies TRPCRouterRecord;
