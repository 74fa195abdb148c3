import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Feature, useTRPC } from '../api.ts';
import { ErrorText, Loading } from '../components.tsx';
import { formats } from '../format.ts';
import { hrefFor } from '../routes.ts';

export function StatusBadge({ feature }: { feature: Feature }) {
  const { t } = useTranslation();
  const { status, releasedVariationId } = feature.state;
  const label = releasedVariationId ? t('status.released', { variation: releasedVariationId }) : t(`status.${status}`);
  return <span className={`badge badge-${releasedVariationId ? 'released' : status}`}>{label}</span>;
}

export function ExperimentsPage() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const list = useQuery(trpc.console.experiments.list.queryOptions());
  const f = formats(i18n.language);
  return (
    <>
      <h1>{t('experiments.title')}</h1>
      <p className="muted">{t('experiments.intro')}</p>
      {list.isPending && <Loading />}
      <ErrorText error={list.error} />
      {list.data?.length === 0 && <p>{t('experiments.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('experiments.feature')}</th>
              <th scope="col">{t('experiments.widget')}</th>
              <th scope="col">{t('experiments.status')}</th>
              <th scope="col">{t('experiments.days')}</th>
              <th scope="col">{t('experiments.units')}</th>
              <th scope="col">{t('experiments.health')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((feature) => (
              <tr key={feature.key}>
                <th scope="row">
                  <a href={hrefFor({ page: 'experiment', key: feature.key })}>{feature.key}</a>
                  <div className="muted small">{feature.experiment ? feature.description : t('experiments.flag')}</div>
                </th>
                <td>{feature.widget}</td>
                <td>
                  <StatusBadge feature={feature} />
                </td>
                <td>{feature.experiment?.daysRunning ?? '—'}</td>
                <td>{feature.experiment ? f.integer(feature.experiment.units.reduce((a, b) => a + b, 0)) : '—'}</td>
                <td>{feature.experiment?.daysRunning !== null && feature.experiment ? t(`health.${feature.experiment.health}`) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
