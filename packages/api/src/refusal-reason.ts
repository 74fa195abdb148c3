/**
 * Why a request was refused, as a stable code the client receives as tRPC's `data.reason`. Widgets
 * and the console say refusals in their reader's language, so they choose their words by this
 * code, never by parsing the English message. Carried as a TRPCError's `cause`.
 */
export class RefusalReason extends Error {
  override name = 'RefusalReason';
  constructor(readonly reason: string) {
    super(reason);
  }
}
