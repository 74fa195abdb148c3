import { Badge, Button, Dialog, Grid, Input, Progress } from '@flywheel/ui';
import { type RouterOutputs, useLocale, useMutation, useQueryClient, useTRPC, useTrack } from '@flywheel/widget-kit';
import { useState } from 'react';
import { BadgeArt } from './badge-art.tsx';
import { useT } from './messages.ts';

type Wall = RouterOutputs['achievements']['wall'];
type WallBadge = Wall['badges'][number];
type Earned = WallBadge['earned'][number];

/** Sharing one earned badge: make its page public, then copy the link or post it. */
function ShareDialog({
  badge,
  award,
  apiBase,
  issuer,
  onClose,
}: {
  badge: WallBadge;
  award: Earned;
  apiBase: string;
  issuer: string;
  onClose: () => void;
}) {
  const t = useT();
  const locale = useLocale();
  const trpc = useTRPC();
  const track = useTrack();
  const queryClient = useQueryClient();
  const share = useMutation(
    trpc.achievements.share.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.achievements.wall.queryKey() }),
    }),
  );
  const [qr, setQr] = useState(false);
  const isPublic = share.data?.public ?? award.public;
  const link = `${apiBase}${award.pagePath}`;
  const awarded = new Date(award.awardedAt);
  const linkedIn = `https://www.linkedin.com/profile/add?${new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: badge.name,
    organizationName: issuer,
    issueYear: String(awarded.getFullYear()),
    issueMonth: String(awarded.getMonth() + 1),
    certUrl: link,
    certId: award.awardId,
  })}`;
  const x = `https://twitter.com/intent/tweet?${new URLSearchParams({ text: t('wall.share.message', { badge: badge.name }), url: link })}`;
  const shared = (channel: 'link' | 'linkedin' | 'x' | 'wechat') => track('badge_shared', { award_id: award.awardId, channel });
  return (
    <Dialog open onClose={onClose} title={t('wall.share.title', { badge: badge.name })} closeLabel={t('wall.close')}>
      <p>{isPublic ? t('wall.share.public') : t('wall.share.private')}</p>
      <Button
        variant={isPublic ? 'secondary' : 'primary'}
        disabled={share.isPending}
        onClick={() => share.mutate({ awardId: award.awardId, public: !isPublic })}
      >
        {isPublic ? t('wall.share.makePrivate') : t('wall.share.makePublic')}
      </Button>
      {share.isError && <p role="alert">{t('wall.share.error')}</p>}
      {isPublic && (
        <div className="fw-wall__share">
          <Input label={t('wall.share.link')} value={link} readOnly onFocus={(e) => e.currentTarget.select()} />
          <div className="fw-wall__share-links">
            <Button
              variant="secondary"
              onClick={() => {
                void navigator.clipboard?.writeText(link);
                shared('link');
              }}
            >
              {t('wall.share.copy')}
            </Button>
            <a href={linkedIn} target="_blank" rel="noopener noreferrer" onClick={() => shared('linkedin')}>
              {t('wall.share.linkedin')}
              <span className="fw-visually-hidden"> {t('wall.newTab')}</span>
            </a>
            <a href={x} target="_blank" rel="noopener noreferrer" onClick={() => shared('x')}>
              {t('wall.share.x')}
              <span className="fw-visually-hidden"> {t('wall.newTab')}</span>
            </a>
          </div>
          {locale === 'zh-CN' && (
            <>
              <Button
                variant="secondary"
                aria-expanded={qr}
                onClick={() => {
                  if (!qr) shared('wechat');
                  setQr(!qr);
                }}
              >
                {t('wall.share.wechat')}
              </Button>
              {qr && <img className="fw-wall__qr" src={`${link}/qr.png`} alt={t('wall.share.wechatAlt')} width={168} height={168} />}
            </>
          )}
        </div>
      )}
    </Dialog>
  );
}

function BadgeTile({ badge, onShare }: { badge: WallBadge; onShare: (award: Earned) => void }) {
  const t = useT();
  const locale = useLocale();
  const latest = badge.earned[badge.earned.length - 1];
  return (
    <article className={`fw-wall__badge fw-wall__badge--${badge.state}`} aria-label={badge.name}>
      <BadgeArt design={badge.design} locked={badge.state !== 'earned'} />
      <h4>{badge.name}</h4>
      <p className="fw-muted">{badge.description}</p>
      {latest && (
        <p>
          <Badge tone="success">{t(`wall.tier.${latest.tier}`)}</Badge>{' '}
          {t('wall.badge.earnedOn', { date: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(latest.awardedAt)) })}
        </p>
      )}
      {badge.next &&
        (badge.state === 'locked' ? (
          <p className="fw-muted">
            <span aria-hidden="true">🔒 </span>
            {badge.criteria}
          </p>
        ) : (
          <Progress
            value={badge.progress}
            max={badge.next.threshold}
            label={t('wall.badge.progress', { count: badge.progress, target: badge.next.threshold })}
          />
        ))}
      {badge.next && badge.next.points > 0 && badge.pays && (
        <p className="fw-muted">{t('wall.badge.points', { points: badge.next.points })}</p>
      )}
      {latest && (
        <Button variant="secondary" onClick={() => onShare(latest)} aria-label={t('wall.share.open', { badge: badge.name })}>
          {t('wall.share.button')}
        </Button>
      )}
    </article>
  );
}

/** Every badge the customer can see: earned ones first, then in progress, then locked; hidden ones appear once earned. */
export function BadgeGrid({ wall, apiBase, issuer }: { wall: Wall; apiBase: string; issuer: string }) {
  const t = useT();
  const [sharing, setSharing] = useState<{ badge: WallBadge; award: Earned } | null>(null);
  const order = { earned: 0, 'in-progress': 1, locked: 2 } as const;
  const badges = [...wall.badges].sort((a, b) => order[a.state] - order[b.state]);
  if (badges.length === 0) return <p>{t('wall.badges.empty')}</p>;
  return (
    <>
      <Grid
        label={t('wall.badges.title')}
        items={badges}
        minColumnWidth={180}
        render={(badge) => ({ key: badge.id, content: <BadgeTile badge={badge} onShare={(award) => setSharing({ badge, award })} /> })}
      />
      {sharing && <ShareDialog {...sharing} apiBase={apiBase} issuer={issuer} onClose={() => setSharing(null)} />}
    </>
  );
}
