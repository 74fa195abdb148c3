import { z } from 'zod';
import { traits } from './json.ts';

export const identifyInput = z.object({
  traits,
  /** The anonymous id the browser used before sign-in; its events are stitched to this customer. */
  anonymousId: z.string().min(1).max(128).optional(),
});
export type IdentifyInput = z.infer<typeof identifyInput>;
