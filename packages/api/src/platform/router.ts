import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { requires } from '../trpc.ts';
import { listDeadLetters, replayDeadLetters } from './dead-letters.ts';

const name = z.string().min(1).max(100);

export const consolePlatformRouter = {
  /** The tenant's reactions and jobs that ran out of attempts, with their last error. */
  deadLetters: requires('operatePlatform')
    .input(z.object({ name: name.optional() }).default({}))
    .query(({ ctx, input }) => listDeadLetters(ctx.db, { tenantId: ctx.session.tenantId, name: input.name })),

  /** Requeues dead letters (all, one reaction's or job's, or the given ones); each is then handled once. */
  replay: requires('operatePlatform')
    .input(
      z.object({
        name: name.optional(),
        only: z
          .array(z.object({ kind: z.enum(['reaction', 'job']), id: z.number().int().positive() }))
          .max(1000)
          .optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => ({
      requeued: await replayDeadLetters(ctx.db, { tenantId: ctx.session.tenantId, name: input.name, only: input.only }),
    })),
} satisfies TRPCRouterRecord;
