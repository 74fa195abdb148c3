import { z } from 'zod';

/**
 * Cursor pagination, one shape for every list a widget pages through: the input carries the
 * opaque cursor of the page before (none for the first page), the answer the next one (null at
 * the end). Cursors, unlike offsets, do not skip or repeat items when new ones arrive meanwhile.
 */
export const cursorInput = z.object({
  cursor: z.string().min(1).max(200).nullish(),
  limit: z.number().int().min(1).max(50).default(20),
});
export type CursorInput = z.infer<typeof cursorInput>;

export type CursorPage<T> = { items: T[]; nextCursor: string | null };
