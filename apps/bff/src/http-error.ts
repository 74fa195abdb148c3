import { refusalMessage, refusalStatus, type WidgetAuth } from '@flywheel/api';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';

export type FieldIssue = { path: string; message: string };

/**
 * The one error shape of the plain (non-tRPC) routes: a machine-readable `error`, a `message` a
 * developer can act on (naming the field), and the field issues when input was invalid.
 */
export function httpError(c: Context, status: ContentfulStatusCode, error: string, message: string, issues?: FieldIssue[]) {
  return c.json({ error, message, ...(issues ? { issues } : {}) }, status);
}

/** 400 for input that failed its schema: every bad field named, in the message and in `issues`. */
export function invalidRequest(c: Context, error: ZodError) {
  const issues = error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));
  return httpError(c, 400, 'invalid_request', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

/**
 * The answer to a widget request authenticateWidgetRequest did not accept: 401, or 403 for a
 * foreign origin, with the refusal's code as `error` and a message that names the fix.
 */
export function widgetAuthError(c: Context, auth: Exclude<WidgetAuth, { status: 'ok' }>) {
  const refusal = auth.status === 'none' ? 'missing_key' : auth.refusal;
  const message = refusalMessage(refusal, { origin: c.req.header('origin'), publishableKey: c.req.header('x-flywheel-key') });
  return httpError(c, refusalStatus(refusal), refusal, message);
}
