import { CONSOLE_ROLES } from '@flywheel/contracts/console';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type Role, type Session, useTRPC } from '../../api.ts';
import { ErrorText } from '../../components.tsx';
import { QueryTable } from '../../query-table.tsx';

export function UsersPage({ session }: { session: Session }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canManage = session.can.manageUsers;
  const users = useQuery(trpc.console.users.list.queryOptions(undefined, { enabled: canManage }));
  const onSuccess = () => void queryClient.invalidateQueries({ queryKey: trpc.console.users.list.queryKey() });
  const add = useMutation(trpc.console.users.add.mutationOptions({ onSuccess }));
  const setRole = useMutation(trpc.console.users.setRole.mutationOptions({ onSuccess }));
  const remove = useMutation(trpc.console.users.remove.mutationOptions({ onSuccess }));
  if (!canManage) return <p>{t('users.forbidden')}</p>;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    add.mutate({ email: String(form.get('email')), name: String(form.get('name')), role: form.get('role') as Role });
  };
  return (
    <>
      <h1>{t('users.title')}</h1>
      <ErrorText error={setRole.error ?? remove.error} />
      <QueryTable
        query={users}
        caption={t('users.title')}
        empty={t('users.empty')}
        rowKey={(user) => user.id}
        columns={[
          { header: t('users.name'), cell: (user) => user.name },
          { header: t('users.email'), cell: (user) => user.email },
          {
            header: t('users.role'),
            cell: (user) => (
              <select
                aria-label={`${t('users.role')}: ${user.email}`}
                value={user.role}
                onChange={(e) => setRole.mutate({ userId: user.id, role: e.target.value as Role })}
              >
                {CONSOLE_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(`roles.${role}`)}
                  </option>
                ))}
              </select>
            ),
          },
          {
            header: t('users.remove'),
            hidden: true,
            cell: (user) =>
              user.email !== session.email && (
                <button type="button" onClick={() => remove.mutate({ userId: user.id })}>
                  {t('users.remove')} <span className="visually-hidden">{user.email}</span>
                </button>
              ),
          },
        ]}
      />
      <form className="inline" onSubmit={submit} aria-label={t('users.add')}>
        <label>
          {t('users.name')} <input name="name" required maxLength={120} />
        </label>
        <label>
          {t('users.email')} <input name="email" type="email" required />
        </label>
        <label>
          {t('users.role')}
          <select name="role" defaultValue="viewer">
            {CONSOLE_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={add.isPending}>
          {t('users.add')}
        </button>
      </form>
      <ErrorText error={add.error} />
      {add.data && <p role="status">{t('users.added', { email: add.data.user.email, password: add.data.temporaryPassword })}</p>}
    </>
  );
}
