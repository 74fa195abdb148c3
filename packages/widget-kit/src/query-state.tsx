import { Button, EmptyState, Skeleton } from '@flywheel/ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The parts of a react-query result (plain or infinite) the states need. */
export type QueryLike<T> = {
  isPending: boolean;
  isError: boolean;
  data: T | undefined;
  error: unknown;
  refetch: () => unknown;
};

const codeOf = (error: unknown) => (error as { data?: { code?: string } } | null)?.data?.code;
/** tRPC's `NOT_FOUND`: what a domain answers when the tenant has not set the feature up yet. */
const isNotFound = (error: unknown) => codeOf(error) === 'NOT_FOUND';

/**
 * Every state of a widget's query, one way everywhere: a skeleton while it loads, an error with
 * a retry button, a calm "not open yet" when the tenant has not set the feature up (NOT_FOUND),
 * the signed-out state when there is no customer (UNAUTHORIZED), an empty state, and otherwise
 * `children(data)`.
 */
export function QueryState<T>({
  query,
  children,
  error,
  notOpen,
  signedOut,
  isEmpty,
  empty,
  lines,
}: {
  query: QueryLike<T>;
  children: (data: T) => ReactNode;
  /** What went wrong, in the widget's words; defaults to the kit's. */
  error?: ReactNode;
  /** Shown instead of an error when the feature is not set up (NOT_FOUND). */
  notOpen?: ReactNode;
  /** Shown instead of an error when nobody is signed in (UNAUTHORIZED); defaults to the kit's. */
  signedOut?: ReactNode;
  isEmpty?: (data: T) => boolean;
  /** The empty state's title; shown when `isEmpty(data)`. */
  empty?: ReactNode;
  /** Skeleton lines while loading. */
  lines?: number;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Skeleton lines={lines} label={t('kit.loading')} />;
  if (query.isError || query.data === undefined) {
    if (notOpen && isNotFound(query.error)) return <p>{notOpen}</p>;
    // A page that has not identified its customer (or whose token the BFF refused): the signed-out
    // state, not an error to retry; the embed tells the developer why in the console.
    if (codeOf(query.error) === 'UNAUTHORIZED') return <p>{signedOut ?? t('kit.signedOut')}</p>;
    return (
      <div className="fw-query-error">
        <p role="alert">{error ?? t('kit.error')}</p>
        <Button variant="secondary" onClick={() => void query.refetch()}>
          {t('kit.retry')}
        </Button>
      </div>
    );
  }
  if (isEmpty?.(query.data)) return <EmptyState title={empty ?? t('kit.empty')} />;
  return children(query.data);
}
