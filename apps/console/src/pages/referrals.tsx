import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Outputs, useTRPC } from '../api.ts';
import { ErrorText, Loading } from '../components.tsx';
import { formats } from '../format.ts';

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

export function ReferralsPage({ canReview }: { canReview: boolean }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const held = useQuery(trpc.console.referrals.held.queryOptions(undefined, { enabled: canReview }));
  const f = formats(i18n.language);
  return (
    <>
      <h1>{t('referrals.title')}</h1>
      <p className="muted">{t('referrals.intro')}</p>
      {!canReview ? (
        <p>{t('referrals.forbidden')}</p>
      ) : held.isPending ? (
        <Loading />
      ) : held.isError ? (
        <ErrorText error={held.error} />
      ) : held.data.length === 0 ? (
        <p>{t('referrals.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('referrals.referrer')}</th>
              <th scope="col">{t('referrals.friend')}</th>
              <th scope="col">{t('referrals.code')}</th>
              <th scope="col">{t('referrals.qualified')}</th>
              <th scope="col">{t('referrals.signals')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('referrals.approve')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {held.data.map((referral) => (
              <tr key={referral.id}>
                <td>{referral.referrer}</td>
                <td>{referral.friend}</td>
                <td>
                  <code>{referral.code}</code>
                </td>
                <td>{referral.qualifiedAt ? f.dateTime(String(referral.qualifiedAt)) : '—'}</td>
                <td>
                  <ul>
                    {referral.reasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                </td>
                <td>
                  <Review referral={referral} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
