import { RemoteWidget } from '@flywheel/federation';
import { getPageSession } from '@flywheel/widget-kit';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Feature, useTRPCClient } from '../../api.ts';
import type { ConsoleLocale } from '../../i18n.ts';

type Shown = { variation: number; locale: ConsoleLocale; plan: string; country: string; id: number };

/**
 * The real widget, loaded through Module Federation exactly as customers' pages load it, playing
 * a preview customer (a token the console signs for this user) in the variation the marketer
 * picks, running or not. The page session is a preview: the feature's value is forced and nothing
 * is recorded. Values the server evaluates itself (a reward amount) show as the server decides.
 */
export function Preview({ feature, publishableKey }: { feature: Feature; publishableKey: string }) {
  const { t } = useTranslation();
  const client = useTRPCClient();
  const [shown, setShown] = useState<Shown | null>(null);
  const apiBase = location.origin;

  // One token provider per preview request: a new one tells widget-kit the customer's traits changed.
  const getToken = useMemo(() => {
    if (!shown) return undefined;
    const traits = { ...(shown.plan ? { plan: shown.plan } : {}), ...(shown.country ? { country: shown.country.toUpperCase() } : {}) };
    let token: Promise<string> | undefined;
    return () => {
      token ??= client.console.preview.token.mutate({ traits }).then((r) => r.token);
      return token;
    };
  }, [client, shown]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const variation = Number(form.get('variation'));
    getPageSession({ apiBase, publishableKey }).preview({ [feature.key]: feature.variations[variation]?.value });
    setShown({
      variation,
      locale: form.get('locale') === 'zh-CN' ? 'zh-CN' : 'en',
      plan: String(form.get('plan') ?? '').trim(),
      country: String(form.get('country') ?? '').trim(),
      id: Date.now(),
    });
  };

  return (
    <div className="preview">
      <p className="muted">{t('preview.intro')}</p>
      <form className="inline" onSubmit={submit}>
        <label>
          {t('preview.variation')}
          <select name="variation" defaultValue="0">
            {feature.variations.map((v, i) => (
              <option key={v.id} value={i}>
                {v.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('language')}
          <select name="locale" defaultValue="en">
            <option value="en">English</option>
            <option value="zh-CN">简体中文</option>
          </select>
        </label>
        <label>
          {t('preview.plan')}
          <input name="plan" size={8} />
        </label>
        <label>
          {t('preview.country')}
          <input name="country" size={3} maxLength={2} pattern="[A-Za-z]{2}" />
        </label>
        <button type="submit">{t('preview.show')}</button>
      </form>
      {shown && getToken && (
        <div className="preview-frame" data-testid="preview">
          <RemoteWidget
            key={shown.id}
            name={feature.widget}
            apiBase={apiBase}
            publishableKey={publishableKey}
            getToken={getToken}
            locale={shown.locale}
            loading={<p className="muted">{t('loading')}</p>}
            fallback={<p role="alert">{t('preview.unavailable')}</p>}
          />
        </div>
      )}
    </div>
  );
}
