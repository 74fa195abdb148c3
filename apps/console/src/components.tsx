import { useTranslation } from 'react-i18next';

/** An error a person can act on: the server's message names the field or the missing role. */
export function ErrorText({ error }: { error: unknown }) {
  if (!error) return null;
  return <p role="alert">{error instanceof Error ? error.message : String(error)}</p>;
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="muted">
      {t('loading')}
    </p>
  );
}
