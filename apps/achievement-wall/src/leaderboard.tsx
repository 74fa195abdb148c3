import { Button, List } from '@flywheel/ui';
import { QueryState, useMutation, useQuery, useQueryClient, useTRPC } from '@flywheel/widget-kit';
import { useT } from './messages.ts';

/** The opt-in leaderboard: joining is the customer's choice, and they only ever see who is just ahead. */
export function Leaderboard() {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const board = useQuery(trpc.achievements.leaderboard.queryOptions());
  const join = useMutation(
    trpc.achievements.joinLeaderboard.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.achievements.leaderboard.queryKey() }),
    }),
  );
  return (
    <QueryState query={board} error={t('wall.leaderboard.error')}>
      {(data) =>
        !data.member ? (
          <div className="fw-wall__streak">
            <p>{t('wall.leaderboard.intro')}</p>
            <Button disabled={join.isPending} onClick={() => join.mutate({ join: true })}>
              {t('wall.leaderboard.join')}
            </Button>
          </div>
        ) : (
          <div className="fw-wall__streak">
            <p>{data.rows.length === 1 ? t('wall.leaderboard.lead') : t('wall.leaderboard.ahead')}</p>
            <List
              label={t('wall.tabs.leaderboard')}
              items={data.rows}
              render={(row) => ({
                key: `${row.rank}-${row.you ? 'you' : row.name}-${row.points}`,
                content: (
                  <div className="fw-wall__entry">
                    <strong>
                      #{row.rank} {row.you ? t('wall.leaderboard.you') : row.name}
                    </strong>
                    <span className="fw-muted">{t('wall.points.count', { count: row.points })}</span>
                  </div>
                ),
              })}
            />
            <Button variant="secondary" disabled={join.isPending} onClick={() => join.mutate({ join: false })}>
              {t('wall.leaderboard.leave')}
            </Button>
          </div>
        )
      }
    </QueryState>
  );
}
