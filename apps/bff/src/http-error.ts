import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type FieldIssue = { path: string; message: string };

/**
 * The one error shape of the plain (non-tRPC) routes: a machine-readable `error`, a `message` a
 * developer can act on (naming the field), and the field issues when input was invalid.
 */
export function httpError(c: Context, status: ContentfulStatusCode, error: string, message: string, issues?: FieldIssue[]) {
  return c.json({ error, message, ...(issues ? { issues } : {}) }, status);
}
