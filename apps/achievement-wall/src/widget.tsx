import { Card, Progress, Tabs } from '@flywheel/ui';
import { QueryState, type RouterOutputs, useBrowserTimeZone, useQuery, useTRPC, type WidgetProps } from '@flywheel/widget-kit';
import { BadgeGrid } from './badges.tsx';
import { PointsBank } from './bank.tsx';
import { PointsHistory } from './history.tsx';
import { Leaderboard } from './leaderboard.tsx';
import { useT } from './messages.ts';
import { StreakPanel } from './streak.tsx';

type Wall = RouterOutputs['achievements']['wall'];

function Summary({ wall }: { wall: Wall }) {
  const t = useT();
  const { level, points } = wall;
  return (
    <div className="fw-wall__summary">
      <div>
        <p className="fw-wall__figure" data-testid="points-available">
          {t('wall.points.count', { count: points.available })}
        </p>
        <p className="fw-muted">
          {t('wall.points.available')}
          {points.pending > 0 && ` · ${t('wall.points.pending', { count: points.pending })}`}
          {points.held > 0 && ` · ${t('wall.points.held', { count: points.held })}`}
        </p>
      </div>
      <div>
        <p className="fw-wall__figure">{t('wall.level', { level: level.level })}</p>
        {level.next === null ? (
          <p className="fw-muted">{t('wall.level.top')}</p>
        ) : (
          <Progress
            value={level.lifetime - level.floor}
            max={level.next - level.floor}
            label={t('wall.level.next', { count: level.next - level.lifetime, level: level.level + 1 })}
          />
        )}
      </div>
      <div>
        <p className="fw-wall__figure">
          <span aria-hidden="true">🔥 </span>
          {wall.streak.current}
        </p>
        <p className="fw-muted">{t(`wall.streak.label.${wall.streak.cadence}`)}</p>
      </div>
    </div>
  );
}

/** The achievement wall: badges, points and level, streak, the points bank and the points history, live. */
export function AchievementWall({ apiBase }: WidgetProps) {
  const t = useT();
  const trpc = useTRPC();
  const wall = useQuery(trpc.achievements.wall.queryOptions());
  useBrowserTimeZone(wall.data?.streak.timeZone);
  return (
    <Card title={t('wall.title')}>
      <QueryState query={wall} error={t('wall.error')} signedOut={t('wall.signedOut')} lines={6}>
        {(data) => (
          <>
            <Summary wall={data} />
            <Tabs
              label={t('wall.title')}
              tabs={[
                { id: 'badges', label: t('wall.tabs.badges'), panel: <BadgeGrid wall={data} apiBase={apiBase} issuer={data.issuer} /> },
                { id: 'streak', label: t('wall.tabs.streak'), panel: <StreakPanel streak={data.streak} /> },
                { id: 'bank', label: t('wall.tabs.bank'), panel: <PointsBank wall={data} /> },
                { id: 'history', label: t('wall.tabs.history'), panel: <PointsHistory /> },
                { id: 'leaderboard', label: t('wall.tabs.leaderboard'), panel: <Leaderboard /> },
              ]}
            />
          </>
        )}
      </QueryState>
    </Card>
  );
}
