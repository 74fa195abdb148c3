import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { consoleProcedure } from '../trpc.ts';
import { growthByWeek } from './service.ts';

export const overviewRouter = {
  /** The console's growth dashboard, the last `weeks` weeks (this one included). */
  growth: consoleProcedure
    .input(z.object({ weeks: z.number().int().min(1).max(52).default(8) }).strict())
    .query(({ ctx, input }) => growthByWeek(ctx.db, ctx.session.tenantId, input.weeks)),
} satisfies TRPCRouterRecord;
