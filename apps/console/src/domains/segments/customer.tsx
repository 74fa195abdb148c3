import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../api.ts';
import { ErrorText, Loading } from '../../components.tsx';
import { formats } from '../../format.ts';
import { hrefFor } from '../../routes.ts';
import { featureLabel } from './features.ts';

const FEATURES = [
  'login_freq',
  'feature_usage',
  'support_tickets',
  'recency_days',
  'frequency',
  'monetary',
  'referrals_sent',
  'streak',
  'accepted_ugc',
] as const;

/** One customer's tier with the R, F and M behind it, their bands and NPS group, and every feature. */
export function CustomerSegments({ customer }: { customer: string }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const result = useQuery(trpc.console.insights.customer.queryOptions({ customer }));
  const f = formats(i18n.language);
  if (result.isPending) return <Loading />;
  if (result.isError) return <ErrorText error={result.error} />;
  const { name, insight, segments, windows } = result.data;
  const feature = (key: (typeof FEATURES)[number]) => insight?.features[key] ?? null;
  const recency = feature('recency_days');
  return (
    <>
      <p>
        <a href={hrefFor('segments')}>{t('segments.customer.back')}</a>
      </p>
      <h1>{t('segments.customer.title', { name: name ?? customer })}</h1>
      {!insight ? (
        <p>{t('segments.customer.none')}</p>
      ) : (
        <>
          <h2>{t('segments.customer.tier', { tier: t(`segments.tiers.${insight.tier}`) })}</h2>
          <ul>
            <li>
              {recency === null
                ? t('segments.customer.recencyNever', { window: windows.monetaryDays })
                : t('segments.customer.recency', { score: insight.scores.recency, days: f.decimal(recency) })}
            </li>
            <li>
              {t('segments.customer.frequency', {
                score: insight.scores.frequency,
                days: f.integer(feature('frequency') ?? 0),
                window: windows.frequencyDays,
              })}
            </li>
            <li>
              {t('segments.customer.monetary', {
                score: insight.scores.monetary,
                amount: f.decimal(feature('monetary') ?? 0),
                window: windows.monetaryDays,
              })}
            </li>
            <li>
              {insight.valueBand && insight.valueProbability !== null
                ? t('segments.customer.value', {
                    band: t(`segments.bands.${insight.valueBand}`),
                    probability: f.percent(insight.valueProbability),
                  })
                : t('segments.customer.valueNone')}
            </li>
            {segments.healthBand && <li>{t('segments.customer.health', { band: t(`segments.bands.${segments.healthBand}`) })}</li>}
            {segments.npsGroup && <li>{t('segments.customer.nps', { group: t(`segments.groups.${segments.npsGroup}`) })}</li>}
          </ul>
          <table>
            <caption>{t('segments.customer.computed', { time: f.dateTime(insight.computedAt) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('segments.customer.feature')}</th>
                <th scope="col">{t('segments.customer.value2')}</th>
              </tr>
            </thead>
            <tbody>
              {FEATURES.map((key) => (
                <tr key={key}>
                  <th scope="row">{featureLabel(key, windows, t)}</th>
                  <td>{feature(key) === null ? '—' : f.decimal(feature(key) ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
