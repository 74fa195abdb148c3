import { SUBMISSION_KINDS, type SubmissionKind } from '@flywheel/contracts/ugc-constants';
import { Badge, EmptyState, Grid, Input, LoadMore } from '@flywheel/ui';
import { cursorPages, pagedItems, QueryState, type RouterOutputs, useInfiniteQuery, useTRPC, useTrack } from '@flywheel/widget-kit';
import { useDeferredValue, useState } from 'react';
import { useT } from './messages.ts';

export type CardData = RouterOutputs['ugc']['gallery']['items'][number];
type Order = 'trending' | 'newest';

/** A submission's card: its cover, kind, title, summary, author and likes; the title opens it. */
export function StoryCard({ card, onOpen, onTag }: { card: CardData; onOpen: () => void; onTag: (tag: string) => void }) {
  const t = useT();
  return (
    <article className={`fw-ugc__card${card.featured ? ' fw-ugc__card--featured' : ''}`}>
      {card.cover && (
        <img className="fw-ugc__cover" src={card.cover.url} alt="" width={card.cover.width} height={card.cover.height} loading="lazy" />
      )}
      <p className="fw-ugc__meta">
        {t(`ugc.kind.${card.kind}`)}
        {card.featured && <Badge tone="primary">{t('ugc.gallery.featured')}</Badge>}
      </p>
      <h4>
        <button type="button" className="fw-ugc__open" onClick={onOpen}>
          {card.title}
        </button>
      </h4>
      <p>{card.summary}</p>
      <p className="fw-muted">
        {card.author ? t('ugc.gallery.by', { author: card.author }) : t('ugc.gallery.byCustomer')} ·{' '}
        {t('ugc.gallery.likes', { count: card.likes })}
      </p>
      {card.tags.length > 0 && (
        <ul className="fw-ugc__tags" aria-label={t('ugc.form.tags')}>
          {card.tags.map((tag) => (
            <li key={tag}>
              <button type="button" onClick={() => onTag(tag)}>
                #{tag}
              </button>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

/**
 * The published gallery: the featured lead (the experiment chooses which), then cards filtered by
 * kind, tag and search, trending or newest, a page at a time. Opening a card is the click the
 * featured-slot experiment measures.
 */
export function Gallery({ onOpen }: { onOpen: (id: string) => void }) {
  const t = useT();
  const trpc = useTRPC();
  const track = useTrack();
  const [kind, setKind] = useState<SubmissionKind | ''>('');
  const [order, setOrder] = useState<Order>('trending');
  const [tag, setTag] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  // Typing does not fire a request per keystroke: the query follows once React has time.
  const q = useDeferredValue(search.trim());
  const gallery = useInfiniteQuery(
    trpc.ugc.gallery.infiniteQueryOptions({ order, ...(kind ? { kind } : {}), ...(tag ? { tag } : {}), ...(q ? { q } : {}) }, cursorPages),
  );
  const open = (card: CardData) => {
    track('ugc_item_opened', { submission_id: card.id, featured: card.featured });
    onOpen(card.id);
  };
  const filtered = Boolean(kind || tag || q);
  return (
    <div className="fw-ugc__gallery">
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is too new for some hosts' browsers (and the component tests' DOM) */}
      <div className="fw-ugc__filters" role="search">
        <Input type="search" label={t('ugc.gallery.search')} value={search} maxLength={100} onChange={(e) => setSearch(e.target.value)} />
        <label className="fw-ugc__select">
          {t('ugc.gallery.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as SubmissionKind | '')}>
            <option value="">{t('ugc.kind.all')}</option>
            {SUBMISSION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`ugc.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="fw-ugc__select">
          {t('ugc.gallery.order')}
          <select value={order} onChange={(e) => setOrder(e.target.value as Order)}>
            <option value="trending">{t('ugc.gallery.order.trending')}</option>
            <option value="newest">{t('ugc.gallery.order.newest')}</option>
          </select>
        </label>
        {tag && (
          <button type="button" className="fw-ugc__chip" onClick={() => setTag(null)} aria-label={t('ugc.gallery.clearTag')}>
            {t('ugc.gallery.tag', { tag })} ×
          </button>
        )}
      </div>
      <QueryState query={gallery} error={t('ugc.error')} lines={6}>
        {(data) => {
          const lead = data.pages[0]?.lead ?? null;
          const items = pagedItems(data);
          if (!lead && items.length === 0) return <EmptyState title={t(filtered ? 'ugc.gallery.noMatch' : 'ugc.gallery.empty')} />;
          return (
            <>
              {lead && <StoryCard card={lead} onOpen={() => open(lead)} onTag={setTag} />}
              <Grid
                label={t('ugc.tabs.gallery')}
                items={items}
                minColumnWidth={200}
                render={(card) => ({ key: card.id, content: <StoryCard card={card} onOpen={() => open(card)} onTag={setTag} /> })}
              />
              <LoadMore
                hasMore={Boolean(gallery.hasNextPage)}
                loading={gallery.isFetchingNextPage}
                onLoadMore={() => void gallery.fetchNextPage()}
                label={t('ugc.gallery.more')}
                loadingLabel={t('ugc.loading')}
                endLabel={items.length > 6 ? t('ugc.gallery.end') : undefined}
              />
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
