import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Feature, useTRPC } from '../../api.ts';
import { formats } from '../../format.ts';
import { QueryTable } from '../../query-table.tsx';
import { hrefFor } from '../../routes.ts';
import { featureName, servingLabel } from './names.ts';

/** What the feature serves right now, as a badge coloured by its state. */
export function StatusBadge({ feature }: { feature: Feature }) {
  const { t } = useTranslation();
  const { status, releasedVariationId } = feature.state;
  const kind = status === 'running' ? 'running' : releasedVariationId ? 'released' : feature.experiment ? status : 'released';
  return <span className={`badge badge-${kind}`}>{servingLabel(feature, t)}</span>;
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
      <QueryTable
        query={list}
        caption={t('experiments.title')}
        empty={t('experiments.empty')}
        rowKey={(feature) => feature.key}
        columns={[
          {
            header: t('experiments.feature'),
            rowHeader: true,
            cell: (feature) => (
              <>
                <a href={hrefFor('experiments', feature.key)}>{featureName(feature.key, t)}</a>
                <div className="muted small">
                  <code>{feature.key}</code> · {feature.experiment ? feature.description : t('experiments.flag')}
                </div>
              </>
            ),
          },
          { header: t('experiments.widget'), cell: (feature) => feature.widget },
          { header: t('experiments.status'), cell: (feature) => <StatusBadge feature={feature} /> },
          { header: t('experiments.days'), cell: (feature) => feature.experiment?.daysRunning ?? '—' },
          {
            header: t('experiments.units'),
            cell: (feature) => (feature.experiment ? f.integer(feature.experiment.units.reduce((a, b) => a + b, 0)) : '—'),
          },
          {
            header: t('experiments.health'),
            cell: (feature) =>
              feature.experiment?.daysRunning !== null && feature.experiment ? t(`health.${feature.experiment.health}`) : '—',
          },
        ]}
      />
    </>
  );
}
