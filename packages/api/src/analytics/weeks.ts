/** A week in milliseconds: dashboards count in UTC weeks, which have no daylight-saving hour to gain or lose. */
export const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Monday 00:00 UTC of the week `date` falls in. */
export function mondayUtc(date: Date): Date {
  const start = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  return start;
}

/** The last `weeks` UTC weeks, this one included, oldest first, each as [from, to). */
export function recentWeeks(weeks: number, now = new Date()): { from: Date; to: Date }[] {
  const thisWeek = mondayUtc(now).getTime();
  return Array.from({ length: weeks }, (_, i) => {
    const from = thisWeek - (weeks - 1 - i) * WEEK_MS;
    return { from: new Date(from), to: new Date(from + WEEK_MS) };
  });
}
