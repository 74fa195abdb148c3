import type { CursorPage } from '@flywheel/contracts/pagination';

/**
 * The options every cursor-paginated query takes, with tRPC's infinite queries:
 * `useInfiniteQuery(trpc.showcase.list.infiniteQueryOptions({ limit: 12 }, cursorPages))`.
 */
export const cursorPages = {
  initialPageParam: null,
  getNextPageParam: (last: CursorPage<unknown>) => last.nextCursor ?? undefined,
};

/** Every item loaded so far, in order. */
export function pagedItems<T>(data: { pages: CursorPage<T>[] } | undefined): T[] {
  return data?.pages.flatMap((page) => page.items) ?? [];
}
