import { REFERRAL_CHANNELS } from '@flywheel/contracts/event-catalogue';
import { REFERRAL_STATUSES } from '@flywheel/contracts/referral';
import type { RewardSpec } from '@flywheel/contracts/rewards';
import { formatReward } from '@flywheel/widget-kit';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Inputs, type Outputs, useTRPC } from '../../api.ts';
import { ErrorText } from '../../components.tsx';
import { formats } from '../../format.ts';
import { type Column, QueryTable } from '../../query-table.tsx';
import { ReviewActions } from '../../review.tsx';

type Referral = Outputs['console']['referrals']['list']['items'][number];
type Filter = Omit<Inputs['console']['referrals']['exportCsv'], 'view'>;
export type View = 'all' | 'held' | 'decided';
const PAGE = 50;

/** A reward in the reader's language, through the widgets' own formatter (its `kit.reward.*` keys live under `referrals.`). */
function useRewardText() {
  const { t, i18n } = useTranslation();
  return (spec: RewardSpec) =>
    formatReward(spec, i18n.language, (key: string, values?: Record<string, unknown>) =>
      t(`referrals.${key.slice('kit.'.length)}`, values),
    );
}

/** Who, by name and email, with their own id for the support ticket. */
function Person({ person }: { person: Referral['referrer'] }) {
  return (
    <>
      <strong>{person.name ?? person.id}</strong>
      {person.email && <div className="muted">{person.email}</div>}
      {person.name && <div className="muted">{person.id}</div>}
    </>
  );
}

/** A filter: one of `values`, or any (undefined). */
function AnyOf<V extends string>({
  label,
  values,
  value,
  name,
  onChange,
}: {
  label: string;
  values: readonly V[];
  value: V | undefined;
  name: (value: V) => string;
  onChange: (value: V | undefined) => void;
}) {
  const { t } = useTranslation();
  return (
    <label>
      {label}
      <select value={value ?? ''} onChange={(e) => onChange(values.find((v) => v === e.target.value))}>
        <option value="">{t('referrals.list.any')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {name(v)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Downloads the filtered list as CSV, built on the server (it holds more rows than a page). */
function ExportButton({ view, filter }: { view: View; filter: Filter }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            const { csv } = await queryClient.fetchQuery(
              trpc.console.referrals.exportCsv.queryOptions({ view, ...filter }, { staleTime: 0 }),
            );
            const link = document.createElement('a');
            link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
            link.download = `referrals-${view}-${new Date().toISOString().slice(0, 10)}.csv`;
            link.click();
            URL.revokeObjectURL(link.href);
          } catch (failure) {
            setError(failure);
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('referrals.list.export')}
      </button>
      <ErrorText error={error} />
    </>
  );
}

/**
 * Referrals as marketers and moderators look for them: searched by name, email or code,
 * filtered by status and channel, paged, exported. In the review views each row has the people,
 * the referrer's record and the amounts at stake, and held ones can be decided several at once.
 */
export function ReferralList({ view, canReview }: { view: View; canReview: boolean }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const f = formats(i18n.language);
  const rewardText = useRewardText();
  const [filter, setFilter] = useState<Filter>({});
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const list = useInfiniteQuery(
    trpc.console.referrals.list.infiniteQueryOptions(
      { view, ...filter, limit: PAGE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, staleTime: 0 },
    ),
  );
  const review = useMutation(
    trpc.console.referrals.review.mutationOptions({
      onSuccess: () => {
        setSelected(new Set());
        void queryClient.invalidateQueries({ queryKey: trpc.console.referrals.list.pathKey() });
      },
    }),
  );
  const rows = list.data?.pages.flatMap((page) => page.items);
  const deciding = view === 'held' && canReview;
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const rewardCell = (referral: Referral) => {
    const sides = (['referrer', 'friend'] as const).flatMap((side) => {
      const reward = referral.rewards[side];
      return reward
        ? [t(`referrals.list.rewardOf.${side}`, { reward: rewardText(reward.spec), state: t(`referrals.grant.${reward.status}`) })]
        : [];
    });
    return sides.length ? sides.map((line) => <div key={line}>{line}</div>) : '—';
  };
  const columns: Column<Referral>[] = [
    ...(deciding
      ? [
          {
            header: t('referrals.list.select'),
            hidden: true,
            cell: (referral: Referral) => (
              <input
                type="checkbox"
                aria-label={t('referrals.list.selectOne', { friend: referral.friend.name ?? referral.friend.id })}
                checked={selected.has(referral.id)}
                onChange={() => toggle(referral.id)}
              />
            ),
          },
        ]
      : []),
    { header: t('referrals.list.signedUp'), cell: (referral) => f.dateTime(referral.signedUpAt) },
    {
      header: t('referrals.referrer'),
      cell: (referral) => (
        <>
          <Person person={referral.referrer} />
          <div className="muted">{t('referrals.list.history', referral.referrerHistory)}</div>
        </>
      ),
    },
    { header: t('referrals.friend'), rowHeader: true, cell: (referral) => <Person person={referral.friend} /> },
    {
      header: t('referrals.list.channel'),
      cell: (referral) => (referral.channel ? t(`referrals.channels.${referral.channel}`, { defaultValue: referral.channel }) : '—'),
    },
    { header: t('referrals.list.status'), cell: (referral) => t(`referrals.statuses.${referral.status}`) },
    { header: t('referrals.list.rewards'), cell: rewardCell },
    {
      header: t('referrals.signals'),
      cell: (referral) =>
        referral.signals.length === 0 ? (
          '—'
        ) : (
          <ul>
            {referral.signals.map((signal) => (
              <li key={signal.code}>{t(`referrals.signal.${signal.code}`, signal.params)}</li>
            ))}
          </ul>
        ),
    },
    ...(view === 'held'
      ? []
      : [
          {
            header: t('referrals.list.decision'),
            cell: (referral: Referral) =>
              referral.decision
                ? t('referrals.list.decidedBy', {
                    who: referral.decision.by ?? t('referrals.program.someone'),
                    when: f.dateTime(referral.decision.at),
                    note: referral.decision.note ?? '',
                  })
                : '—',
          },
        ]),
  ];

  return (
    <>
      <search className="toolbar">
        <label>
          {t('referrals.list.search')}
          <input
            type="search"
            maxLength={200}
            value={filter.search ?? ''}
            onChange={(e) => setFilter({ ...filter, search: e.target.value || undefined })}
          />
        </label>
        {view === 'all' && (
          <AnyOf
            label={t('referrals.list.status')}
            values={REFERRAL_STATUSES}
            value={filter.status}
            name={(status) => t(`referrals.statuses.${status}`)}
            onChange={(status) => setFilter({ ...filter, status })}
          />
        )}
        <AnyOf
          label={t('referrals.list.channel')}
          values={REFERRAL_CHANNELS}
          value={filter.channel}
          name={(channel) => t(`referrals.channels.${channel}`)}
          onChange={(channel) => setFilter({ ...filter, channel })}
        />
        <ExportButton view={view} filter={filter} />
      </search>
      {deciding && selected.size > 0 && (
        <section aria-label={t('referrals.list.bulk', { count: selected.size })} className="toolbar">
          <p>{t('referrals.list.bulk', { count: selected.size })}</p>
          <ReviewActions
            pending={review.isPending}
            error={review.error}
            labels={{ note: t('referrals.reason'), approve: t('referrals.approve'), reject: t('referrals.reject') }}
            onDecide={(decision, { note }) => review.mutate({ referralIds: [...selected], decision, reason: note })}
          />
        </section>
      )}
      <QueryTable
        query={{ isPending: list.isPending, error: list.error, data: rows, refetch: list.refetch }}
        caption={t(`referrals.views.${view}`)}
        empty={t(`referrals.list.empty.${view}`)}
        rowKey={(referral) => referral.id}
        columns={columns}
      />
      {list.hasNextPage && (
        <button type="button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t('referrals.list.more')}
        </button>
      )}
    </>
  );
}
