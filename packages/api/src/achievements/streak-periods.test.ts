import { describe, expect, it } from 'vitest';
import { periodEndsAt, periodOf } from '../platform/index.ts';
import { advanceStreak, type StreakState, streakAsOf } from './streak-periods.ts';

const HOUR = 3_600_000;
const fresh: StreakState = { current: 0, longest: 0, lastPeriod: null, freezes: [] };

/** Activity at each instant, one after another, from a fresh streak. */
function run(instants: string[], timeZone: string, state = fresh) {
  return instants.reduce((s, at) => advanceStreak(s, periodOf(new Date(at), timeZone, 'daily'), 'daily'), state);
}

describe('streak periods in the customer’s time zone', () => {
  it('America/New_York, spring forward (8 March 2026): the 23-hour day is one day, late evenings on either side count', () => {
    // 23:30 local on the 7th (EST, UTC−5) and on the 8th (EDT, UTC−4).
    expect(periodOf(new Date('2026-03-08T04:30:00Z'), 'America/New_York', 'daily')).toBe('2026-03-07');
    expect(periodOf(new Date('2026-03-09T03:30:00Z'), 'America/New_York', 'daily')).toBe('2026-03-08');
    const streak = run(['2026-03-07T04:30:00Z', '2026-03-08T04:30:00Z', '2026-03-09T03:30:00Z'], 'America/New_York');
    expect(streak).toMatchObject({ current: 3, lastPeriod: '2026-03-08' });
    const ends = periodEndsAt('2026-03-08', 'America/New_York', 'daily');
    expect(ends.toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(ends.getTime() - periodEndsAt('2026-03-07', 'America/New_York', 'daily').getTime()).toBe(23 * HOUR);
  });

  it('America/New_York, fall back (1 November 2026): the 25-hour day is one day, its last hour included', () => {
    // 00:30 and 23:30 local on the 1st: 24 h + 1 h apart, still the same day.
    expect(periodOf(new Date('2026-11-01T04:30:00Z'), 'America/New_York', 'daily')).toBe('2026-11-01');
    expect(periodOf(new Date('2026-11-02T04:30:00Z'), 'America/New_York', 'daily')).toBe('2026-11-01');
    expect(periodOf(new Date('2026-11-02T05:00:00Z'), 'America/New_York', 'daily')).toBe('2026-11-02');
    const streak = run(['2026-11-01T04:30:00Z', '2026-11-02T04:30:00Z', '2026-11-02T05:30:00Z'], 'America/New_York');
    expect(streak).toMatchObject({ current: 2, lastPeriod: '2026-11-02' });
    const ends = periodEndsAt('2026-11-01', 'America/New_York', 'daily');
    expect(ends.toISOString()).toBe('2026-11-02T05:00:00.000Z');
    expect(ends.getTime() - periodEndsAt('2026-10-31', 'America/New_York', 'daily').getTime()).toBe(25 * HOUR);
  });

  it('Asia/Shanghai (UTC+8, no DST): the day turns at 16:00 UTC and every day is 24 hours', () => {
    expect(periodOf(new Date('2026-03-08T15:59:00Z'), 'Asia/Shanghai', 'daily')).toBe('2026-03-08');
    expect(periodOf(new Date('2026-03-08T16:00:00Z'), 'Asia/Shanghai', 'daily')).toBe('2026-03-09');
    // The same two instants a New Yorker's streak counts as one day are two days in Shanghai.
    expect(run(['2026-11-01T04:30:00Z', '2026-11-02T04:30:00Z'], 'Asia/Shanghai')).toMatchObject({ current: 2 });
    expect(run(['2026-11-01T04:30:00Z', '2026-11-02T04:30:00Z'], 'America/New_York')).toMatchObject({ current: 1 });
    for (const [before, day] of [
      ['2026-03-07', '2026-03-08'],
      ['2026-10-31', '2026-11-01'],
    ] as const) {
      const length = periodEndsAt(day, 'Asia/Shanghai', 'daily').getTime() - periodEndsAt(before, 'Asia/Shanghai', 'daily').getTime();
      expect(length).toBe(24 * HOUR);
    }
    expect(periodEndsAt('2026-03-08', 'Asia/Shanghai', 'daily').toISOString()).toBe('2026-03-08T16:00:00.000Z');
  });

  it('weekly streaks count local ISO weeks (Monday to Sunday), across a DST change', () => {
    // Sunday 8 March 23:30 EDT is still the week of Monday 2 March; Monday 9 March starts the next.
    expect(periodOf(new Date('2026-03-09T03:30:00Z'), 'America/New_York', 'weekly')).toBe('2026-03-02');
    expect(periodOf(new Date('2026-03-09T04:30:00Z'), 'America/New_York', 'weekly')).toBe('2026-03-09');
    const weekly = ['2026-03-04T12:00:00Z', '2026-03-09T04:30:00Z'].reduce(
      (s, at) => advanceStreak(s, periodOf(new Date(at), 'America/New_York', 'weekly'), 'weekly'),
      fresh,
    );
    expect(weekly).toMatchObject({ current: 2, lastPeriod: '2026-03-09' });
  });
});

describe('freezes', () => {
  const active = (state: StreakState, period: string) => advanceStreak(state, period, 'daily');

  it('cover missed days oldest freeze first, and the streak goes on', () => {
    const before: StreakState = { current: 5, longest: 5, lastPeriod: '2026-03-01', freezes: ['earned-old', 'bought-new'] };
    const after = active(before, '2026-03-04');
    expect(after.used).toEqual([
      { freeze: 'earned-old', period: '2026-03-02' },
      { freeze: 'bought-new', period: '2026-03-03' },
    ]);
    expect(after).toMatchObject({ current: 6, freezes: [] });
    // One missed day uses only the oldest.
    expect(active(before, '2026-03-03')).toMatchObject({ current: 6, used: [{ freeze: 'earned-old' }], freezes: ['bought-new'] });
  });

  it('are kept when there are too few for the gap: the streak starts over', () => {
    const before: StreakState = { current: 9, longest: 9, lastPeriod: '2026-03-01', freezes: ['a', 'b'] };
    expect(active(before, '2026-03-05')).toMatchObject({ current: 1, longest: 9, used: [], freezes: ['a', 'b'] });
  });

  it('are earned by each 7-day run, while fewer than two are banked', () => {
    let state: StreakState = fresh;
    const earned: number[] = [];
    for (let day = 1; day <= 21; day++) {
      const step = active(state, `2026-04-${String(day).padStart(2, '0')}`);
      if (step.earnsFreeze) earned.push(day);
      state = { ...step, freezes: step.earnsFreeze ? [...step.freezes, `run:${day}`] : step.freezes };
    }
    expect(earned).toEqual([7, 14]);
    expect(state.freezes).toHaveLength(2);
  });

  it('count activity once a day, and ignore a late event from an earlier day', () => {
    const today = active(active(fresh, '2026-03-01'), '2026-03-02');
    expect(active(today, '2026-03-02')).toMatchObject({ current: 2, changed: false });
    expect(active(today, '2026-02-27')).toMatchObject({ current: 2, changed: false });
  });

  it('show a streak as alive while banked freezes can still cover the days missed', () => {
    const state: StreakState = { current: 4, longest: 4, lastPeriod: '2026-03-01', freezes: ['a'] };
    expect(streakAsOf(state, '2026-03-01', 'daily')).toEqual({ current: 4, freezesLeft: 1, activeToday: true });
    expect(streakAsOf(state, '2026-03-02', 'daily')).toEqual({ current: 4, freezesLeft: 1, activeToday: false });
    expect(streakAsOf(state, '2026-03-03', 'daily')).toEqual({ current: 4, freezesLeft: 0, activeToday: false });
    expect(streakAsOf(state, '2026-03-04', 'daily')).toEqual({ current: 0, freezesLeft: 1, activeToday: false });
  });
});
