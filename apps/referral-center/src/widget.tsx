import { Button, Card, EmptyState, Skeleton } from '@flywheel/ui';
import { useFeatureValue, useQuery, useTRPC, useTranslation } from '@flywheel/widget-kit';

/**
 * The referral center. For now: who is signed in, and the sections the referral program fills
 * in (link and code, rewards, invited friends).
 */
export function ReferralCenter() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const me = useQuery(trpc.customer.me.queryOptions());
  // The headline/offer copy experiment (experiments/referral-center.headline.yaml).
  const headline = t(`referral.headline.${useFeatureValue('referral-center.headline', 'control') === 'give-get' ? 'give-get' : 'control'}`);

  if (me.isPending) {
    return (
      <Card title={headline}>
        <Skeleton label={t('kit.loading')} />
      </Card>
    );
  }
  if (me.isError) {
    return (
      <Card title={headline}>
        <p role="alert">{t('referral.error')}</p>
        <Button variant="secondary" onClick={() => void me.refetch()}>
          {t('kit.retry')}
        </Button>
      </Card>
    );
  }
  return (
    <Card title={headline}>
      <p>{t('referral.greeting', { name: me.data.name ?? me.data.id })}</p>
      <div className="fw-referral__sections">
        <section className="fw-referral__section">
          <h3>{t('referral.link.title')}</h3>
          <p className="fw-muted">{t('referral.link.soon')}</p>
        </section>
        <section className="fw-referral__section">
          <h3>{t('referral.rewards.title')}</h3>
          <EmptyState title={t('referral.rewards.empty')} />
        </section>
        <section className="fw-referral__section">
          <h3>{t('referral.friends.title')}</h3>
          <EmptyState title={t('referral.friends.empty')} />
        </section>
      </div>
    </Card>
  );
}
