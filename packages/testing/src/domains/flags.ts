import type { ProcedureMocks } from '../msw/bff.ts';

/** Sticky buckets: none kept yet, and saving succeeds (the SDK then buckets by hash, as it would on a first visit). */
export const stickyBucketMocks: ProcedureMocks = {
  'stickyBuckets.get': () => ({}),
  'stickyBuckets.save': () => ({ saved: true as const }),
};
