import { signInInput } from '@flywheel/contracts/console';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { consoleProcedure, publicProcedure } from '../trpc.ts';
import { SESSION_TTL_SECONDS, sessionCookie, signIn, signOut } from './sessions.ts';

export const consoleAuthRouter = {
  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    // Login CSRF: another site must not sign a browser in to an account of its choosing.
    if (!ctx.console.sameOrigin) throw new TRPCError({ code: 'FORBIDDEN', message: 'Sign in from the console itself.' });
    const session = await signIn(ctx.db, input.email, input.password);
    if (!session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Wrong email or password.' });
    ctx.resHeaders?.append('set-cookie', sessionCookie(session.token, { secure: ctx.deps.isProduction, maxAge: SESSION_TTL_SECONDS }));
    return { csrfToken: session.csrfToken };
  }),

  /** Who is signed in, and the CSRF token the console sends back on mutations. */
  session: consoleProcedure.query(({ ctx }) => {
    const { email, name, role, csrfToken } = ctx.session;
    return { email, name, role, csrfToken };
  }),

  signOut: consoleProcedure.mutation(async ({ ctx }) => {
    if (ctx.console.sessionToken) await signOut(ctx.db, ctx.console.sessionToken);
    ctx.resHeaders?.append('set-cookie', sessionCookie('', { secure: ctx.deps.isProduction, maxAge: 0 }));
    return { signedOut: true };
  }),
} satisfies TRPCRouterRecord;
