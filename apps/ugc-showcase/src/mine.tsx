import { Badge, Button, EmptyState, List } from '@flywheel/ui';
import { QueryState, type RouterOutputs, useLocale, useMutation, useQuery, useQueryClient, useTRPC } from '@flywheel/widget-kit';
import { useState } from 'react';
import { SubmissionForm } from './form.tsx';
import { useT } from './messages.ts';

type Draft = RouterOutputs['ugc']['mine'][number];

const TONE = {
  approved: 'success',
  rejected: 'danger',
  taken_down: 'danger',
  pending: 'warning',
  draft: 'neutral',
  withdrawn: 'neutral',
} as const;
const EDITABLE: Draft['status'][] = ['draft', 'pending', 'rejected', 'withdrawn'];

function Submission({ draft, onEdit, onOpen }: { draft: Draft; onEdit: () => void; onOpen: () => void }) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const withdraw = useMutation(
    trpc.ugc.withdraw.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.ugc.mine.queryKey() }) }),
  );
  const sentBack = draft.status === 'rejected' || draft.status === 'taken_down';
  return (
    <div className="fw-ugc__mine">
      <div className="fw-ugc__row">
        <button type="button" className="fw-ugc__open" onClick={onOpen}>
          {draft.title}
        </button>
        <Badge tone={TONE[draft.status]}>{t(`ugc.status.${draft.status}`)}</Badge>
      </div>
      <p className="fw-muted">
        {t(`ugc.kind.${draft.kind}`)} ·{' '}
        <time dateTime={draft.updatedAt}>{new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(draft.updatedAt))}</time>
        {draft.status === 'approved' && ` · ${t('ugc.gallery.likes', { count: draft.likes })}`}
      </p>
      {sentBack && draft.reason && (
        <div className="fw-ugc__reason" role="note">
          <p>{t('ugc.mine.reason', { reason: t(`ugc.reason.${draft.reason}`) })}</p>
          {draft.reasonNote && <p>{t('ugc.mine.note', { note: draft.reasonNote })}</p>}
          {draft.status === 'rejected' && <p>{t('ugc.mine.fix')}</p>}
        </div>
      )}
      <div className="fw-ugc__row">
        {EDITABLE.includes(draft.status) && (
          <Button variant="secondary" onClick={onEdit}>
            {t('ugc.mine.edit')}
          </Button>
        )}
        {draft.status !== 'withdrawn' && draft.status !== 'taken_down' && (
          <Button variant="secondary" disabled={withdraw.isPending} onClick={() => withdraw.mutate({ id: draft.id })}>
            {t('ugc.mine.withdraw')}
          </Button>
        )}
      </div>
      {withdraw.isError && <p role="alert">{t('ugc.mine.withdrawError')}</p>}
    </div>
  );
}

/** The customer's own submissions: where each stands, why one was sent back, and editing it to send again. */
export function MySubmissions({ onOpen, onDone }: { onOpen: (id: string) => void; onDone: (message: string) => void }) {
  const t = useT();
  const trpc = useTRPC();
  const mine = useQuery(trpc.ugc.mine.queryOptions());
  const [editing, setEditing] = useState<Draft | null>(null);
  if (editing) {
    return (
      <>
        <Button variant="secondary" onClick={() => setEditing(null)}>
          {t('ugc.form.cancel')}
        </Button>
        <SubmissionForm
          key={editing.id}
          draft={editing}
          onDone={(message) => {
            setEditing(null);
            onDone(message);
          }}
        />
      </>
    );
  }
  return (
    <QueryState query={mine} error={t('ugc.error')}>
      {(drafts) =>
        drafts.length === 0 ? (
          <EmptyState title={t('ugc.mine.empty')} />
        ) : (
          <List
            label={t('ugc.tabs.mine')}
            items={drafts}
            render={(draft) => ({
              key: draft.id,
              content: <Submission draft={draft} onEdit={() => setEditing(draft)} onOpen={() => onOpen(draft.id)} />,
            })}
          />
        )
      }
    </QueryState>
  );
}
