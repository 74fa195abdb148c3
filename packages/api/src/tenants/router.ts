import { originPattern } from '@flywheel/contracts/tenant';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { consoleProcedure, requires } from '../trpc.ts';
import { addOrigin, removeOrigin, tenantSettings } from './settings.ts';

const originInput = z.object({ origin: originPattern }).strict();

export const consoleTenantRouter = {
  /** The tenant's name, publishable key and allowed origins (never the secret key). */
  settings: consoleProcedure.query(({ ctx }) => tenantSettings(ctx.db, ctx.session.tenantId)),

  addOrigin: requires('manageTenant')
    .input(originInput)
    .mutation(async ({ ctx, input }) => {
      const settings = await addOrigin(ctx.db, ctx.session.tenantId, input.origin);
      // This replica sees the change at once; the others within their cache's few seconds.
      ctx.deps.tenants.invalidate();
      return settings;
    }),

  removeOrigin: requires('manageTenant')
    .input(originInput)
    .mutation(async ({ ctx, input }) => {
      const settings = await removeOrigin(ctx.db, ctx.session.tenantId, input.origin);
      ctx.deps.tenants.invalidate();
      return settings;
    }),
} satisfies TRPCRouterRecord;
