import type { RewardSpec } from '@flywheel/contracts/rewards';
import { resolveLocale } from '@flywheel/contracts/widget';
import { RemoteWidget } from '@flywheel/federation';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  DEMO_CUSTOMERS,
  displayName,
  type Invite,
  inviteFromUrl,
  planOf,
  signedInCustomer,
  signIn,
  signOut,
  signUp,
  subscribe,
  tokenProviderFor,
} from './demo-session.ts';
import './shell.css';

const PUBLISHABLE_KEY = 'pk_test_demo';
type Locale = 'en' | 'zh-CN';

const copy = {
  en: {
    product: 'Acme Analytics',
    nav: { dashboard: 'Dashboard', referrals: 'Refer friends', achievements: 'Achievements', plan: 'Success plan', community: 'Community' },
    signInTitle: 'Sign in to Acme Analytics',
    signInAs: 'Continue as',
    signOut: 'Sign out',
    welcome: 'Welcome back',
    kpis: ['Dashboards', 'Queries this week', 'Team members'],
    unavailable: 'This feature is not available right now.',
    loading: 'Loading…',
    language: 'Language',
    invited: 'A friend invited you to Acme Analytics',
    invitedBy: (name: string) => `${name} invited you to Acme Analytics`,
    youGet: (reward: string) => `You get ${reward} when you subscribe.`,
    paused: 'Invite rewards are paused right now. You can still create an account.',
    terms: 'Program terms',
    points: (n: string) => `${n} points`,
    coupon: 'a coupon code',
    name: 'Your name',
    email: 'Work email',
    createAccount: 'Create account',
    plan: 'Your plan',
    freePlan: 'Free',
    starterPlan: 'Starter',
    onEnterprise: 'You are on Enterprise. Thank you!',
    upgrade: 'Upgrade to Pro',
    onPro: 'You are on Pro. Thank you!',
  },
  'zh-CN': {
    product: 'Acme 数据分析',
    nav: { dashboard: '概览', referrals: '邀请好友', achievements: '成就', plan: '成功计划', community: '社区' },
    signInTitle: '登录 Acme 数据分析',
    signInAs: '以此身份继续',
    signOut: '退出登录',
    welcome: '欢迎回来',
    kpis: ['仪表盘', '本周查询', '团队成员'],
    unavailable: '此功能暂时不可用。',
    loading: '加载中…',
    language: '语言',
    invited: '你的好友邀请你加入 Acme 数据分析',
    invitedBy: (name: string) => `${name} 邀请你加入 Acme 数据分析`,
    youGet: (reward: string) => `订阅后你将获得${reward}。`,
    paused: '邀请奖励暂停中。你仍可以创建账户。',
    terms: '活动条款',
    points: (n: string) => `${n}\u00a0积分`,
    coupon: '一个优惠码',
    name: '你的名字',
    email: '工作邮箱',
    createAccount: '创建账户',
    plan: '你的套餐',
    freePlan: '免费版',
    starterPlan: '入门版',
    onEnterprise: '你已是企业版用户，谢谢！',
    upgrade: '升级到专业版',
    onPro: '你已是专业版用户，谢谢！',
  },
} as const;

type Page = keyof (typeof copy)['en']['nav'];
/** Where a real product would place each widget. */
const widgetFor: Partial<Record<Page, string>> = {
  referrals: 'referral-center',
  achievements: 'achievement-wall',
  plan: 'success-plan',
  community: 'ugc-showcase',
};

function usePage(): Page {
  const read = () => (location.hash.replace('#/', '') || 'dashboard') as Page;
  const [page, setPage] = useState(read);
  useEffect(() => {
    const onHash = () => setPage(read());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return page in copy.en.nav ? page : 'dashboard';
}

function Widget({ name, customer, locale }: { name: string; customer: string; locale: Locale }) {
  const getToken = useMemo(() => tokenProviderFor(customer), [customer]);
  const t = copy[locale];
  return (
    <RemoteWidget
      name={name}
      apiBase={location.origin}
      publishableKey={PUBLISHABLE_KEY}
      getToken={getToken}
      locale={locale}
      loading={<p className="shell-muted">{t.loading}</p>}
      fallback={
        <p className="shell-muted" data-testid={`fallback-${name}`}>
          {t.unavailable}
        </p>
      }
    />
  );
}

function Layout({
  customer,
  locale,
  setLocale,
  children,
}: {
  customer: string;
  locale: Locale;
  setLocale: (l: Locale) => void;
  children: ReactNode;
}) {
  const t = copy[locale];
  const page = usePage();
  return (
    <div className="shell">
      <header className="shell-header">
        <strong className="shell-logo">{t.product}</strong>
        <nav aria-label={t.product}>
          {(Object.keys(t.nav) as Page[]).map((key) => (
            <a key={key} href={`#/${key}`} aria-current={page === key ? 'page' : undefined}>
              {t.nav[key]}
            </a>
          ))}
        </nav>
        <label className="shell-locale">
          <span className="shell-visually-hidden">{t.language}</span>
          <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
            <option value="en">English</option>
            <option value="zh-CN">简体中文</option>
          </select>
        </label>
        <span className="shell-user">{displayName(customer)}</span>
        <button
          type="button"
          onClick={() => {
            signOut();
            location.reload();
          }}
        >
          {t.signOut}
        </button>
      </header>
      <main className="shell-main">{children}</main>
    </div>
  );
}

function Plan({ customer, locale }: { customer: string; locale: Locale }) {
  const t = copy[locale];
  const [plan, setPlan] = useState<string | null>(null);
  useEffect(() => {
    planOf(customer).then(
      (answer) => setPlan(answer.plan),
      () => setPlan('free'),
    );
  }, [customer]);
  const pro = plan === 'pro' || plan === 'enterprise';
  return (
    <section className="shell-kpi" aria-label={t.plan}>
      <span>{t.plan}</span>
      {plan === null ? (
        <span>{t.loading}</span>
      ) : pro ? (
        <strong role="status">{plan === 'enterprise' ? t.onEnterprise : t.onPro}</strong>
      ) : (
        <span>
          <strong>{plan === 'starter' ? t.starterPlan : t.freePlan}</strong>{' '}
          <button type="button" onClick={() => void subscribe(customer, 'pro').then(() => setPlan('pro'))}>
            {t.upgrade}
          </button>
        </span>
      )}
    </section>
  );
}

type InviteDetails = {
  referrer: string | null;
  friendReward: RewardSpec | null;
  paused: boolean;
  terms: Record<Locale, string> | null;
};

function rewardText(reward: RewardSpec, locale: Locale): string {
  const t = copy[locale];
  if (reward.type === 'points') return t.points(new Intl.NumberFormat(locale).format(reward.amount));
  if (reward.type === 'credit')
    return new Intl.NumberFormat(locale, { style: 'currency', currency: reward.currency }).format(reward.amount);
  if (reward.type === 'coupon') return t.coupon;
  return reward.label;
}

/** Who invited the visitor and what they get, asked of the BFF as the landing page of any product would. */
function useInvite(code: string) {
  const [details, setDetails] = useState<InviteDetails | null>(null);
  useEffect(() => {
    const input = encodeURIComponent(JSON.stringify({ code }));
    fetch(`/trpc/referral.invite?input=${input}`, { headers: { 'x-flywheel-key': PUBLISHABLE_KEY } })
      .then((res) => (res.ok ? res.json() : null))
      .then((body: { result: { data: InviteDetails } } | null) => setDetails(body?.result.data ?? null))
      .catch(() => setDetails(null));
  }, [code]);
  return details;
}

function SignUp({ invite, locale, onSignedUp }: { invite: Invite; locale: Locale; onSignedUp: (customer: string) => void }) {
  const t = copy[locale];
  const [error, setError] = useState<string | null>(null);
  const details = useInvite(invite.ref);
  return (
    <form
      className="shell-signup"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const name = String(form.get('name'));
        signUp(name, String(form.get('email')), invite).then(
          ({ customer }) => {
            signIn(customer, name);
            onSignedUp(customer);
          },
          (e: Error) => setError(e.message),
        );
      }}
    >
      <h1>{details?.referrer ? t.invitedBy(details.referrer) : t.invited}</h1>
      {details?.paused ? (
        <p className="shell-offer">{t.paused}</p>
      ) : (
        details?.friendReward && <p className="shell-offer">{t.youGet(rewardText(details.friendReward, locale))}</p>
      )}
      <label>
        {t.name} <input name="name" required autoComplete="name" />
      </label>
      <label>
        {t.email} <input name="email" type="email" required autoComplete="email" />
      </label>
      {error && <p role="alert">{error}</p>}
      <button type="submit">{t.createAccount}</button>
      {details?.terms && (
        <details>
          <summary>{t.terms}</summary>
          <p className="shell-terms">{details.terms[locale]}</p>
        </details>
      )}
    </form>
  );
}

function Dashboard({ customer, locale }: { customer: string; locale: Locale }) {
  const t = copy[locale];
  return (
    <>
      <h1>
        {t.welcome}, {displayName(customer)}
      </h1>
      <Plan customer={customer} locale={locale} />
      <section className="shell-kpis" aria-label="KPIs">
        {t.kpis.map((label, i) => (
          <div key={label} className="shell-kpi">
            <span>{label}</span>
            <strong>{[12, 348, 7][i]}</strong>
          </div>
        ))}
      </section>
      <Widget name="referral-center" customer={customer} locale={locale} />
    </>
  );
}

function App() {
  const [customer, setCustomer] = useState(signedInCustomer);
  // `?locale=`, else the browser's language: a friend arriving from a WeChat QR reads Chinese.
  const [locale, setLocale] = useState<Locale>(() =>
    resolveLocale(new URLSearchParams(location.search).get('locale') ?? navigator.language),
  );
  const page = usePage();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const t = copy[locale];

  if (!customer) {
    const invite = inviteFromUrl(location.search);
    // An invited friend signs up; only the demo's own sign-in page lists the demo customers.
    if (invite) {
      return (
        <main className="shell-signin">
          <SignUp invite={invite} locale={locale} onSignedUp={setCustomer} />
        </main>
      );
    }
    return (
      <main className="shell-signin">
        <h1>{t.signInTitle}</h1>
        <ul>
          {DEMO_CUSTOMERS.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                onClick={() => {
                  signIn(c.id);
                  setCustomer(c.id);
                }}
              >
                {t.signInAs} {c.name} <span className="shell-muted">({c.plan})</span>
              </button>
            </li>
          ))}
        </ul>
      </main>
    );
  }

  // #/widget/<name> renders any widget the registry knows, e.g. one just made with
  // `pnpm flywheel widget new`: no shell change needed to see it in place.
  const lab = /^#\/widget\/([a-z][a-z0-9-]*)$/.exec(location.hash)?.[1];
  if (lab) {
    return (
      <Layout customer={customer} locale={locale} setLocale={setLocale}>
        <h1>{lab}</h1>
        <Widget key={lab} name={lab} customer={customer} locale={locale} />
      </Layout>
    );
  }
  const widget = widgetFor[page];
  return (
    <Layout customer={customer} locale={locale} setLocale={setLocale}>
      {page === 'dashboard' ? (
        <Dashboard customer={customer} locale={locale} />
      ) : (
        <>
          <h1>{t.nav[page]}</h1>
          {widget && <Widget key={widget} name={widget} customer={customer} locale={locale} />}
        </>
      )}
    </Layout>
  );
}

const root = document.createElement('div');
root.id = 'root';
document.body.append(root);
createRoot(root).render(<App />);
