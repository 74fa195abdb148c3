import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Outputs, type Session, useTRPC } from '../../api.ts';
import { ErrorText } from '../../components.tsx';
import { formats } from '../../format.ts';
import { QueryTable } from '../../query-table.tsx';

type Held = Outputs['console']['referrals']['held'][number];

function Review({ referral }: { referral: Held }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const review = useMutation(
    trpc.console.referrals.review.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.console.referrals.held.queryKey() }),
    }),
  );
  const decide = (decision: 'approve' | 'reject') => review.mutate({ referralId: referral.id, decision, reason });
  return (
    <div className="review">
      <label>
        {t('referrals.reason')}
        <input value={reason} onChange={(e) => setReason(e.target.value)} minLength={3} maxLength={500} />
      </label>
      <button type="button" className="primary" disabled={review.isPending} onClick={() => decide('approve')}>
        {t('referrals.approve')}
      </button>
      <button type="button" disabled={review.isPending} onClick={() => decide('reject')}>
        {t('referrals.reject')}
      </button>
      <ErrorText error={review.error} />
    </div>
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
      <p className="muted">{t('referrals.intro')}</p>
      {!canReview ? (
        <p>{t('referrals.forbidden')}</p>
      ) : (
        <QueryTable
          query={held}
          caption={t('referrals.title')}
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
