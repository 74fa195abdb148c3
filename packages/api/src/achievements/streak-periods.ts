import { TZDate } from '@date-fns/tz';

export type Cadence = 'daily' | 'weekly';

/** The most freezes a customer can bank: a third one would turn a streak into a subscription. */
export const MAX_BANKED_FREEZES = 2;
/** A run this many periods long earns a freeze. */
export const RUN_EARNS_FREEZE = 7;

const DAY_MS = 86_400_000;
/** A local date (`YYYY-MM-DD`) as a day number: plain calendar arithmetic, no time zone or DST in it. */
const dayNumber = (period: string) => Date.UTC(+period.slice(0, 4), +period.slice(5, 7) - 1, +period.slice(8, 10)) / DAY_MS;
const fromDayNumber = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Whether the runtime knows this IANA time zone. */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * The period an instant falls in, for a customer in `timeZone`: their local date, or for a
 * weekly streak the Monday of their local week (ISO weeks).
 */
export function periodOf(instant: Date, timeZone: string, cadence: Cadence): string {
  const local = new TZDate(instant.getTime(), timeZone);
  const day = dayNumber(
    `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`,
  );
  if (cadence === 'daily') return fromDayNumber(day);
  // Day number 0 (1970-01-01) was a Thursday: (day + 3) % 7 is days since Monday.
  return fromDayNumber(day - ((day + 3) % 7));
}

/** How many periods `to` is after `from` (1: the next one). */
export function periodsBetween(from: string, to: string, cadence: Cadence): number {
  const days = dayNumber(to) - dayNumber(from);
  return cadence === 'daily' ? days : Math.round(days / 7);
}

export function addPeriods(period: string, n: number, cadence: Cadence): string {
  return fromDayNumber(dayNumber(period) + n * (cadence === 'daily' ? 1 : 7));
}

/**
 * The instant a period ends for the customer: their next local midnight (after the week's
 * Sunday, for weekly). On a DST change that day is 23 or 25 hours long, and this says so.
 */
export function periodEndsAt(period: string, timeZone: string, cadence: Cadence): Date {
  const next = addPeriods(period, 1, cadence);
  return new Date(new TZDate(+next.slice(0, 4), +next.slice(5, 7) - 1, +next.slice(8, 10), timeZone).getTime());
}

export type StreakState = {
  current: number;
  longest: number;
  lastPeriod: string | null;
  /** Banked freezes, oldest first (ids). */
  freezes: readonly string[];
};

export type StreakStep = StreakState & {
  /** Freezes used, with the missed period each covers, oldest freeze first. */
  used: { freeze: string; period: string }[];
  /** The run reached a multiple of RUN_EARNS_FREEZE with room in the bank. */
  earnsFreeze: boolean;
  /** Whether the period was new (activity already counted today changes nothing). */
  changed: boolean;
};

/**
 * A streak after activity in `period`. Missed periods since the last one are covered by banked
 * freezes, oldest first, when there are enough for all of them; otherwise the streak starts
 * over (and the freezes stay banked). Activity in a period already counted, or an earlier one
 * arriving late, changes nothing.
 */
export function advanceStreak(state: StreakState, period: string, cadence: Cadence): StreakStep {
  const unchanged = { ...state, used: [], earnsFreeze: false, changed: false };
  const gap = state.lastPeriod === null ? null : periodsBetween(state.lastPeriod, period, cadence);
  if (gap !== null && gap <= 0) return unchanged;
  const missed = gap === null ? 0 : gap - 1;
  const continues = gap !== null && missed <= state.freezes.length;
  const used = continues
    ? state.freezes.slice(0, missed).map((freeze, i) => ({ freeze, period: addPeriods(state.lastPeriod as string, i + 1, cadence) }))
    : [];
  const current = continues ? state.current + 1 : 1;
  const freezes = state.freezes.slice(used.length);
  return {
    current,
    longest: Math.max(state.longest, current),
    lastPeriod: period,
    freezes,
    used,
    earnsFreeze: current % RUN_EARNS_FREEZE === 0 && freezes.length < MAX_BANKED_FREEZES,
    changed: true,
  };
}

/**
 * The streak as the customer sees it now, before their next activity: still alive while the
 * freezes banked can cover the periods missed so far (they will be used when activity comes),
 * broken otherwise. Today not being active yet is not a miss: the day is not over.
 */
export function streakAsOf(state: StreakState, today: string, cadence: Cadence) {
  if (state.lastPeriod === null) return { current: 0, freezesLeft: state.freezes.length, activeToday: false };
  const gap = periodsBetween(state.lastPeriod, today, cadence);
  const missed = Math.max(0, gap - 1);
  if (missed > state.freezes.length) return { current: 0, freezesLeft: state.freezes.length, activeToday: false };
  return { current: state.current, freezesLeft: state.freezes.length - missed, activeToday: gap <= 0 };
}
