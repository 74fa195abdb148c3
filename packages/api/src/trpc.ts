import { type ConsoleRole, isDatabaseUnavailable } from '@flywheel/db';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { ROLE_GRANTS } from './capabilities.ts';
import type { ContextInner } from './context.ts';
import { type Customer, customerFromClaims } from './customers/index.ts';
import { refusalStatus, WidgetRefusal } from './identity/index.ts';
import { RefusalReason } from './refusal-reason.ts';

const t = initTRPC.context<ContextInner>().create({
  isDev: process.env.NODE_ENV !== 'production',
  errorFormatter({ shape, error, ctx }) {
    // In production a failure of ours says only that: its SQL, parameters and ids go to the log.
    const production = ctx ? ctx.deps.isProduction : process.env.NODE_ENV === 'production';
    if (production && error.code === 'INTERNAL_SERVER_ERROR') {
      return { ...shape, message: 'Something went wrong on our side.', data: { ...shape.data, stack: undefined, issues: null } };
    }
    const issues =
      error.code === 'BAD_REQUEST' && error.cause instanceof ZodError
        ? error.cause.issues.map((issue) => ({
            path: issue.path.join('.'),
            message: issue.message,
            // The code and bounds let a client say it in its reader's language (the console does).
            code: issue.code,
            ...('origin' in issue && typeof issue.origin === 'string' ? { origin: issue.origin } : {}),
            ...('minimum' in issue ? { minimum: Number(issue.minimum) } : {}),
            ...('maximum' in issue ? { maximum: Number(issue.maximum) } : {}),
          }))
        : null;
    // Why it was refused, as a code clients choose their words by (embed.js, widgets, the console).
    const reason = error.cause instanceof RefusalReason ? error.cause.reason : undefined;
    return {
      ...shape,
      // Name the fields: "traits.plan: Invalid input" is something a developer can act on.
      message: issues ? issues.map((i) => `${i.path || '(input)'}: ${i.message}`).join('; ') : shape.message,
      data: { ...shape.data, issues, ...(reason ? { reason } : {}) },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure: a database that cannot be reached is the service being unavailable (503, and
 * the BFF adds Retry-After), not a bug in the procedure (500).
 */
const baseProcedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok && isDatabaseUnavailable(result.error.cause)) {
    throw new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: 'The service is briefly unavailable; try again in a few seconds.',
      cause: result.error,
    });
  }
  return result;
});
export const publicProcedure = baseProcedure;

/** A widget request from a known tenant and an allowed origin; the customer may be anonymous. */
export const tenantProcedure = baseProcedure.use(({ ctx, next }) => {
  const { widget } = ctx;
  if (widget.status !== 'ok') {
    const refusal = widget.status === 'none' ? 'missing_key' : widget.refusal;
    throw new TRPCError({
      code: refusalStatus(refusal) === 403 ? 'FORBIDDEN' : 'UNAUTHORIZED',
      message: refusal === 'origin_not_allowed' ? 'This origin is not allowed for this key.' : 'Not authenticated.',
      cause: new WidgetRefusal(refusal),
    });
  }
  return next({ ctx: { tenant: widget.tenant, caller: widget.caller } });
});

/**
 * A public surface (the UGC gallery): the signed-in customer when the request carries a token
 * (recorded as seen, created on first sight), else an anonymous visitor (`customer: null`).
 */
export const visitorProcedure = tenantProcedure.use(async ({ ctx, next }) => {
  let customer: Customer | null = null;
  if (ctx.caller.kind === 'customer') customer = await customerFromClaims(ctx.db, ctx.tenant.id, ctx.caller.claims);
  return next({ ctx: { customer } });
});

/** A customer with a valid token from their tenant's server. */
export const customerProcedure = visitorProcedure.use(({ ctx, next }) => {
  if (!ctx.customer) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Not authenticated.', cause: new WidgetRefusal('token_missing') });
  }
  return next({ ctx: { customer: ctx.customer } });
});

/**
 * A signed-in console user. Mutations also need the session's CSRF token and a same-site origin;
 * a user still on a temporary password may only change it.
 */
export const consoleProcedure = baseProcedure.use(({ ctx, type, path, next }) => {
  const { session, csrfToken, sameOrigin } = ctx.console;
  if (!session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to the console.' });
  if (type === 'mutation' && (!sameOrigin || csrfToken !== session.csrfToken)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Missing or wrong CSRF token; reload the console.' });
  }
  // A temporary password (someone else chose it) opens only the way to replace it.
  if (session.mustChangePassword && !path.startsWith('console.auth.')) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Change your temporary password first.' });
  }
  return next({ ctx: { session } });
});

export type Capability = keyof typeof ROLE_GRANTS;

export const hasCapability = (role: ConsoleRole, capability: Capability) =>
  role === 'owner' || (ROLE_GRANTS[capability] as readonly ConsoleRole[]).includes(role);

/** Restricts a console procedure to some roles; owners may do everything. */
export function withRoles(...roles: ConsoleRole[]) {
  return consoleProcedure.use(({ ctx, next }) => {
    if (ctx.session.role !== 'owner' && !roles.includes(ctx.session.role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `This needs the ${roles.join(' or ')} role.` });
    }
    return next();
  });
}

/** A console procedure for the roles ROLE_GRANTS gives this capability. */
export const requires = (capability: Capability) => withRoles(...ROLE_GRANTS[capability]);
