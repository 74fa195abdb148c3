import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Outputs, useTRPC } from '../../api.ts';
import { ErrorText, Loading } from '../../components.tsx';
import { formats } from '../../format.ts';
import { QueryTable } from '../../query-table.tsx';

type Endpoint = Outputs['console']['webhooks']['list'][number];

/** One endpoint's delivery log: every attempt, newest first, with what came back. */
function Deliveries({ endpoint }: { endpoint: Endpoint }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  // Open while someone watches deliveries arrive (retries included): refreshed every few seconds.
  const attempts = useQuery({ ...trpc.console.webhooks.attempts.queryOptions({ id: endpoint.id }), refetchInterval: 5_000 });
  const f = formats(i18n.language);
  return (
    <QueryTable
      query={attempts}
      caption={t('settings.webhooks.deliveriesOf', { url: endpoint.url })}
      empty={t('settings.webhooks.noDeliveries')}
      rowKey={(attempt) => String(attempt.id)}
      columns={[
        { header: t('settings.webhooks.when'), cell: (attempt) => f.dateTime(String(attempt.createdAt)) },
        { header: t('settings.webhooks.event'), rowHeader: true, cell: (attempt) => <code>{attempt.eventType}</code> },
        { header: t('settings.webhooks.attempt'), cell: (attempt) => f.integer(attempt.attempt) },
        {
          header: t('settings.webhooks.outcome'),
          cell: (attempt) =>
            attempt.succeeded
              ? t('settings.webhooks.delivered', { status: attempt.statusCode })
              : attempt.statusCode
                ? t('settings.webhooks.refused', { status: attempt.statusCode })
                : t('settings.webhooks.failed', { error: attempt.error ?? '' }),
        },
        { header: t('settings.webhooks.latency'), cell: (attempt) => t('settings.webhooks.ms', { ms: f.integer(attempt.latencyMs) }) },
        { header: t('settings.webhooks.response'), cell: (attempt) => <code>{attempt.responseExcerpt ?? ''}</code> },
      ]}
    />
  );
}

/**
 * Where Flywheel POSTs the tenant's domain events, signed per Standard Webhooks: register an
 * endpoint (its signing secret shown once), see every delivery, re-enable one that was disabled.
 */
export function Webhooks() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const endpoints = useQuery(trpc.console.webhooks.list.queryOptions());
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState('*');
  const [open, setOpen] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.console.webhooks.list.queryKey() });
  const create = useMutation(
    trpc.console.webhooks.create.mutationOptions({
      onSuccess: () => {
        setUrl('');
        refresh();
      },
    }),
  );
  const remove = useMutation(trpc.console.webhooks.remove.mutationOptions({ onSuccess: refresh }));
  const enable = useMutation(trpc.console.webhooks.enable.mutationOptions({ onSuccess: refresh }));
  const onCreate = (event: FormEvent) => {
    event.preventDefault();
    const eventTypes = events
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    create.mutate({ url, eventTypes: eventTypes.length > 0 ? eventTypes : ['*'] });
  };
  return (
    <section aria-labelledby="settings-webhooks">
      <h2 id="settings-webhooks">{t('settings.webhooks.title')}</h2>
      <p className="muted">{t('settings.webhooks.hint')}</p>
      {create.data && (
        <div role="alert" className="warning">
          <p>{t('settings.webhooks.secret', { url: create.data.url })}</p>
          <p>
            <code>{create.data.secret}</code>
          </p>
        </div>
      )}
      {endpoints.isPending ? (
        <Loading />
      ) : endpoints.error ? (
        <ErrorText error={endpoints.error} />
      ) : endpoints.data.length === 0 ? (
        <p>{t('settings.webhooks.none')}</p>
      ) : (
        <ul>
          {endpoints.data.map((endpoint) => (
            <li key={endpoint.id}>
              <code>{endpoint.url}</code> · {endpoint.eventTypes.join(', ')} ·{' '}
              {endpoint.status === 'enabled' ? (
                t('settings.webhooks.enabled')
              ) : (
                <span className="warning">{t('settings.webhooks.disabled', { reason: endpoint.disabledReason ?? '' })}</span>
              )}{' '}
              <button type="button" aria-expanded={open === endpoint.id} onClick={() => setOpen(open === endpoint.id ? null : endpoint.id)}>
                {t('settings.webhooks.deliveries', { url: endpoint.url })}
              </button>
              {endpoint.status === 'disabled' && (
                <button type="button" disabled={enable.isPending} onClick={() => enable.mutate({ id: endpoint.id })}>
                  {t('settings.webhooks.enable', { url: endpoint.url })}
                </button>
              )}
              <button type="button" disabled={remove.isPending} onClick={() => remove.mutate({ id: endpoint.id })}>
                {t('settings.webhooks.remove', { url: endpoint.url })}
              </button>
              {open === endpoint.id && <Deliveries endpoint={endpoint} />}
            </li>
          ))}
        </ul>
      )}
      <form className="inline" onSubmit={onCreate}>
        <label>
          {t('settings.webhooks.url')}
          <input
            type="url"
            value={url}
            placeholder="https://api.example.com/flywheel-webhooks"
            required
            maxLength={2000}
            onChange={(e) => setUrl(e.target.value)}
          />
        </label>
        <label>
          {t('settings.webhooks.events')}
          <input
            type="text"
            value={events}
            maxLength={2000}
            onChange={(e) => setEvents(e.target.value)}
            aria-describedby="webhook-events-hint"
          />
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('settings.webhooks.add')}
        </button>
        <p id="webhook-events-hint" className="muted">
          {t('settings.webhooks.eventsHint')}
        </p>
        <ErrorText error={create.error ?? remove.error ?? enable.error} />
      </form>
    </section>
  );
}
