import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Session, useTRPC } from '../../api.ts';
import { ErrorText, Loading } from '../../components.tsx';
import { formats } from '../../format.ts';
import { QueryTable } from '../../query-table.tsx';

function Adjust({ customer }: { customer: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  // One request id per adjustment: a double click or a retry adjusts once.
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const adjust = useMutation(
    trpc.console.points.adjust.mutationOptions({
      onSuccess: () => {
        setAmount('');
        setReason('');
        setRequestId(crypto.randomUUID());
        void queryClient.invalidateQueries({ queryKey: trpc.console.points.ledger.pathKey() });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    adjust.mutate({ customer, amount: Number(amount), reason, requestId });
  };
  return (
    <form onSubmit={submit}>
      <h3>{t('achievements.ledger.adjust')}</h3>
      <label>
        {t('achievements.ledger.adjustAmount')}
        <input type="number" required step={1} value={amount} onChange={(e) => setAmount(e.target.value)} />
      </label>
      <label>
        {t('achievements.ledger.adjustReason')}
        <input required minLength={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={adjust.isPending}>
        {t('achievements.ledger.adjustSave')}
      </button>
      <ErrorText error={adjust.error} />
    </form>
  );
}

/** One customer's points and every entry of their ledger, with who adjusted what and why. */
export function LedgerSection({ session, customer }: { session: Session; customer: string | undefined }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const [lookup, setLookup] = useState(customer ?? '');
  const [shown, setShown] = useState(customer);
  const ledger = useQuery(
    trpc.console.points.ledger.queryOptions({ customer: shown ?? '' }, { enabled: Boolean(shown) && session.can.adjustPoints }),
  );
  const f = formats(i18n.language);
  if (!session.can.adjustPoints) return <p>{t('achievements.ledger.forbidden')}</p>;
  return (
    <>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          setShown(lookup.trim());
        }}
      >
        <label>
          {t('achievements.ledger.lookup')}
          <input required value={lookup} onChange={(e) => setLookup(e.target.value)} />
        </label>
        <button type="submit">{t('achievements.ledger.find')}</button>
      </form>
      {shown &&
        (ledger.isPending ? (
          <Loading />
        ) : ledger.isError ? (
          <ErrorText error={ledger.error} />
        ) : (
          <>
            <h2>{ledger.data.customer.name ?? ledger.data.customer.id}</h2>
            <p>
              {t('achievements.ledger.balance', {
                available: f.integer(ledger.data.balance.available),
                pending: f.integer(ledger.data.balance.pending),
                held: f.integer(ledger.data.balance.held),
              })}
            </p>
            <QueryTable
              query={{ ...ledger, data: ledger.data.history.items }}
              caption={t('achievements.ledger.caption')}
              empty={t('achievements.ledger.empty')}
              rowKey={(entry) => entry.id}
              columns={[
                { header: t('achievements.ledger.when'), cell: (entry) => f.dateTime(entry.at) },
                { header: t('achievements.ledger.amount'), cell: (entry) => f.integer(entry.amount) },
                { header: t('achievements.ledger.kind'), cell: (entry) => `${entry.kind} · ${entry.bucket}` },
                { header: t('achievements.ledger.source'), cell: (entry) => entry.source },
                { header: t('achievements.ledger.reason'), cell: (entry) => entry.reason ?? '—' },
                { header: t('achievements.ledger.by'), cell: (entry) => entry.adjustedBy ?? '—' },
              ]}
            />
            <Adjust customer={shown} />
          </>
        ))}
    </>
  );
}
