import { TZDate } from '@date-fns/tz';

/**
 * The customer's calendar: instants turned into their local dates (or the Monday of their local
 * week) in their own IANA time zone, and dates compared as plain calendar dates, so a 23- or
 * 25-hour day on a DST change is one day. Streaks and success plans count days with it.
 */
export type Cadence = 'daily' | 'weekly';

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

/** The customer's own IANA time zone (a trait they or the tenant set, the browser's by default), else UTC. */
export const timeZoneOf = (traits: Record<string, unknown>) => (isTimeZone(traits.timeZone) ? traits.timeZone : 'UTC');
