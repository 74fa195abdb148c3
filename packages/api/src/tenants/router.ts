import { originPattern, widgetBranding } from '@flywheel/contracts/tenant';
import { SUPPORTED_LOCALES } from '@flywheel/contracts/widget';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { rotateCredentialKey } from '../achievements/index.ts';
import { consoleProcedure, requires } from '../trpc.ts';
import { addOrigin, removeOrigin, rotateSecret, setBranding, tenantSettings } from './settings.ts';

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

  /**
   * A new key for signing badge credentials. `keep-verifying` (a routine rotation) leaves the old
   * key in the DID document, so badges already shared still verify; `leaked` drops it.
   */
  rotateCredentialKey: requires('manageTenant')
    .input(z.object({ old: z.enum(['keep-verifying', 'leaked']) }).strict())
    .mutation(async ({ ctx, input }) => {
      const rotated = await rotateCredentialKey(ctx.db, ctx.deps.webhooks.secretsKey, ctx.session.tenantId, input.old);
      if (!rotated) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such tenant' });
      return rotated;
    }),

  /** The widgets' `--fw-*` branding defaults and the language they speak unless the page says otherwise. */
  setBranding: requires('manageTenant')
    .input(z.object({ branding: widgetBranding, defaultLocale: z.enum(SUPPORTED_LOCALES).nullable() }).strict())
    .mutation(async ({ ctx, input }) => {
      const settings = await setBranding(ctx.db, ctx.session.tenantId, input);
      ctx.deps.tenants.invalidate();
      return settings;
    }),

  /** A new secret key, shown once; the old one keeps verifying for `overlapHours` (0 ends it now, after a leak). */
  rotateSecret: requires('manageTenant')
    .input(
      z
        .object({
          overlapHours: z
            .number()
            .int()
            .min(0)
            .max(24 * 14),
        })
        .strict(),
    )
    .mutation(async ({ ctx, input }) => {
      const rotated = await rotateSecret(ctx.db, ctx.deps.webhooks.secretsKey, ctx.session.tenantId, input.overlapHours);
      ctx.deps.tenants.invalidate();
      return rotated;
    }),

  removeOrigin: requires('manageTenant')
    .input(originInput)
    .mutation(async ({ ctx, input }) => {
      const settings = await removeOrigin(ctx.db, ctx.session.tenantId, input.origin);
      ctx.deps.tenants.invalidate();
      return settings;
    }),
} satisfies TRPCRouterRecord;
