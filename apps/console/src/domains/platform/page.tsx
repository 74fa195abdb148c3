import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Outputs, type Session, useTRPC } from '../../api.ts';
import { ErrorText } from '../../components.tsx';
import { formats } from '../../format.ts';
import { QueryTable } from '../../query-table.tsx';

type DeadLetter = Outputs['console']['platform']['deadLetters'][number];

/** The dead letters, one row each: which reaction or job gave up, on what, and why. */
export function DeadLetterTable({
  query,
  onReplay,
  replaying,
}: {
  query: { isPending: boolean; error: unknown; data: DeadLetter[] | undefined; refetch: () => unknown };
  onReplay: (only: Pick<DeadLetter, 'kind' | 'id'>[]) => void;
  replaying: boolean;
}) {
  const { t, i18n } = useTranslation();
  const f = formats(i18n.language);
  return (
    <QueryTable
      query={query}
      caption={t('platform.title')}
      empty={t('platform.empty')}
      rowKey={(row) => `${row.kind}:${row.id}`}
      columns={[
        {
          header: t('platform.name'),
          cell: (row) => (
            <>
              <code>{row.name}</code> <span className="muted">{t(`platform.kind.${row.kind}`)}</span>
            </>
          ),
        },
        { header: t('platform.event'), cell: (row) => (row.kind === 'job' ? '—' : (row.event ?? t('platform.identify'))) },
        { header: t('platform.customer'), cell: (row) => row.userId ?? '—' },
        { header: t('platform.attempts'), cell: (row) => row.attempts },
        { header: t('platform.error'), cell: (row) => row.lastError },
        { header: t('platform.since'), cell: (row) => f.dateTime(row.since) },
        {
          header: t('platform.replay'),
          hidden: true,
          cell: (row) => (
            <button type="button" disabled={replaying} onClick={() => onReplay([{ kind: row.kind, id: row.id }])}>
              {t('platform.replay')}
            </button>
          ),
        },
      ]}
    />
  );
}

/** Owners see the reactions that ran out of attempts and put them back in line once the cause is fixed. */
export function PlatformPage({ session }: { session: Session }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canOperate = session.can.operatePlatform;
  const dead = useQuery(trpc.console.platform.deadLetters.queryOptions({}, { enabled: canOperate }));
  const replay = useMutation(
    trpc.console.platform.replay.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.console.platform.deadLetters.queryKey() }),
    }),
  );
  if (!canOperate) return <p>{t('platform.forbidden')}</p>;
  return (
    <>
      <h1>{t('platform.title')}</h1>
      <p className="muted">{t('platform.intro')}</p>
      {dead.data && dead.data.length > 0 && (
        <button type="button" className="primary" disabled={replay.isPending} onClick={() => replay.mutate({})}>
          {t('platform.replayAll', { count: dead.data.length })}
        </button>
      )}
      <DeadLetterTable query={dead} replaying={replay.isPending} onReplay={(only) => replay.mutate({ only })} />
      {replay.data ? <p role="status">{t('platform.requeued', { count: replay.data.requeued })}</p> : null}
      <ErrorText error={replay.error} />
    </>
  );
}
