import { DAILY_EMAIL_INVITES } from '@flywheel/contracts/referral';
import { inLocale } from '@flywheel/contracts/widget';
import { Button, Card, EmptyState, Input, List, Progress, useToast } from '@flywheel/ui';
import {
  formatReward,
  QueryState,
  type RouterOutputs,
  useFeatureValue,
  useLocale,
  useMutation,
  useQuery,
  useTRPC,
  useTrack,
  type WidgetProps,
} from '@flywheel/widget-kit';
import { useState } from 'react';
import { useT } from './messages.ts';

type Summary = RouterOutputs['referral']['summary'];
/** Where people share, by language: X, LinkedIn and WhatsApp are out of reach in mainland China, where WeChat (by QR), Weibo and QQ are not. */
const CHANNELS = { en: ['email', 'x', 'linkedin', 'whatsapp'], 'zh-CN': ['email', 'weibo', 'qq'] } as const;
type LinkChannel = (typeof CHANNELS)[keyof typeof CHANNELS][number];
type Channel = LinkChannel | 'copy' | 'share' | 'qr' | 'wechat';

function shareUrl(channel: LinkChannel, link: string, subject: string, message: string) {
  const text = encodeURIComponent(`${message} ${link}`);
  switch (channel) {
    case 'weibo':
      return `https://service.weibo.com/share/share.php?url=${encodeURIComponent(link)}&title=${encodeURIComponent(message)}`;
    case 'qq':
      return `https://connect.qq.com/widget/shareqq/index.html?url=${encodeURIComponent(link)}&title=${encodeURIComponent(subject)}&summary=${encodeURIComponent(message)}`;
    case 'email':
      return `mailto:?subject=${encodeURIComponent(subject)}&body=${text}`;
    case 'x':
      return `https://twitter.com/intent/tweet?text=${text}`;
    case 'linkedin':
      return `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(link)}`;
    case 'whatsapp':
      return `https://wa.me/?text=${text}`;
  }
}

/** Why an email invite was refused, in the customer's words (the server's code, not its English). */
function inviteRefusal(t: ReturnType<typeof useT>, error: unknown) {
  const { code, httpStatus, reason } = (error as { data?: { code?: string; httpStatus?: number; reason?: string } } | null)?.data ?? {};
  if (reason === 'own_address') return t('referral.email.own');
  if (code === 'CONFLICT') return t('referral.email.again');
  if (code === 'TOO_MANY_REQUESTS') return t('referral.email.limit', { count: DAILY_EMAIL_INVITES });
  if (code === 'PRECONDITION_FAILED') return t('referral.paused');
  if (code === 'BAD_REQUEST') return t('referral.email.invalid');
  return httpStatus ? t('referral.email.failed') : t('referral.email.offline');
}

/** A friend's address typed in: Flywheel (or the company) sends them the link; a toast and the field say how it went. */
function EmailInvite() {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const [email, setEmail] = useState('');
  const invite = useMutation(trpc.referral.inviteByEmail.mutationOptions({ onSuccess: () => setEmail('') }));
  return (
    <form
      className="fw-referral__email"
      onSubmit={(event) => {
        event.preventDefault();
        invite.mutate({ email, locale });
      }}
    >
      <Input
        label={t('referral.email.label')}
        type="email"
        autoComplete="off"
        required
        maxLength={254}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={invite.isError ? inviteRefusal(t, invite.error) : undefined}
        hint={invite.isSuccess ? t('referral.email.sent', { email: invite.data.invited }) : undefined}
      />
      <Button type="submit" variant="secondary" disabled={invite.isPending}>
        {t('referral.email.send')}
      </Button>
    </form>
  );
}

/** What both sides get, the link with its code, and every way to share it. */
function Invite({ summary, apiBase }: { summary: Summary; apiBase: string }) {
  const t = useT();
  const locale = useLocale();
  const track = useTrack();
  const toast = useToast();
  const [qr, setQr] = useState(false);
  // Feedback where the customer looks: on the button itself (the toast says it to screen readers).
  const [copied, setCopied] = useState(false);
  const canShare = typeof navigator !== 'undefined' && typeof navigator.share === 'function';
  const link = `${apiBase}${summary.linkPath}`;
  const withChannel = (channel: Channel) => `${link}?via=${channel}`;
  const money = (reward: Summary['referrerReward']) => formatReward(reward, locale, t);
  const shared = (channel: Channel) => track('referral_invite_sent', { channel });

  return (
    <>
      <p>{t('referral.offer', { friend: money(summary.friendReward), referrer: money(summary.referrerReward) })}</p>
      <section aria-labelledby="fw-referral-link">
        <h3 id="fw-referral-link">{t('referral.link.title')}</h3>
        <div className="fw-referral__link">
          {/* On a narrow screen the address gives way in the middle: the code at its end stays in view. */}
          <p className="fw-referral__url">
            <span className="fw-visually-hidden">{t('referral.link.label')}: </span>
            <span className="fw-referral__url-start">{link.slice(0, -summary.code.length)}</span>
            <span className="fw-referral__url-code">{summary.code}</span>
          </p>
          <Button
            onClick={() => {
              void navigator.clipboard?.writeText(withChannel('copy'));
              toast.show(t('referral.copied'));
              setCopied(true);
              setTimeout(() => setCopied(false), 2000);
              track('referral_link_copied');
              shared('copy');
            }}
          >
            {copied ? t('referral.copiedShort') : t('referral.copy')}
          </Button>
        </div>
        <p className="fw-muted">{t('referral.link.code', { code: summary.code })}</p>
      </section>
      <section aria-labelledby="fw-referral-share">
        <h3 id="fw-referral-share">{t('referral.share.title')}</h3>
        <div className="fw-referral__share">
          {canShare && (
            <Button
              variant="secondary"
              onClick={() => {
                // The device's own share sheet (phones): the customer's apps, whatever they are.
                void navigator
                  .share({ title: t('referral.share.subject'), text: t('referral.share.message'), url: withChannel('share') })
                  .then(() => shared('share'))
                  .catch(() => {});
              }}
            >
              {t('referral.share.native')}
            </Button>
          )}
          {CHANNELS[locale].map((channel) => (
            <a
              key={channel}
              href={shareUrl(channel, withChannel(channel), t('referral.share.subject'), t('referral.share.message'))}
              target="_blank"
              rel="noopener noreferrer"
              onClick={() => shared(channel)}
            >
              {t(`referral.share.${channel}`)}
              <span className="fw-visually-hidden"> {t('referral.share.newTab')}</span>
            </a>
          ))}
          <Button
            variant="secondary"
            aria-expanded={qr}
            onClick={() => {
              setQr(!qr);
              if (!qr) shared(locale === 'zh-CN' ? 'wechat' : 'qr');
            }}
          >
            {t('referral.share.qr')}
          </Button>
        </div>
        <EmailInvite />
        {qr && (
          <img
            className="fw-referral__qr"
            src={`${link}/qr.png?via=${locale === 'zh-CN' ? 'wechat' : 'qr'}`}
            alt={t('referral.share.qrAlt')}
            width={168}
            height={168}
          />
        )}
      </section>
    </>
  );
}

function ReferralBody({ summary, apiBase }: { summary: Summary; apiBase: string }) {
  const t = useT();
  const locale = useLocale();
  const money = (reward: Summary['referrerReward']) => formatReward(reward, locale, t);
  const { next, qualified } = summary.milestones;
  const invited = summary.friends.length > 0;

  return (
    <div className="fw-referral__sections">
      {/* A paused program takes no new invites: the link is not offered while it would earn nothing. */}
      {summary.paused ? <p className="fw-referral__paused">{t('referral.paused')}</p> : <Invite summary={summary} apiBase={apiBase} />}
      <section aria-labelledby="fw-referral-progress">
        <h3 id="fw-referral-progress">{t('referral.rewards.title')}</h3>
        {next ? (
          <Progress
            max={next.friends}
            value={qualified}
            label={t('referral.milestone', { count: qualified, target: next.friends, reward: money(next.reward) })}
          />
        ) : (
          <p>{t('referral.milestone.done', { count: qualified })}</p>
        )}
        {summary.rewards.items.length === 0 ? (
          <EmptyState title={t('referral.rewards.empty')} />
        ) : (
          <RewardTable rewards={summary.rewards} money={money} />
        )}
        {invited && <p className="fw-muted">{t('referral.hold', { hours: summary.holdHours })}</p>}
      </section>
      <section aria-labelledby="fw-referral-friends">
        <h3 id="fw-referral-friends">{t('referral.friends.title')}</h3>
        {summary.friends.length === 0 ? (
          <EmptyState title={t('referral.friends.empty')} />
        ) : (
          <List
            label={t('referral.friends.title')}
            items={summary.friends}
            render={(friend) => ({
              key: friend.id,
              content: (
                <>
                  <span>{friend.name ?? friend.email ?? t('referral.friend.anonymous')}</span>
                  <span className="fw-referral__status">{t(`referral.status.${friend.status}`)}</span>
                </>
              ),
            })}
          />
        )}
      </section>
      {summary.terms && (
        <details className="fw-referral__terms">
          <summary>{t('referral.terms')}</summary>
          <p>{summary.terms[locale]}</p>
        </details>
      )}
    </div>
  );
}

type Rewards = Summary['rewards'];

/** Totals per unit, then each reward: when, what for, how much, and where it stands. */
/** The newest rewards the table shows at first; the rest, the customer's whole history, one click away. */
const FIRST_REWARDS = 5;

/** Points land in the balance the achievement wall shows and spends: where the page has the wall, a way to it. */
function PointsBalanceNote() {
  const t = useT();
  const wallOn = useFeatureValue('achievement-wall.enabled', false);
  if (!wallOn) return null;
  const wall =
    typeof document === 'undefined'
      ? null
      : document.querySelector<HTMLElement>('[data-fw-widget="achievement-wall"], flywheel-widget[name="achievement-wall"]');
  return (
    <p className="fw-muted">
      {t('referral.rewards.pointsBalance')}{' '}
      {wall && (
        <Button
          variant="secondary"
          onClick={() => {
            wall.scrollIntoView({ behavior: 'smooth', block: 'start' });
            // Keyboard and screen-reader users land on the wall too, not only the eyes.
            if (!wall.hasAttribute('tabindex')) wall.setAttribute('tabindex', '-1');
            wall.focus({ preventScroll: true });
          }}
        >
          {t('referral.rewards.showBalance')}
        </Button>
      )}
    </p>
  );
}

function RewardTable({ rewards, money }: { rewards: Rewards; money: (reward: Rewards['items'][number]['spec']) => string }) {
  const t = useT();
  const locale = useLocale();
  const [everything, setEverything] = useState(false);
  const shown = everything ? rewards.items : rewards.items.slice(0, FIRST_REWARDS);
  const hasPoints = rewards.items.some((item) => item.spec.type === 'points');
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const sum = (specs: Rewards['totals']['earned']) => (specs.length === 0 ? '—' : specs.map(money).join(' · '));
  const forWhat = (item: Rewards['items'][number]) =>
    item.for.kind === 'milestone'
      ? t('referral.rewards.forMilestone', { count: item.for.friends })
      : item.for.kind === 'invitedBy'
        ? item.for.name
          ? t('referral.rewards.invitedBy', { name: item.for.name })
          : t('referral.rewards.invitedByFriend')
        : (item.for.name ?? t('referral.rewards.aFriend'));
  const state = (item: Rewards['items'][number]) =>
    item.status === 'pending'
      ? item.approvesAt
        ? t('referral.rewards.pendingUntil', { date: date.format(new Date(item.approvesAt)) })
        : t('referral.rewards.state.pending')
      : t(`referral.rewards.state.${item.status}`);
  return (
    <>
      <dl className="fw-referral__totals">
        <dt>{t('referral.rewards.earned')}</dt>
        <dd data-testid="rewards-earned">{sum(rewards.totals.earned)}</dd>
        <dt>{t('referral.rewards.pending')}</dt>
        <dd data-testid="rewards-pending">{sum(rewards.totals.pending)}</dd>
      </dl>
      <div className="fw-referral__table">
        <table>
          <caption className="fw-visually-hidden">{t('referral.rewards.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('referral.rewards.date')}</th>
              <th scope="col">{t('referral.rewards.for')}</th>
              <th scope="col">{t('referral.rewards.amount')}</th>
              <th scope="col">{t('referral.rewards.status')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((item) => (
              <tr key={item.id}>
                <td>{date.format(new Date(item.at))}</td>
                <th scope="row">{forWhat(item)}</th>
                <td className="fw-nowrap">{money(item.spec)}</td>
                <td>{state(item)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rewards.items.length > FIRST_REWARDS && (
        <Button variant="secondary" aria-expanded={everything} onClick={() => setEverything(!everything)}>
          {everything ? t('referral.rewards.fewer') : t('referral.rewards.all', { count: rewards.items.length })}
        </Button>
      )}
      {hasPoints && <PointsBalanceNote />}
    </>
  );
}

const HEADLINE = 'referral-center.headline';

/**
 * The headline of the copy experiment (experiments/referral-center.headline.yaml) for this
 * customer's variation: the widget's own copy for the file's variations, the marketer's for one
 * written in the console. Copy that names the rewards ("Give $20, get $20") names the program's
 * real amounts, so it always agrees with the offer line under it. Null while what it says is not
 * known yet: the customer never sees another variation's headline first.
 */
function useHeadline(summary: Summary | undefined): string | null {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const variation = useFeatureValue(HEADLINE, 'control');
  const ownCopy = variation === 'control' || variation === 'give-get';
  const consoleCopy = useQuery({ ...trpc.copy.texts.queryOptions({ key: HEADLINE }), enabled: !ownCopy });
  const rewards = summary && {
    friend: formatReward(summary.friendReward, locale, t),
    referrer: formatReward(summary.referrerReward, locale, t),
  };
  if (variation === 'control') return t('referral.headline.control');
  if (ownCopy) return rewards ? t('referral.headline.give-get', rewards) : null;
  if (consoleCopy.isPending) return null;
  const texts = consoleCopy.data?.[variation];
  // An id with no copy (deleted, or a payload ahead of the database) gets the default copy.
  if (!texts) return t('referral.headline.control');
  const text = inLocale(texts, locale);
  if (!/\{\{(friend|referrer)\}\}/.test(text)) return text;
  return rewards ? text.replaceAll('{{friend}}', rewards.friend).replaceAll('{{referrer}}', rewards.referrer) : null;
}

/** The referral center: a customer's link, how to share it, what both sides get, and progress. */
export function ReferralCenter({ apiBase }: WidgetProps) {
  const t = useT();
  const trpc = useTRPC();
  const summary = useQuery(trpc.referral.summary.queryOptions());
  const headline = useHeadline(summary.data);
  return (
    <Card title={headline ?? t('referral.title')}>
      <QueryState query={summary} error={t('referral.error')} notOpen={t('referral.noProgram')} signedOut={t('referral.signedOut')}>
        {(data) => <ReferralBody summary={data} apiBase={apiBase} />}
      </QueryState>
    </Card>
  );
}
