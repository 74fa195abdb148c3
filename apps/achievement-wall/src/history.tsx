import { EmptyState, List, LoadMore } from '@flywheel/ui';
import { cursorPages, pagedItems, QueryState, useInfiniteQuery, useLocale, useTRPC } from '@flywheel/widget-kit';
import { useT } from './messages.ts';

/** Where points come from, as the ledger names it; anything else is shown as a reward. */
const SOURCES = ['referral', 'achievements', 'redemption', 'adjustment', 'expiry'] as const;

/** Every entry of the customer's points, newest first: what, from where, in which state, when. */
export function PointsHistory() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const history = useInfiniteQuery(trpc.points.history.infiniteQueryOptions({ limit: 20 }, cursorPages));
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const signed = new Intl.NumberFormat(locale, { signDisplay: 'always' });
  return (
    <QueryState query={history} error={t('wall.history.error')}>
      {(data) => {
        const items = pagedItems(data);
        if (items.length === 0) return <EmptyState title={t('wall.history.empty')} />;
        return (
          <>
            <List
              label={t('wall.tabs.history')}
              items={items}
              render={(entry) => ({
                key: entry.id,
                content: (
                  <div className="fw-wall__entry">
                    <strong className={entry.amount < 0 ? 'fw-wall__out' : 'fw-wall__in'}>{signed.format(entry.amount)}</strong>
                    <span>
                      {t(`wall.history.kind.${entry.kind}`)} · {t(`wall.history.bucket.${entry.bucket}`)}
                      {entry.reason ? ` · ${entry.reason}` : ''}
                    </span>
                    <span className="fw-muted">
                      {t(`wall.history.source.${SOURCES.find((source) => source === entry.source) ?? 'other'}`)} ·{' '}
                      <time dateTime={entry.at}>{date.format(new Date(entry.at))}</time>
                    </span>
                  </div>
                ),
              })}
            />
            <LoadMore
              hasMore={Boolean(history.hasNextPage)}
              loading={history.isFetchingNextPage}
              onLoadMore={() => void history.fetchNextPage()}
              label={t('wall.history.more')}
              loadingLabel={t('wall.loading')}
            />
          </>
        );
      }}
    </QueryState>
  );
}
