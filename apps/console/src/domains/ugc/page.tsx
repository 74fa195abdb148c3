import { REJECTION_REASONS, type RejectionReason } from '@flywheel/contracts/ugc-constants';
import { UserHtml } from '@flywheel/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Outputs, type Session, useTRPC } from '../../api.ts';
import { ErrorText, Loading } from '../../components.tsx';
import { formats } from '../../format.ts';
import { QueryTable } from '../../query-table.tsx';
import { ReasonSelect, ReviewActions } from '../../review.tsx';
import { hrefFor } from '../../routes.ts';

type Queued = Outputs['console']['ugc']['queue'][number];
const SECTIONS = ['queue', 'published', 'audit', 'settings'] as const;
/** The queue is read afresh on every visit and every half minute: customers keep sending while a moderator works. */
const LIVE = { staleTime: 0, refetchInterval: 30_000 };

/** Invalidates every showcase list the console shows, after any decision. */
function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: trpc.console.ugc.pathKey() });
}

/** Media moderated apart from the text: each image approved or rejected on its own. */
function ImageReview({ image }: { image: Queued['images'][number] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const review = useMutation(trpc.console.ugc.reviewImage.mutationOptions({ onSuccess: refresh }));
  return (
    <li className="ugc-image">
      <img src={image.url} alt={image.name} width={160} />
      <span>{image.name}</span>
      <span className={`badge badge-${image.status}`}>{t(`ugc.image.${image.status}`)}</span>
      {image.status !== 'approved' && (
        <button type="button" disabled={review.isPending} onClick={() => review.mutate({ imageId: image.id, decision: 'approve' })}>
          {t('ugc.image.approve')}
        </button>
      )}
      {image.status !== 'rejected' && (
        <button type="button" disabled={review.isPending} onClick={() => review.mutate({ imageId: image.id, decision: 'reject' })}>
          {t('ugc.image.reject')}
        </button>
      )}
      <ErrorText error={review.error} />
    </li>
  );
}

function useReasons() {
  const { t } = useTranslation();
  return REJECTION_REASONS.map((code) => ({ code, label: t(`ugc.reasons.${code}`) }));
}

/** A submission as its readers will see it (the same sanitized HTML), with what the moderator decides on. */
function Submission({ item, children }: { item: Queued; children: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const f = formats(i18n.language);
  return (
    <article className="ugc-submission" aria-labelledby={`ugc-${item.id}`}>
      <p className="muted">
        {t(`ugc.kind.${item.kind}`)} · {t('ugc.by', { name: item.author.name ?? item.author.email ?? '—', id: item.author.id })} ·{' '}
        {item.status === 'approved' && item.publishedAt
          ? t('ugc.published', { when: f.dateTime(item.publishedAt) })
          : item.submittedAt && t('ugc.submitted', { when: f.dateTime(item.submittedAt) })}
        {item.featured && <span className="badge badge-running"> {t('ugc.featured')}</span>}
      </p>
      <h2 id={`ugc-${item.id}`}>{item.title}</h2>
      <p>
        <strong>{item.summary}</strong>
      </p>
      <p className="flags">
        <span className="visually-hidden">{t('ugc.flags')}: </span>
        {item.flags.length === 0 ? (
          <span className="muted">{t('ugc.noFlags')}</span>
        ) : (
          item.flags.map((flag) => (
            <span key={flag} className="badge badge-at_risk">
              {t(`ugc.flag.${flag}`)}
            </span>
          ))
        )}
      </p>
      <UserHtml html={item.html} className="ugc-body" />
      {item.tags.length > 0 && <p className="muted">{item.tags.map((tag) => `#${tag}`).join(' ')}</p>}
      {item.images.length > 0 && (
        <section aria-label={t('ugc.images')}>
          <ul className="ugc-images">
            {item.images.map((image) => (
              <ImageReview key={image.id} image={image} />
            ))}
          </ul>
        </section>
      )}
      {children}
    </article>
  );
}

function QueueSection() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const reasons = useReasons();
  const queue = useQuery(trpc.console.ugc.queue.queryOptions({ status: 'pending' }, LIVE));
  const review = useMutation(trpc.console.ugc.review.mutationOptions({ onSuccess: refresh }));
  if (queue.isPending) return <Loading />;
  if (queue.error || !queue.data) return <ErrorText error={queue.error} />;
  if (queue.data.length === 0) return <p>{t('ugc.empty')}</p>;
  return (
    <>
      {queue.data.map((item) => (
        <Submission key={item.id} item={item}>
          <ReviewActions<RejectionReason>
            reasons={reasons}
            pending={review.isPending && review.variables?.id === item.id}
            error={review.variables?.id === item.id ? review.error : null}
            labels={{ reason: t('ugc.reason'), note: t('ugc.note'), approve: t('ugc.approve'), reject: t('ugc.reject') }}
            onDecide={(decision, { reason, note }) =>
              review.mutate({ id: item.id, decision, ...(reason ? { reason } : {}), ...(note ? { note } : {}) })
            }
          />
        </Submission>
      ))}
    </>
  );
}

function PublishedActions({ item }: { item: Queued }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const refresh = useRefresh();
  const reasons = useReasons();
  const [reason, setReason] = useState<RejectionReason>('rights');
  const [note, setNote] = useState('');
  const feature = useMutation(trpc.console.ugc.feature.mutationOptions({ onSuccess: refresh }));
  const takeDown = useMutation(trpc.console.ugc.takeDown.mutationOptions({ onSuccess: refresh }));
  const onTakeDown = (event: FormEvent) => {
    event.preventDefault();
    takeDown.mutate({ id: item.id, reason, ...(note ? { note } : {}) });
  };
  return (
    <div className="actions">
      <a href={`/s/${item.id}`} target="_blank" rel="noreferrer">
        {t('ugc.publicPage')}
      </a>
      <button type="button" disabled={feature.isPending} onClick={() => feature.mutate({ id: item.id, featured: !item.featured })}>
        {item.featured ? t('ugc.unfeature') : t('ugc.feature')}
      </button>
      <form className="inline" onSubmit={onTakeDown}>
        <ReasonSelect label={t('ugc.reason')} reasons={reasons} value={reason} onChange={setReason} />
        <label>
          {t('ugc.note')}
          <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="submit" disabled={takeDown.isPending}>
          {t('ugc.takeDown')}
        </button>
      </form>
      <ErrorText error={feature.error ?? takeDown.error} />
    </div>
  );
}

function PublishedSection() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const published = useQuery(trpc.console.ugc.queue.queryOptions({ status: 'approved' }, LIVE));
  if (published.isPending) return <Loading />;
  if (published.error || !published.data) return <ErrorText error={published.error} />;
  if (published.data.length === 0) return <p>{t('ugc.noPublished')}</p>;
  return (
    <>
      {published.data.map((item) => (
        <Submission key={item.id} item={item}>
          <p className="muted">{t('ugc.likes', { count: item.likes })}</p>
          <PublishedActions item={item} />
        </Submission>
      ))}
    </>
  );
}

function AuditSection() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const f = formats(i18n.language);
  const decisions = useQuery(trpc.console.ugc.decisions.queryOptions());
  return (
    <QueryTable
      query={decisions}
      caption={t('ugc.tabs.audit')}
      empty={t('ugc.empty')}
      rowKey={(d) => d.id}
      columns={[
        { header: t('ugc.audit.when'), cell: (d) => f.dateTime(d.at) },
        { header: t('ugc.audit.who'), cell: (d) => d.actor ?? '—' },
        { header: t('ugc.audit.action'), cell: (d) => t(`ugc.action.${d.action}`) },
        { header: t('ugc.audit.what'), cell: (d) => d.title ?? d.imageId ?? '—' },
        {
          header: t('ugc.audit.reason'),
          cell: (d) => [d.reason ? t(`ugc.reasons.${d.reason}`) : null, d.note].filter(Boolean).join(' · ') || '—',
        },
      ]}
    />
  );
}

function SettingsSection({ session }: { session: Session }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.console.ugc.settings.queryOptions());
  const [points, setPoints] = useState<number | null>(null);
  const save = useMutation(
    trpc.console.ugc.saveSettings.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.console.ugc.settings.queryKey(), saved),
    }),
  );
  if (settings.isPending) return <Loading />;
  if (settings.error || !settings.data) return <ErrorText error={settings.error} />;
  if (!session.can.manageUgcSettings) return <p>{t('ugc.settings.forbidden')}</p>;
  const value = points ?? settings.data.publishedPoints;
  return (
    <form
      className="inline"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ publishedPoints: value });
      }}
    >
      <label>
        {t('ugc.settings.points')}
        <input type="number" min={0} max={100_000} value={value} onChange={(e) => setPoints(Number(e.target.value))} />
      </label>
      <button type="submit" className="primary" disabled={save.isPending}>
        {t('ugc.settings.save')}
      </button>
      {save.isSuccess && <span role="status">{t('ugc.settings.saved')}</span>}
      <ErrorText error={save.error} />
    </form>
  );
}

/** `#/ugc[/published|/audit|/settings]`: the moderation queue, what is published, every decision, what submissions earn. */
export function UgcPage({ session, path }: { session: Session; path: string[] }) {
  const { t } = useTranslation();
  const section = SECTIONS.find((s) => s === path[0]) ?? 'queue';
  return (
    <>
      <h1>{t('ugc.title')}</h1>
      <p className="muted">{t('ugc.intro')}</p>
      <nav aria-label={t('ugc.title')} className="actions">
        {SECTIONS.map((s) => (
          <a key={s} href={hrefFor('ugc', ...(s === 'queue' ? [] : [s]))} aria-current={s === section ? 'page' : undefined}>
            {t(`ugc.tabs.${s}`)}
          </a>
        ))}
      </nav>
      {section === 'settings' ? (
        <SettingsSection session={session} />
      ) : !session.can.moderateUgc ? (
        <p>{t('ugc.forbidden')}</p>
      ) : (
        <>
          {section === 'queue' && <QueueSection />}
          {section === 'published' && <PublishedSection />}
          {section === 'audit' && <AuditSection />}
        </>
      )}
    </>
  );
}
