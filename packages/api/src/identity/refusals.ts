import { RefusalReason } from '../refusal-reason.ts';

/**
 * Why the BFF refused a widget request, as a machine-readable code that travels with every
 * refusal (plain routes' `error`, tRPC's `data.reason`) so embed.js can tell a developer what is
 * wrong and how to fix it. Codes name the kind of mistake, never a token's internals.
 */
export type Refusal = 'missing_key' | 'unknown_key' | 'origin_not_allowed' | 'token_missing' | 'token_expired' | 'token_invalid';

/** 403 for an origin the tenant did not allow; 401 for everything about keys and tokens. */
export const refusalStatus = (refusal: Refusal): 401 | 403 => (refusal === 'origin_not_allowed' ? 403 : 401);

/** What a developer reads in the browser console: the cause, and the fix. */
export function refusalMessage(refusal: Refusal, context: { origin?: string | null; publishableKey?: string | null }): string {
  const key = context.publishableKey ?? 'this key';
  switch (refusal) {
    case 'missing_key':
      return 'No publishable key: add data-key="pk_…" to the embed.js script tag (the key is in Console → Settings).';
    case 'unknown_key':
      return `${key} is not a Flywheel publishable key. Copy it from Console → Settings (Publishable key).`;
    case 'origin_not_allowed':
      return `${context.origin ?? 'This page'} is not an allowed origin for ${key}. Add it in Console → Settings → Origins (or: pnpm flywheel tenant origins add ${key} ${context.origin ?? '<origin>'}).`;
    case 'token_missing':
      return 'No customer is signed in: call Flywheel.identify() with a function that fetches a customer token from your server.';
    case 'token_expired':
      return 'The customer token has expired: have your identify() function fetch a fresh one from your server (it is called again with forceRefresh).';
    case 'token_invalid':
      return 'The customer token is not valid for this key: sign it with the tenant’s secret key (HS256) with sub, iat and exp, at most 24 h long.';
  }
}

/** Carried as a TRPCError's cause, so the error formatter can put the code in `data.reason`. */
export class WidgetRefusal extends RefusalReason {
  override name = 'WidgetRefusal';
  constructor(readonly refusal: Refusal) {
    super(refusal);
  }
}
