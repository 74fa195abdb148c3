import { Badge, Button, LikeToggle, UserHtml } from '@flywheel/ui';
import { QueryState, type RouterOutputs, useMutation, useQuery, useQueryClient, useTRPC } from '@flywheel/widget-kit';
import { useT } from './messages.ts';

type Item = RouterOutputs['ugc']['item'];

function Like({ item, signedIn }: { item: Item; signedIn: boolean }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const like = useMutation(
    trpc.ugc.like.mutationOptions({
      onSuccess: ({ liked, likes }) => {
        queryClient.setQueryData(trpc.ugc.item.queryKey({ id: item.id }), (old) => (old ? { ...old, liked, likes } : old));
        void queryClient.invalidateQueries({ queryKey: trpc.ugc.gallery.pathKey() });
      },
    }),
  );
  if (item.mine) return null;
  if (!signedIn) return <p className="fw-muted">{t('ugc.item.signInToLike')}</p>;
  return (
    <>
      <LikeToggle
        pressed={like.isPending ? Boolean(like.variables?.liked) : item.liked}
        count={like.isPending ? item.likes + (like.variables?.liked ? 1 : -1) : item.likes}
        label={t('ugc.item.like')}
        disabled={like.isPending}
        onToggle={(liked) => like.mutate({ id: item.id, liked })}
      />
      {like.isError && <p role="alert">{t('ugc.item.likeError')}</p>}
    </>
  );
}

/** One story opened: its title, author and likes, the body as the server sanitized it, its licence. */
export function StoryPage({ id, signedIn, onBack }: { id: string; signedIn: boolean; onBack: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const item = useQuery(trpc.ugc.item.queryOptions({ id }));
  return (
    <article className="fw-ugc__story" aria-labelledby="fw-ugc-story-title">
      <Button variant="secondary" onClick={onBack}>
        ← {t('ugc.item.back')}
      </Button>
      <QueryState query={item} error={t('ugc.item.error')} notOpen={t('ugc.item.error')} lines={8}>
        {(data) => (
          <>
            <p className="fw-ugc__meta">
              {t(`ugc.kind.${data.kind}`)}
              {data.featured && <Badge tone="primary">{t('ugc.gallery.featured')}</Badge>}
              {data.status !== 'approved' && <Badge tone="neutral">{t(`ugc.status.${data.status}`)}</Badge>}
            </p>
            <h3 id="fw-ugc-story-title">{data.title}</h3>
            <p className="fw-muted">{data.author ? t('ugc.gallery.by', { author: data.author }) : t('ugc.gallery.byCustomer')}</p>
            <p>
              <strong>{data.summary}</strong>
            </p>
            <UserHtml html={data.html} className="fw-ugc__body" />
            <Like item={data} signedIn={signedIn} />
            <p className="fw-muted">{t('ugc.item.licence', { licence: t(`ugc.licence.${data.licence}`) })}</p>
          </>
        )}
      </QueryState>
    </article>
  );
}
