import { randomUUID } from 'node:crypto';
import { identifyInput } from '@flywheel/contracts/customer';
import type { TRPCRouterRecord } from '@trpc/server';
import { ingestBatch } from '../events/index.ts';
import { customerProcedure } from '../trpc.ts';
import { findCustomer, toPublicCustomer } from './service.ts';

export const customerRouter = {
  /** The calling customer, as their tenant's server last described them. */
  me: customerProcedure.query(({ ctx }) => toPublicCustomer(ctx.customer)),

  /**
   * Adds traits (e.g. the locale picked in the widget) and stitches the pre-sign-in anonymous id,
   * as an identify event, so every domain that reacts to identify sees it.
   */
  identify: customerProcedure.input(identifyInput).mutation(async ({ ctx, input }) => {
    await ingestBatch(ctx.deps, ctx.tenant.id, ctx.caller, [
      { type: 'identify', messageId: randomUUID(), userId: ctx.customer.externalId, traits: input.traits, anonymousId: input.anonymousId },
    ]);
    return toPublicCustomer((await findCustomer(ctx.db, ctx.tenant.id, ctx.customer.externalId)) ?? ctx.customer);
  }),
} satisfies TRPCRouterRecord;
