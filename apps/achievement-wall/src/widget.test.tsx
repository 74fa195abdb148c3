import { achievementWall, wallBadge } from '@flywheel/testing/factories';
import { bffHandlers, TrpcMockError } from '@flywheel/testing/msw/bff';
import { renderWidget } from '@flywheel/testing/render';
import { messageProblems } from '@flywheel/widget-kit';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Widget } from './index.ts';
import { messages } from './messages.ts';

const apiBase = 'http://bff.test';
const server = setupServer(...bffHandlers(apiBase));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());

// Each test has its own publishable key, so each gets its own page session and query cache.
const render = (key: string, locale = 'en') =>
  renderWidget(<Widget apiBase={apiBase} publishableKey={key} getToken={() => 't'} locale={locale} />);

const earned = wallBadge({
  state: 'earned',
  progress: 3,
  next: null,
  earned: [
    {
      awardId: '7f1c2d9e-0000-4000-8000-000000000001',
      tier: 'standard',
      awardedAt: '2026-11-30T10:00:00.000Z',
      public: false,
      pagePath: '/b/7f1c2d9e-0000-4000-8000-000000000001',
    },
  ],
});

describe('achievement-wall', () => {
  it('shows points, level and each badge’s state: earned with its date, in progress as "2 of 3", locked with its criteria', async () => {
    server.use(
      ...bffHandlers(apiBase, {
        'achievements.wall': () =>
          achievementWall({
            badges: [
              earned,
              wallBadge({ id: 'b2', name: 'Five lessons', progress: 2, next: { tier: 'bronze', threshold: 3, points: 0 } }),
              wallBadge({ id: 'b3', name: 'Going big', state: 'locked', progress: 0, criteria: 'Start an Enterprise subscription.' }),
            ],
          }),
      }),
    );
    await render('pk_states');
    expect((await screen.findByTestId('points-available')).textContent).toBe('120 points');
    expect(screen.getByText('available to spend · 500 pending')).toBeTruthy();
    expect(screen.getByText('Level 2')).toBeTruthy();
    const grid = screen.getByRole('list', { name: 'Badges' });
    expect(within(grid).getByRole('article', { name: 'Refer 3 friends' }).textContent).toContain('on Nov 30, 2026');
    expect(within(grid).getByRole('progressbar', { name: '2 of 3' })).toBeTruthy();
    expect(within(grid).getByText('Start an Enterprise subscription.')).toBeTruthy();
  });

  it('makes an earned badge public and offers its link, LinkedIn and X', async () => {
    const shared: boolean[] = [];
    server.use(
      ...bffHandlers(apiBase, {
        'achievements.wall': () => achievementWall({ badges: [earned] }),
        'achievements.share': (input) => {
          shared.push(input.public);
          return { awardId: input.awardId, public: input.public, pagePath: `/b/${input.awardId}` };
        },
      }),
    );
    await render('pk_share');
    fireEvent.click(await screen.findByRole('button', { name: 'Share Refer 3 friends' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Make public' }));
    const link = (await within(dialog).findByLabelText('Public link')) as HTMLInputElement;
    expect(link.value).toBe(`${apiBase}/b/7f1c2d9e-0000-4000-8000-000000000001`);
    expect(
      within(dialog)
        .getByRole('link', { name: /Add to LinkedIn profile/ })
        .getAttribute('href'),
    ).toContain('startTask=CERTIFICATION_NAME');
    expect(shared).toEqual([true]);
  });

  it('asks before spending points, and says exactly why it cannot when the balance is short', async () => {
    const redeemed: string[] = [];
    server.use(
      ...bffHandlers(apiBase, {
        'achievements.redeem': (input) => {
          redeemed.push(input.rewardId);
          return { id: 'r1', rewardId: input.rewardId, status: 'fulfilled', price: 50, code: null, createdAt: '2026-12-02T09:00:00.000Z' };
        },
      }),
    );
    await render('pk_bank');
    fireEvent.click(await screen.findByRole('tab', { name: 'Points bank' }));
    expect(screen.getByText('Not enough points: you have 120, this needs 300.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Redeem Sticker pack' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Redeem Streak freeze' }));
    const dialog = screen.getByRole('dialog', { name: 'Redeem Streak freeze?' });
    expect(within(dialog).getByText('50 points go to Streak freeze. You will have 70 left.')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Spend 50 points' }));
    expect(await screen.findByText('Redeemed Streak freeze.')).toBeTruthy();
    expect(redeemed).toEqual(['item-freeze']);
  });

  it('shows the streak, its freezes and when today ends in the customer’s zone', async () => {
    await render('pk_streak');
    fireEvent.click(await screen.findByRole('tab', { name: 'Streak' }));
    expect(screen.getByText('4-day streak')).toBeTruthy();
    // 23:00 UTC is midnight in Berlin.
    expect(screen.getByText('Today ends for you at 12:00 AM (Europe/Berlin).')).toBeTruthy();
    expect(screen.getByText(/Streak freezes banked: 1 of 2/)).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Your last five weeks' }).textContent).toContain('kept by a freeze');
  });

  it('says when the wall cannot load, and loads it on retry', async () => {
    server.use(
      ...bffHandlers(apiBase, {
        'achievements.wall': () => {
          throw new TrpcMockError(500, 'INTERNAL_SERVER_ERROR');
        },
      }),
    );
    await render('pk_error');
    expect((await screen.findByRole('alert', {}, { timeout: 5000 })).textContent).toContain('couldn’t load your achievements');
    server.resetHandlers();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('points-available')).toBeTruthy();
  });

  it('lets the customer join the leaderboard, then shows only who is just ahead', async () => {
    let member = false;
    server.use(
      ...bffHandlers(apiBase, {
        'achievements.leaderboard': () =>
          member
            ? {
                member: true,
                rows: [
                  { rank: 4, name: 'Dana', points: 900, you: false },
                  { rank: 5, name: 'Alice', points: 640, you: true },
                ],
              }
            : { member: false, rows: [] },
        'achievements.joinLeaderboard': (input) => {
          member = input.join;
          return { member };
        },
      }),
    );
    await render('pk_board');
    fireEvent.click(await screen.findByRole('tab', { name: 'Leaderboard' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Join the leaderboard' }));
    const board = await screen.findByRole('list', { name: 'Leaderboard' });
    expect(
      within(board)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['#4 Dana900 points', '#5 You640 points']);
  });

  it('speaks Simplified Chinese', async () => {
    await render('pk_zh', 'zh-CN');
    expect(await screen.findByRole('tab', { name: '积分商城' })).toBeTruthy();
  });

  it('has every string in both languages, with the same placeholders', () => {
    expect(messageProblems(messages)).toEqual([]);
  });
});
