import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Session, setCsrfToken, useTRPC } from './api.ts';
import { ErrorText, Loading } from './components.tsx';
import { consolePages } from './domains/index.ts';
import type { ConsoleLocale } from './i18n.ts';
import { hrefFor, type Route, useRoute } from './routes.ts';

/**
 * Email and password; when they open accounts in several tenants (one address may have an account
 * with each), a second step asks which, and signs in again for that one.
 */
function SignIn() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [credentials, setCredentials] = useState<{ email: string; password: string } | null>(null);
  const signIn = useMutation(
    trpc.console.auth.signIn.mutationOptions({
      onSuccess: (result) => {
        if (result.status === 'choose-tenant') return;
        setCsrfToken(result.csrfToken);
        void queryClient.invalidateQueries({ queryKey: trpc.console.auth.session.queryKey() });
      },
    }),
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const entered = { email: String(form.get('email')), password: String(form.get('password')) };
    setCredentials(entered);
    signIn.mutate(entered);
  };
  const choices = signIn.data?.status === 'choose-tenant' && credentials ? signIn.data.tenants : null;
  const chooseTenant = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (credentials) signIn.mutate({ ...credentials, tenantId: String(new FormData(event.currentTarget).get('tenant')) });
  };
  return (
    <main className="sign-in">
      <form onSubmit={choices ? chooseTenant : submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t(choices ? 'signIn.chooseTitle' : 'signIn.title')}</h1>
        {choices ? (
          <fieldset>
            <legend className="muted">{t('signIn.chooseIntro', { email: credentials?.email })}</legend>
            {choices.map((tenant, index) => (
              <label key={tenant.id} className="check">
                <input type="radio" name="tenant" value={tenant.id} defaultChecked={index === 0} /> {tenant.name}
              </label>
            ))}
          </fieldset>
        ) : (
          <>
            <label>
              {t('signIn.email')}
              <input name="email" type="email" autoComplete="username" required />
            </label>
            <label>
              {t('signIn.password')}
              <input name="password" type="password" autoComplete="current-password" required />
            </label>
          </>
        )}
        <ErrorText error={signIn.error} />
        <button type="submit" disabled={signIn.isPending}>
          {t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}

/** A new password: forced after a temporary one, and at #/password whenever the user wants. */
function ChangePassword({ forced }: { forced: boolean }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const change = useMutation(
    trpc.console.auth.changePassword.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.console.auth.session.queryKey() }),
    }),
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    change.mutate({ currentPassword: String(form.get('current')), newPassword: String(form.get('next')) });
  };
  const labels: Record<string, string> = { currentPassword: t('password.current'), newPassword: t('password.next') };
  return (
    <form onSubmit={submit} aria-labelledby="password-title">
      <h1 id="password-title">{t('password.title')}</h1>
      <p className="muted">{forced ? t('password.forced') : t('password.intro')}</p>
      <label>
        {t('password.current')}
        <input name="current" type="password" autoComplete="current-password" required />
      </label>
      <label>
        {t('password.next')}
        <input name="next" type="password" autoComplete="new-password" minLength={12} maxLength={200} required />
      </label>
      <ErrorText error={change.error} fields={(path) => labels[path]} />
      {change.isSuccess && <p role="status">{t('password.changed')}</p>}
      <button type="submit" disabled={change.isPending}>
        {t('password.submit')}
      </button>
    </form>
  );
}

function LocalePicker() {
  const { t, i18n } = useTranslation();
  return (
    <label className="locale">
      <span className="visually-hidden">{t('language')}</span>
      <select value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value as ConsoleLocale)}>
        <option value="en">English</option>
        <option value="zh-CN">简体中文</option>
      </select>
    </label>
  );
}

function Layout({ session, route, children }: { session: Session; route: Route; children: ReactNode }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const signOut = useMutation(trpc.console.auth.signOut.mutationOptions({ onSuccess: () => queryClient.clear() }));
  const nav = consolePages.filter((page) => !page.capability || session.can[page.capability]);
  const current = pageFor(route).route;
  return (
    <div className="console">
      <header>
        <strong className="logo">{t('product')}</strong>
        <nav aria-label={t('product')}>
          {nav.map((page) => (
            <a key={page.route} href={hrefFor(page.route)} aria-current={current === page.route ? 'page' : undefined}>
              {t(`${page.route}.nav`)}
            </a>
          ))}
        </nav>
        <LocalePicker />
        <span className="who">
          {session.name} · {t(`roles.${session.role}`)}
        </span>
        <a href="#/password" aria-current={route.page === 'password' ? 'page' : undefined}>
          {t('password.title')}
        </a>
        <button type="button" onClick={() => signOut.mutate()}>
          {t('signIn.signOut')}
        </button>
      </header>
      <main>{children}</main>
    </div>
  );
}

/** Every domain's routes that open without a session. */
const publicRoutes = new Map(consolePages.flatMap((page) => Object.entries(page.publicRoutes ?? {})));

/** The page a route names; unknown routes show the first (the home page). */
const pageFor = (route: Route) =>
  consolePages.find((page) => page.route === route.page) ?? (consolePages[0] as (typeof consolePages)[number]);

function Page({ route, session }: { route: Route; session: Session }) {
  const { Page: DomainPage } = pageFor(route);
  return <DomainPage session={session} path={route.page === pageFor(route).route ? route.path : []} />;
}

export function App() {
  const { t, i18n } = useTranslation();
  const trpc = useTRPC();
  const route = useRoute();
  const PublicPage = publicRoutes.get(route.page);
  const session = useQuery(
    trpc.console.auth.session.queryOptions(undefined, { retry: false, staleTime: Number.POSITIVE_INFINITY, enabled: !PublicPage }),
  );
  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);
  useEffect(() => {
    if (session.data) setCsrfToken(session.data.csrfToken);
  }, [session.data]);

  // A shared results link opens for anyone holding it, signed in or not.
  if (PublicPage)
    return (
      <div className="console">
        <header>
          <strong className="logo">{t('product')}</strong>
          <LocalePicker />
        </header>
        <main>
          <PublicPage path={route.path} />
        </main>
      </div>
    );
  if (session.isPending) return <Loading />;
  if (session.isError) {
    if (session.error instanceof TRPCClientError && session.error.data?.code === 'UNAUTHORIZED') return <SignIn />;
    return (
      <main className="sign-in">
        <ErrorText error={session.error} />
        <button type="button" onClick={() => void session.refetch()}>
          {i18n.t('retry')}
        </button>
      </main>
    );
  }
  // A temporary password opens nothing but the way to replace it (the server refuses the rest).
  if (session.data.mustChangePassword) {
    return (
      <main className="sign-in">
        <ChangePassword forced />
      </main>
    );
  }
  return (
    <Layout session={session.data} route={route}>
      {route.page === 'password' ? (
        <div className="sign-in">
          <ChangePassword forced={false} />
        </div>
      ) : (
        <Page route={route} session={session.data} />
      )}
    </Layout>
  );
}
