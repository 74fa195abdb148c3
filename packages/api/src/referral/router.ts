import { flagAttributes } from '@flywheel/flags';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { evaluatorFor } from '../flags/runtime.ts';
import { customerProcedure } from '../trpc.ts';

const offerInput = z.object({
  /** The locale the widget renders in, an attribute of the evaluation as in the browser. */
  locale: z.enum(['en', 'zh-CN']).optional(),
  /** The browser's anonymous id, for experiments hashed on deviceId. */
  deviceId: z.string().min(1).max(128).optional(),
});

export const referralRouter = {
  /**
   * The offer this customer sees, decided on the server with the same payload and attributes as
   * the browser, so what is granted later matches what was shown.
   */
  offer: customerProcedure.input(offerInput).query(async ({ ctx, input }) => {
    const attributes = flagAttributes({
      customerId: ctx.customer.externalId,
      publishableKey: ctx.tenant.publishableKey,
      traits: ctx.customer.traits,
      locale: input.locale,
      widgets: ['referral-center'],
      deviceId: input.deviceId,
    });
    const { gb, done } = await evaluatorFor(ctx.db, ctx.deps.flags, ctx.tenant.id, attributes);
    const headline = gb.evalFeature<string>('referral-center.headline');
    await done();
    return { headline: headline.value ?? 'control', variationId: headline.experimentResult?.key ?? null };
  }),
} satisfies TRPCRouterRecord;
