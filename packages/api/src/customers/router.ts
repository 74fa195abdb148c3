import { randomUUID } from 'node:crypto';
import { identifyInput } from '@flywheel/contracts/customer';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { EventNotAllowedError, ingestBatch } from '../events/index.ts';
import { customerProcedure } from '../trpc.ts';
import { findCustomer, toPublicCustomer } from './service.ts';

export const customerRouter = {
  /** The calling customer, as their tenant's server last described them. */
  me: customerProcedure.query(({ ctx }) => toPublicCustomer(ctx.customer)),

  /**
   * Adds traits the customer owns (by default `locale` and `timeZone`, picked in the widget) and
   * stitches the pre-sign-in anonymous id, as an identify event, so every domain that reacts to
   * identify sees it. Any other trait is the tenant's: 403 naming it.
   */
  identify: customerProcedure.input(identifyInput).mutation(async ({ ctx, input }) => {
    try {
      await ingestBatch(ctx.deps, ctx.tenant.id, ctx.caller, [
        {
          type: 'identify',
          messageId: randomUUID(),
          userId: ctx.customer.externalId,
          traits: input.traits,
          anonymousId: input.anonymousId,
        },
      ]);
    } catch (error) {
      if (!(error instanceof EventNotAllowedError)) throw error;
      // "batch.0.traits.plan: …" → "traits.plan: …": the procedure's own input path.
      throw new TRPCError({ code: 'FORBIDDEN', message: error.message.replace(/^batch\.0\./, ''), cause: error });
    }
    return toPublicCustomer((await findCustomer(ctx.db, ctx.tenant.id, ctx.customer.externalId)) ?? ctx.customer);
  }),
} satisfies TRPCRouterRecord;
