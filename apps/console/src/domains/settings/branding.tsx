import type { WidgetBranding } from '@flywheel/contracts/tenant';
import { Button, Card, Progress, uiStyles } from '@flywheel/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type CSSProperties, type FormEvent, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { type Outputs, useTRPC } from '../../api.ts';
import { ErrorText } from '../../components.tsx';

type Settings = Outputs['console']['tenant']['settings'];
type Locale = 'en' | 'zh-CN';

/** The design system's defaults, shown while a token is unset. */
const DEFAULTS = { '--fw-color-primary': '#4338ca', '--fw-color-text': '#111827', '--fw-color-surface': '#ffffff', '--fw-radius': '10px' };
const COLORS = ['--fw-color-primary', '--fw-color-text', '--fw-color-surface'] as const;

/**
 * The widgets' look with these tokens, in a shadow root of its own (as embed.js renders them), so
 * the console's CSS cannot make the preview lie.
 */
function Preview({ branding, locale }: { branding: WidgetBranding; locale: Locale | null }) {
  const { t, i18n } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const [root, setRoot] = useState<ShadowRoot | null>(null);
  useEffect(() => {
    const element = host.current;
    if (!element || element.shadowRoot) return;
    const shadow = element.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(uiStyles);
    shadow.adoptedStyleSheets = [sheet];
    setRoot(shadow);
  }, []);
  const words = i18n.getFixedT(locale ?? i18n.language);
  return (
    <figure>
      <figcaption className="muted">{t('settings.branding.preview')}</figcaption>
      <div ref={host} style={branding as CSSProperties} data-testid="branding-preview" />
      {root &&
        createPortal(
          <div className="fw-root" lang={locale ?? i18n.language}>
            <Card title={words('settings.branding.sampleTitle')}>
              <p>{words('settings.branding.sampleText')}</p>
              <Progress value={2} max={3} label={words('settings.branding.sampleProgress')} />
              <Button>{words('settings.branding.samplePrimary')}</Button>{' '}
              <Button variant="secondary">{words('settings.branding.sampleSecondary')}</Button>
            </Card>
          </div>,
          root,
        )}
    </figure>
  );
}

/** `--fw-*` branding defaults and the default language for every widget, with a live preview. */
export function Branding({ settings, canEdit }: { settings: Settings; canEdit: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [branding, setBranding] = useState<WidgetBranding>(settings.branding);
  const [locale, setLocale] = useState<Locale | null>(settings.defaultLocale);
  const save = useMutation(
    trpc.console.tenant.setBranding.mutationOptions({
      onSuccess: (saved) => queryClient.setQueryData(trpc.console.tenant.settings.queryKey(), saved),
    }),
  );
  const set = (name: keyof WidgetBranding, value: string | undefined) => setBranding((current) => ({ ...current, [name]: value }));
  const onSave = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ branding, defaultLocale: locale });
  };
  const radius = Number.parseInt(branding['--fw-radius'] ?? DEFAULTS['--fw-radius'], 10);
  return (
    <section aria-labelledby="settings-branding">
      <h2 id="settings-branding">{t('settings.branding.title')}</h2>
      <p className="muted">{t('settings.branding.hint')}</p>
      <div className="branding">
        <form onSubmit={onSave}>
          <fieldset disabled={!canEdit}>
            {COLORS.map((name) => (
              <label key={name}>
                {t(`settings.branding.tokens.${name}`)}
                <input type="color" value={branding[name] ?? DEFAULTS[name]} onChange={(e) => set(name, e.target.value)} />
              </label>
            ))}
            <label>
              {t('settings.branding.tokens.--fw-radius')}
              <input type="range" min={0} max={32} value={radius} onChange={(e) => set('--fw-radius', `${e.target.value}px`)} />
              <output>{`${radius}px`}</output>
            </label>
            <label>
              {t('settings.branding.tokens.--fw-font-family')}
              <input
                type="text"
                value={branding['--fw-font-family'] ?? ''}
                placeholder="Inter, sans-serif"
                maxLength={120}
                onChange={(e) => set('--fw-font-family', e.target.value || undefined)}
              />
            </label>
            <label>
              {t('settings.branding.locale')}
              <select value={locale ?? ''} onChange={(e) => setLocale((e.target.value || null) as Locale | null)}>
                <option value="">{t('settings.branding.followPage')}</option>
                <option value="en">English</option>
                <option value="zh-CN">简体中文</option>
              </select>
            </label>
            <button type="submit" className="primary" disabled={save.isPending}>
              {t('settings.branding.save')}
            </button>{' '}
            <button type="button" onClick={() => setBranding({})}>
              {t('settings.branding.reset')}
            </button>
            {save.isSuccess && <p role="status">{t('settings.branding.saved')}</p>}
            <ErrorText error={save.error} />
          </fieldset>
        </form>
        <Preview branding={branding} locale={locale} />
      </div>
    </section>
  );
}
