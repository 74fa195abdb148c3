import type { ProcedureMocks, RouterOutputs } from '../msw/bff.ts';

export type AchievementWall = RouterOutputs['achievements']['wall'];
type WallBadge = AchievementWall['badges'][number];

/** One badge as the wall shows it, in progress by default; override any field. */
export function wallBadge(overrides: Partial<WallBadge> = {}): WallBadge {
  return {
    id: 'badge-refer',
    name: 'Refer 3 friends',
    description: 'Three friends you invited became customers.',
    criteria: 'Three friends you referred start a paid plan.',
    design: { kind: 'builtin', shape: 'medal', color: '#bf8700' },
    state: 'in-progress',
    progress: 2,
    next: { tier: 'standard', threshold: 3, points: 300 },
    earned: [],
    pays: true,
    ...overrides,
  };
}

/** The whole wall, as `achievements.wall` returns it; override any part. */
export function achievementWall(overrides: Partial<AchievementWall> = {}): AchievementWall {
  return {
    issuer: 'Acme Analytics (demo)',
    badges: [wallBadge()],
    points: { available: 120, pending: 500, held: 0 },
    level: { level: 2, lifetime: 120, floor: 100, next: 300 },
    streak: {
      cadence: 'daily',
      timeZone: 'Europe/Berlin',
      current: 4,
      longest: 9,
      activeToday: false,
      freezes: 1,
      maxFreezes: 2,
      today: '2026-12-02',
      endsAt: '2026-12-02T23:00:00.000Z',
      calendar: [
        { period: '2026-11-29', kind: 'active' },
        { period: '2026-11-30', kind: 'frozen' },
        { period: '2026-12-01', kind: 'active' },
      ],
      calendarStarts: '2026-11-02',
    },
    catalogue: [
      {
        id: 'item-freeze',
        name: 'Streak freeze',
        description: 'Keeps your streak alive on a day you miss.',
        price: 50,
        kind: 'freeze',
        stock: null,
        minLevel: 0,
      },
      {
        id: 'item-stickers',
        name: 'Sticker pack',
        description: 'A pack of Acme stickers.',
        price: 300,
        kind: 'coupon',
        stock: 20,
        minLevel: 0,
      },
    ],
    redemptions: [],
    ...overrides,
  };
}

export const achievementsMocks: ProcedureMocks = {
  'achievements.wall': () => achievementWall(),
  'achievements.redeem': (input) => ({
    id: 'redemption-1',
    rewardId: input.rewardId,
    status: 'fulfilled',
    price: 50,
    code: null,
    createdAt: '2026-12-02T09:00:00.000Z',
  }),
  'achievements.leaderboard': () => ({ member: false, rows: [] }),
  'achievements.joinLeaderboard': (input) => ({ member: input.join }),
  'achievements.share': (input) => ({ awardId: input.awardId, public: input.public, pagePath: `/b/${input.awardId}` }),
};
