import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../api.ts';
import { ErrorText } from '../../components.tsx';
import { formats } from '../../format.ts';

/**
 * A read-only link to these results for people without a console account. The link shows the
 * results as they are when it is made; each link is listed with who made it, and can be revoked.
 */
export function ShareResults({ featureKey }: { featureKey: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const f = formats(i18n.language);
  const linkId = useId();
  const [copied, setCopied] = useState(false);
  const reports = useQuery(trpc.console.results.reports.queryOptions({ key: featureKey }));
  const onSuccess = () => void queryClient.invalidateQueries({ queryKey: trpc.console.results.reports.queryKey({ key: featureKey }) });
  const share = useMutation(trpc.console.results.share.mutationOptions({ onSuccess }));
  const revoke = useMutation(trpc.console.results.revoke.mutationOptions({ onSuccess }));
  const copy = async (url: string) => {
    await navigator.clipboard.writeText(url);
    setCopied(true);
  };
  return (
    <section aria-labelledby={`${linkId}-title`}>
      <h3 id={`${linkId}-title`}>{t('share.title')}</h3>
      <p className="muted">{t('share.intro')}</p>
      <button type="button" disabled={share.isPending} onClick={() => share.mutate({ key: featureKey })}>
        {t('share.create')}
      </button>
      <ErrorText error={share.error} />
      {share.data && (
        <p className="inline">
          <label htmlFor={linkId}>{t('share.link')}</label>{' '}
          <input id={linkId} readOnly value={share.data.url} size={60} onFocus={(e) => e.currentTarget.select()} />{' '}
          <button type="button" onClick={() => void copy(share.data.url)}>
            {t('share.copy')}
          </button>
          {copied && (
            <span role="status" className="muted">
              {' '}
              {t('share.copied')}
            </span>
          )}
        </p>
      )}
      {reports.data && reports.data.length > 0 && (
        <table>
          <caption>{t('share.links')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('share.createdAt')}</th>
              <th scope="col">{t('share.createdBy')}</th>
              <th scope="col">{t('share.state')}</th>
            </tr>
          </thead>
          <tbody>
            {reports.data.map((report) => (
              <tr key={report.id}>
                <th scope="row">{f.dateTime(report.createdAt)}</th>
                <td>{report.createdBy ?? '—'}</td>
                <td>
                  {report.revokedAt ? (
                    t('share.revokedAt', { time: f.dateTime(report.revokedAt) })
                  ) : (
                    <button type="button" disabled={revoke.isPending} onClick={() => revoke.mutate({ id: report.id })}>
                      {t('share.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorText error={revoke.error ?? reports.error} />
    </section>
  );
}
