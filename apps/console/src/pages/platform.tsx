import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Outputs, useTRPC } from '../api.ts';
import { ErrorText, Loading } from '../components.tsx';
import { formats } from '../format.ts';

type DeadLetter = Outputs['console']['platform']['deadLetters'][number];

/** The dead letters, one row each: which reaction or job gave up, on what, and why. */
export function DeadLetterTable({
  rows,
  onReplay,
  replaying,
}: {
  rows: DeadLetter[];
  onReplay: (only: Pick<DeadLetter, 'kind' | 'id'>[]) => void;
  replaying: boolean;
}) {
  const { t, i18n } = useTranslation();
  const f = formats(i18n.language);
  return (
    <table>
      <caption className="visually-hidden">{t('platform.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('platform.name')}</th>
          <th scope="col">{t('platform.event')}</th>
          <th scope="col">{t('platform.customer')}</th>
          <th scope="col">{t('platform.attempts')}</th>
          <th scope="col">{t('platform.error')}</th>
          <th scope="col">{t('platform.since')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('platform.replay')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={`${row.kind}:${row.id}`}>
            <td>
              <code>{row.name}</code> <span className="muted">{t(`platform.kind.${row.kind}`)}</span>
            </td>
            <td>{row.kind === 'job' ? '—' : (row.event ?? t('platform.identify'))}</td>
            <td>{row.userId ?? '—'}</td>
            <td>{row.attempts}</td>
            <td>{row.lastError}</td>
            <td>{f.dateTime(row.since)}</td>
            <td>
              <button type="button" disabled={replaying} onClick={() => onReplay([{ kind: row.kind, id: row.id }])}>
                {t('platform.replay')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Owners see the reactions that ran out of attempts and put them back in line once the cause is fixed. */
export function PlatformPage({ canOperate }: { canOperate: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dead = useQuery(trpc.console.platform.deadLetters.queryOptions({}, { enabled: canOperate }));
  const replay = useMutation(
    trpc.console.platform.replay.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.console.platform.deadLetters.queryKey() }),
    }),
  );
  return (
    <>
      <h1>{t('platform.title')}</h1>
      <p className="muted">{t('platform.intro')}</p>
      {!canOperate ? (
        <p>{t('platform.forbidden')}</p>
      ) : dead.isPending ? (
        <Loading />
      ) : dead.isError ? (
        <ErrorText error={dead.error} />
      ) : dead.data.length === 0 ? (
        <p>{t('platform.empty')}</p>
      ) : (
        <>
          <button type="button" className="primary" disabled={replay.isPending} onClick={() => replay.mutate({})}>
            {t('platform.replayAll', { count: dead.data.length })}
          </button>
          <DeadLetterTable rows={dead.data} replaying={replay.isPending} onReplay={(only) => replay.mutate({ only })} />
        </>
      )}
      {replay.data ? <p role="status">{t('platform.requeued', { count: replay.data.requeued })}</p> : null}
      <ErrorText error={replay.error} />
    </>
  );
}
