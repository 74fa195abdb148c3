import { cursorInput } from '@flywheel/contracts/pagination';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { findCustomer } from '../customers/index.ts';
import { customerProcedure, requires } from '../trpc.ts';
import { expiryPolicy, setExpiryPolicy } from './expiry.ts';
import { adjustPoints, pointsBalance, pointsHistory } from './points.ts';

export const pointsRouter = {
  /** The signed-in customer's points: available, pending (on hold) and held by redemptions in flight. */
  balance: customerProcedure.query(({ ctx }) => pointsBalance(ctx.db, ctx.tenant.id, ctx.customer.id)),

  /** The signed-in customer's points history, newest first; pass `nextCursor` back for the next page. */
  history: customerProcedure
    .input(cursorInput)
    .query(({ ctx, input }) =>
      pointsHistory(ctx.db, ctx.tenant.id, ctx.customer.id, { cursor: input.cursor ?? undefined, limit: input.limit }),
    ),
} satisfies TRPCRouterRecord;

export const consolePointsRouter = {
  /** An owner's correction of a customer's available points, with the reason the customer will read. */
  adjust: requires('adjustPoints')
    .input(
      z.object({
        customer: z.string().min(1).max(200),
        amount: z
          .number()
          .int()
          .refine((n) => n !== 0, 'must not be zero')
          .refine((n) => Math.abs(n) <= 1_000_000, 'must be at most 1,000,000 either way'),
        reason: z.string().trim().min(3).max(500),
        /** Sent again on a retry, so a double click adjusts once. */
        requestId: z.uuid(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const customer = await findCustomer(ctx.db, ctx.session.tenantId, input.customer);
      if (!customer) throw new TRPCError({ code: 'NOT_FOUND', message: 'customer: no customer with this id' });
      return adjustPoints(ctx.db, {
        tenantId: ctx.session.tenantId,
        customerId: customer.id,
        amount: input.amount,
        reason: input.reason,
        key: input.requestId,
        adjustedBy: ctx.session.userId,
      });
    }),

  /** A customer's points, and their ledger newest first, for support: who adjusted what, and why. */
  ledger: requires('adjustPoints')
    .input(cursorInput.extend({ customer: z.string().min(1).max(200) }))
    .query(async ({ ctx, input }) => {
      const customer = await findCustomer(ctx.db, ctx.session.tenantId, input.customer);
      if (!customer) throw new TRPCError({ code: 'NOT_FOUND', message: 'customer: no customer with this id' });
      return {
        customer: { id: customer.externalId, name: customer.name },
        balance: await pointsBalance(ctx.db, ctx.session.tenantId, customer.id),
        history: await pointsHistory(
          ctx.db,
          ctx.session.tenantId,
          customer.id,
          { cursor: input.cursor ?? undefined, limit: input.limit },
          true,
        ),
      };
    }),

  /** The tenant's points expiry: days until unspent available points expire, or null for never. */
  expiry: requires('adjustPoints').query(async ({ ctx }) => ({ expireAfterDays: await expiryPolicy(ctx.db, ctx.session.tenantId) })),

  setExpiry: requires('adjustPoints')
    .input(z.object({ expireAfterDays: z.number().int().min(1).max(3650).nullable() }))
    .mutation(async ({ ctx, input }) => {
      const { schedule } = ctx.deps.platform;
      const saved = await ctx.db.transaction((tx) =>
        setExpiryPolicy(
          { tx, schedule },
          { tenantId: ctx.session.tenantId, expireAfterDays: input.expireAfterDays, updatedBy: ctx.session.userId },
        ),
      );
      ctx.deps.platform.announce(ctx.db);
      return saved;
    }),
} satisfies TRPCRouterRecord;
