import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Session, useTRPC } from '../../api.ts';
import { ErrorText, Loading } from '../../components.tsx';
import { formats } from '../../format.ts';
import { Branding } from './branding.tsx';
import { Webhooks } from './webhooks.tsx';

const OVERLAPS = ['0', '1', '24', '168'] as const;

/** Rotating the secret key: the new one shown once, the old one verifying for the overlap chosen. */
function SecretKey({ canEdit, previousUntil, onRotated }: { canEdit: boolean; previousUntil: string | null; onRotated: () => void }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [overlap, setOverlap] = useState<(typeof OVERLAPS)[number]>('24');
  const rotate = useMutation(trpc.console.tenant.rotateSecret.mutationOptions({ onSuccess: onRotated }));
  const f = formats(i18n.language);
  return (
    <section aria-labelledby="settings-secret">
      <h2 id="settings-secret">{t('settings.secret')}</h2>
      <p className="muted">{t('settings.secretHint')}</p>
      {previousUntil && <p role="status">{t('settings.previousUntil', { when: f.dateTime(previousUntil) })}</p>}
      {rotate.data && (
        <div role="alert" className="warning">
          <p>{t('settings.rotated')}</p>
          <p>
            <code>{rotate.data.secretKey}</code>
          </p>
        </div>
      )}
      {canEdit && (
        <form
          className="inline"
          onSubmit={(event) => {
            event.preventDefault();
            rotate.mutate({ overlapHours: Number(overlap) });
          }}
        >
          <label>
            {t('settings.overlap')}
            <select value={overlap} onChange={(e) => setOverlap(e.target.value as (typeof OVERLAPS)[number])}>
              {OVERLAPS.map((hours) => (
                <option key={hours} value={hours}>
                  {t(`settings.overlapHours.${hours}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={rotate.isPending}>
            {t('settings.rotate')}
          </button>
          <ErrorText error={rotate.error} />
        </form>
      )}
    </section>
  );
}

/** Badge credentials are signed with the tenant's key: a routine rotation keeps what was shared verifying. */
function CredentialKey({ canEdit, keyId, onRotated }: { canEdit: boolean; keyId: string; onRotated: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [old, setOld] = useState<'keep-verifying' | 'leaked'>('keep-verifying');
  const rotate = useMutation(trpc.console.tenant.rotateCredentialKey.mutationOptions({ onSuccess: onRotated }));
  return (
    <section aria-labelledby="settings-credentials">
      <h2 id="settings-credentials">{t('settings.credentials.title')}</h2>
      <p className="muted">{t('settings.credentials.hint', { keyId })}</p>
      {rotate.data && (
        <p role="status">{t('settings.credentials.rotated', { keyId: rotate.data.keyId, count: rotate.data.verifying.length })}</p>
      )}
      {canEdit && (
        <form
          className="inline"
          onSubmit={(event) => {
            event.preventDefault();
            rotate.mutate({ old });
          }}
        >
          <label>
            {t('settings.credentials.old')}
            <select value={old} onChange={(e) => setOld(e.target.value as typeof old)}>
              <option value="keep-verifying">{t('settings.credentials.keep')}</option>
              <option value="leaked">{t('settings.credentials.leaked')}</option>
            </select>
          </label>
          <button type="submit" disabled={rotate.isPending}>
            {t('settings.credentials.rotate')}
          </button>
          <ErrorText error={rotate.error} />
        </form>
      )}
    </section>
  );
}

/** `#/settings`: the keys, the origins allowed to embed (owners change them), and the webhook endpoints. */
export function SettingsPage({ session }: { session: Session }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.console.tenant.settings.queryOptions());
  const [origin, setOrigin] = useState('');
  const onSaved = (saved: NonNullable<typeof settings.data>) => queryClient.setQueryData(trpc.console.tenant.settings.queryKey(), saved);
  const add = useMutation(
    trpc.console.tenant.addOrigin.mutationOptions({
      onSuccess: (saved) => {
        onSaved(saved);
        setOrigin('');
      },
    }),
  );
  const remove = useMutation(trpc.console.tenant.removeOrigin.mutationOptions({ onSuccess: onSaved }));
  const canEdit = session.can.manageTenant;
  const onAdd = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ origin });
  };
  if (settings.isPending) return <Loading />;
  if (settings.error || !settings.data) return <ErrorText error={settings.error} />;
  const { publishableKey, allowedOrigins } = settings.data;
  return (
    <>
      <h1>{t('settings.title')}</h1>
      <p className="muted">{t('settings.intro')}</p>
      <section aria-labelledby="settings-key">
        <h2 id="settings-key">{t('settings.key')}</h2>
        <p>
          <code>{publishableKey}</code>
        </p>
        <p className="muted">{t('settings.keyHint')}</p>
        <p>{t(`settings.mode.${settings.data.mode}`)}</p>
      </section>
      <SecretKey canEdit={canEdit} previousUntil={settings.data.previousSecretValidUntil} onRotated={() => void settings.refetch()} />
      <section aria-labelledby="settings-origins">
        <h2 id="settings-origins">{t('settings.origins')}</h2>
        <p className="muted">{t('settings.originsHint')}</p>
        {allowedOrigins.length === 0 ? (
          <p>{t('settings.none')}</p>
        ) : (
          <ul>
            {allowedOrigins.map((allowed) => (
              <li key={allowed}>
                <code>{allowed}</code>{' '}
                {canEdit && (
                  <button type="button" disabled={remove.isPending} onClick={() => remove.mutate({ origin: allowed })}>
                    {t('settings.remove', { origin: allowed })}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {canEdit ? (
          <form className="inline" onSubmit={onAdd}>
            <label>
              {t('settings.origin')}
              <input
                type="text"
                inputMode="url"
                value={origin}
                placeholder="https://app.example.com"
                required
                maxLength={200}
                onChange={(e) => setOrigin(e.target.value)}
              />
            </label>
            <button type="submit" className="primary" disabled={add.isPending}>
              {t('settings.add')}
            </button>
            {origin.includes('*') && (
              <p role="note" className="warning">
                {t('settings.wildcard')}
              </p>
            )}
            <ErrorText error={add.error ?? remove.error} />
          </form>
        ) : (
          <p className="muted">{t('settings.ownersOnly')}</p>
        )}
      </section>
      <CredentialKey canEdit={canEdit} keyId={settings.data.credentialKeyId} onRotated={() => void settings.refetch()} />
      <Branding settings={settings.data} canEdit={canEdit} />
      {session.can.manageWebhooks && <Webhooks />}
    </>
  );
}
