// zod/mini: the registry is validated in every host page, so the schema must stay a few KB.
import * as z from 'zod/mini';

/** Where a widget's build lives: what `GET /api/remotes` returns, one entry per widget. */
export const remoteEntry = z.object({
  /** Registry name, e.g. `referral-center`; also the `<flywheel-widget name>` value. */
  name: z.string().check(z.regex(/^[a-z][a-z0-9-]{1,40}$/)),
  manifestUrl: z.url(),
  version: z.string().check(z.minLength(1), z.maxLength(64)),
});
export type RemoteEntry = z.infer<typeof remoteEntry>;
export const remoteRegistry = z.array(remoteEntry);
