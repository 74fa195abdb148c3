import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Outputs, type Session, useTRPC } from '../../api.ts';
import { formats } from '../../format.ts';
import { QueryTable } from '../../query-table.tsx';
import { ReviewActions } from '../../review.tsx';
import { ProgramSettings } from './program.tsx';

type Held = Outputs['console']['referrals']['held'][number];

function Review({ referral }: { referral: Held }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const review = useMutation(
    trpc.console.referrals.review.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.console.referrals.held.queryKey() }),
    }),
  );
  return (
    <ReviewActions
      pending={review.isPending}
      error={review.error}
      labels={{ note: t('referrals.reason'), approve: t('referrals.approve'), reject: t('referrals.reject') }}
      onDecide={(decision, { note }) => review.mutate({ referralId: referral.id, decision, reason: note })}
    />
  );
}

export function ReferralsPage({ session }: { session: Session }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const canReview = session.can.reviewReferrals;
  const held = useQuery(trpc.console.referrals.held.queryOptions(undefined, { enabled: canReview }));
  const f = formats(i18n.language);
  return (
    <>
      <h1>{t('referrals.title')}</h1>
      <ProgramSettings canEdit={session.can.editReferralProgram} />
      <h2>{t('referrals.review')}</h2>
      <p className="muted">{t('referrals.intro')}</p>
      {!canReview ? (
        <p>{t('referrals.forbidden')}</p>
      ) : (
        <QueryTable
          query={held}
          caption={t('referrals.review')}
          empty={t('referrals.empty')}
          rowKey={(referral) => referral.id}
          columns={[
            { header: t('referrals.referrer'), cell: (referral) => referral.referrer },
            { header: t('referrals.friend'), cell: (referral) => referral.friend },
            { header: t('referrals.code'), cell: (referral) => <code>{referral.code}</code> },
            {
              header: t('referrals.qualified'),
              cell: (referral) => (referral.qualifiedAt ? f.dateTime(String(referral.qualifiedAt)) : '—'),
            },
            {
              header: t('referrals.signals'),
              cell: (referral) => (
                <ul>
                  {referral.reasons.map((reason) => (
                    <li key={reason}>{reason}</li>
                  ))}
                </ul>
              ),
            },
            { header: t('referrals.approve'), hidden: true, cell: (referral) => <Review referral={referral} /> },
          ]}
        />
      )}
    </>
  );
}
