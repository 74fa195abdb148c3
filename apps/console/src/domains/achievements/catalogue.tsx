import type { CatalogueItemInput } from '@flywheel/contracts/achievements';
import { inLocale, resolveLocale } from '@flywheel/contracts/widget';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Session, useTRPC } from '../../api.ts';
import { ErrorText } from '../../components.tsx';
import { formats } from '../../format.ts';
import { QueryTable } from '../../query-table.tsx';

type Kind = CatalogueItemInput['fulfilment']['type'];

function NewItem() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('coupon');
  const [form, setForm] = useState({
    nameEn: '',
    descriptionEn: '',
    nameZh: '',
    descriptionZh: '',
    price: 100,
    stock: '',
    limit: '',
    minLevel: 0,
    pool: '',
    url: '',
    label: '',
  });
  const create = useMutation(
    trpc.console.achievements.createItem.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.console.achievements.catalogue.queryKey() }),
    }),
  );
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fulfilment =
      kind === 'coupon'
        ? {
            type: kind,
            pool: form.pool
              .split('\n')
              .map((code) => code.trim())
              .filter(Boolean),
          }
        : kind === 'webhook'
          ? { type: kind, url: form.url, label: form.label }
          : { type: kind };
    create.mutate({
      texts: {
        en: { name: form.nameEn, description: form.descriptionEn },
        ...(form.nameZh ? { 'zh-CN': { name: form.nameZh, description: form.descriptionZh || form.nameZh } } : {}),
      },
      price: Number(form.price),
      fulfilment,
      stock: form.stock === '' ? null : Number(form.stock),
      perCustomerLimit: form.limit === '' ? null : Number(form.limit),
      minLevel: Number(form.minLevel),
    });
  };
  return (
    <form onSubmit={submit}>
      <h2>{t('achievements.catalogue.create')}</h2>
      <fieldset>
        <label>
          {t('achievements.catalogue.nameEn')}
          <input required maxLength={80} {...field('nameEn')} />
        </label>
        <label>
          {t('achievements.catalogue.descriptionEn')}
          <input required maxLength={300} {...field('descriptionEn')} />
        </label>
        <label>
          {t('achievements.catalogue.nameZh')}
          <input maxLength={80} {...field('nameZh')} />
        </label>
        <label>
          {t('achievements.catalogue.descriptionZh')}
          <input maxLength={300} {...field('descriptionZh')} />
        </label>
        <label>
          {t('achievements.catalogue.price')}
          <input type="number" required min={1} {...field('price')} />
        </label>
        <label>
          {t('achievements.catalogue.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {(['coupon', 'webhook', 'freeze'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`achievements.catalogue.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {kind === 'coupon' ? (
          <label>
            {t('achievements.catalogue.pool')}
            <textarea required rows={4} {...field('pool')} />
          </label>
        ) : (
          <label>
            {t('achievements.catalogue.stock')}
            <input type="number" min={0} placeholder={t('achievements.catalogue.unlimited')} {...field('stock')} />
          </label>
        )}
        {kind === 'webhook' && (
          <>
            <label>
              {t('achievements.catalogue.url')}
              <input type="url" required {...field('url')} />
            </label>
            <label>
              {t('achievements.catalogue.label')}
              <input required maxLength={120} {...field('label')} />
            </label>
          </>
        )}
        <label>
          {t('achievements.catalogue.limit')}
          <input type="number" min={1} placeholder={t('achievements.catalogue.unlimited')} {...field('limit')} />
        </label>
        <label>
          {t('achievements.catalogue.minLevel')}
          <input type="number" min={0} {...field('minLevel')} />
        </label>
      </fieldset>
      <button type="submit" className="primary" disabled={create.isPending}>
        {t('achievements.catalogue.save')}
      </button>
      <ErrorText error={create.error} />
    </form>
  );
}

/** The points bank: its rewards and stock, and the fulfilment log where support cancels a stuck redemption. */
export function CatalogueSection({ session }: { session: Session }) {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const items = useQuery(trpc.console.achievements.catalogue.queryOptions());
  const log = useQuery(trpc.console.achievements.fulfilment.queryOptions());
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.console.achievements.catalogue.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.console.achievements.fulfilment.queryKey() });
  };
  const retire = useMutation(trpc.console.achievements.retireItem.mutationOptions({ onSuccess: refresh }));
  const cancel = useMutation(trpc.console.achievements.cancelRedemption.mutationOptions({ onSuccess: refresh }));
  const f = formats(i18n.language);
  return (
    <>
      <ErrorText error={retire.error ?? cancel.error} />
      <QueryTable
        query={items}
        caption={t('achievements.catalogue.caption')}
        empty={t('achievements.catalogue.empty')}
        rowKey={(item) => item.id}
        columns={[
          {
            header: t('achievements.catalogue.name'),
            rowHeader: true,
            cell: (item) => inLocale(item.texts, resolveLocale(i18n.language)).name,
          },
          { header: t('achievements.catalogue.price'), cell: (item) => f.integer(item.price) },
          { header: t('achievements.catalogue.kind'), cell: (item) => t(`achievements.catalogue.kinds.${item.fulfilment.type}`) },
          {
            header: t('achievements.catalogue.stock'),
            cell: (item) => (item.stock === null ? t('achievements.catalogue.unlimited') : f.integer(item.stock)),
          },
          { header: t('achievements.catalogue.limit'), cell: (item) => item.perCustomerLimit ?? t('achievements.catalogue.unlimited') },
          { header: t('achievements.catalogue.minLevel'), cell: (item) => item.minLevel },
          { header: t('achievements.badges.status'), cell: (item) => t(`achievements.badges.${item.status}`) },
          {
            header: t('achievements.catalogue.retire'),
            hidden: true,
            cell: (item) =>
              session.can.manageAchievements &&
              item.status === 'active' && (
                <button type="button" disabled={retire.isPending} onClick={() => retire.mutate({ id: item.id })}>
                  {t('achievements.catalogue.retire')}
                </button>
              ),
          },
        ]}
      />
      {session.can.manageAchievements && <NewItem />}
      <h2>{t('achievements.catalogue.log')}</h2>
      <QueryTable
        query={log}
        caption={t('achievements.catalogue.log')}
        empty={t('achievements.catalogue.logEmpty')}
        rowKey={(r) => r.id}
        columns={[
          { header: t('achievements.catalogue.when'), cell: (r) => f.dateTime(r.createdAt) },
          { header: t('achievements.catalogue.customer'), cell: (r) => r.customer },
          { header: t('achievements.catalogue.name'), cell: (r) => r.item },
          { header: t('achievements.catalogue.price'), cell: (r) => f.integer(r.price) },
          {
            header: t('achievements.catalogue.state'),
            cell: (r) => (
              <>
                {t(`achievements.catalogue.states.${r.status}`)}
                {r.code && <code> {r.code}</code>}
                {r.failure && r.status === 'failed' && <span className="muted"> · {r.failure}</span>}
              </>
            ),
          },
          {
            header: t('achievements.catalogue.cancel'),
            hidden: true,
            cell: (r) =>
              session.can.cancelRedemptions &&
              r.status === 'pending' && (
                <button type="button" disabled={cancel.isPending} onClick={() => cancel.mutate({ id: r.id })}>
                  {t('achievements.catalogue.cancel')}
                </button>
              ),
          },
        ]}
      />
    </>
  );
}
