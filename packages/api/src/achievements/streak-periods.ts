import { addPeriods, type Cadence, periodsBetween } from '../platform/index.ts';

/** The most freezes a customer can bank: a third one would turn a streak into a subscription. */
export const MAX_BANKED_FREEZES = 2;
/** A run this many periods long earns a freeze. */
export const RUN_EARNS_FREEZE = 7;

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
