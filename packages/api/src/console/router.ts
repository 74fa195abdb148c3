import { previewTokenInput, signInInput } from '@flywheel/contracts/console';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { ROLE_GRANTS } from '../capabilities.ts';
import { signCustomerToken } from '../identity/index.ts';
import { type Capability, consoleProcedure, hasCapability, publicProcedure } from '../trpc.ts';
import { changePassword, SESSION_TTL_SECONDS, sessionCookie, signIn, signOut } from './sessions.ts';

/** NIST SP 800-63B's floor for a password a person chooses; no composition rules. */
const PASSWORD_MIN_LENGTH = 12;

export const consoleAuthRouter = {
  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    // Login CSRF: another site must not sign a browser in to an account of its choosing.
    if (!ctx.console.sameOrigin) throw new TRPCError({ code: 'FORBIDDEN', message: 'Sign in from the console itself.' });
    const session = await signIn(ctx.db, input);
    if (session.status === 'locked') {
      ctx.resHeaders?.set('retry-after', String(session.retryAfterSeconds));
      const minutes = Math.ceil(session.retryAfterSeconds / 60);
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `Too many failed sign-ins for this address. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      });
    }
    if (session.status === 'wrong') throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Wrong email or password.' });
    // The console asks which, and sends the same sign-in again with `tenantId`.
    if (session.status === 'choose-tenant') return { status: 'choose-tenant' as const, tenants: session.tenants };
    ctx.resHeaders?.append('set-cookie', sessionCookie(session.token, { secure: ctx.deps.isProduction, maxAge: SESSION_TTL_SECONDS }));
    return { status: 'signed-in' as const, csrfToken: session.csrfToken };
  }),

  /** Who is signed in, and the CSRF token the console sends back on mutations. */
  session: consoleProcedure.query(({ ctx }) => {
    const { email, name, role, csrfToken, publishableKey, mustChangePassword } = ctx.session;
    const can = Object.fromEntries(
      (Object.keys(ROLE_GRANTS) as Capability[]).map((capability) => [capability, hasCapability(role, capability)]),
    ) as Record<Capability, boolean>;
    return { email, name, role, can, csrfToken, publishableKey, mustChangePassword };
  }),

  /** A new password for the signed-in user (the current one proves it is them); every other session ends. */
  changePassword: consoleProcedure
    .input(
      z.object({
        currentPassword: z.string().min(1).max(200),
        newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(200),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (input.newPassword === input.currentPassword) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'newPassword: choose a password other than the current one' });
      }
      const changed = await changePassword(
        ctx.db,
        ctx.session.userId,
        ctx.console.sessionToken ?? '',
        input.currentPassword,
        input.newPassword,
      );
      if (!changed) throw new TRPCError({ code: 'BAD_REQUEST', message: 'currentPassword: this is not your current password' });
      return { changed: true };
    }),

  signOut: consoleProcedure.mutation(async ({ ctx }) => {
    if (ctx.console.sessionToken) await signOut(ctx.db, ctx.console.sessionToken);
    ctx.resHeaders?.append('set-cookie', sessionCookie('', { secure: ctx.deps.isProduction, maxAge: 0 }));
    return { signedOut: true };
  }),
} satisfies TRPCRouterRecord;

const PREVIEW_TOKEN_TTL_SECONDS = 15 * 60;

export const consolePreviewRouter = {
  /**
   * A customer token for the console's Preview, signed as the tenant's server would sign one: the
   * widget then runs exactly as on a customer's page. The preview customer is one per console
   * user and carries `preview: true`; previews force their variation, which GrowthBook never
   * records as an exposure, so previews do not enter results.
   */
  token: consoleProcedure.input(previewTokenInput).mutation(async ({ ctx, input }) => {
    const tenant = await ctx.deps.tenants.byPublishableKey(ctx.session.publishableKey);
    if (!tenant) throw new TRPCError({ code: 'NOT_FOUND', message: 'The tenant is gone.' });
    const token = await signCustomerToken(tenant.secretKey, {
      sub: `preview-${ctx.session.userId}`,
      name: `${ctx.session.name} (preview)`,
      traits: { ...input.traits, preview: true },
      ttlSeconds: PREVIEW_TOKEN_TTL_SECONDS,
    });
    return { token, expiresInSeconds: PREVIEW_TOKEN_TTL_SECONDS };
  }),
} satisfies TRPCRouterRecord;
