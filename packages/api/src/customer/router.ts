import { randomUUID } from 'node:crypto';
import { identifyInput } from '@flywheel/contracts/customer';
import type { TRPCRouterRecord } from '@trpc/server';
import { ingestBatch } from '../events/service.ts';
import { customerProcedure } from '../trpc.ts';
import { identify, toPublicCustomer } from './service.ts';

export const customerRouter = {
  /** The calling customer, as their tenant's server last described them. */
  me: customerProcedure.query(({ ctx }) => toPublicCustomer(ctx.customer)),

  /** Adds traits (e.g. the locale picked in the widget) and stitches the pre-sign-in anonymous id. */
  identify: customerProcedure.input(identifyInput).mutation(async ({ ctx, input }) => {
    const customer = await identify(ctx.db, ctx.customer, input);
    await ingestBatch(ctx.db, ctx.tenant.id, ctx.caller, [
      { type: 'identify', messageId: randomUUID(), userId: customer.externalId, traits: input.traits, anonymousId: input.anonymousId },
    ]);
    return toPublicCustomer(customer);
  }),
} satisfies TRPCRouterRecord;
