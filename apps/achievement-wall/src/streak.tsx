import { type RouterOutputs, useLocale } from '@flywheel/widget-kit';
import { useT } from './messages.ts';

type Streak = RouterOutputs['achievements']['wall']['streak'];

const DAY_MS = 86_400_000;
/** Plain calendar dates (`YYYY-MM-DD`), stepped without time zones: the server already chose the customer's. */
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The streak: its length, banked freezes, when today ends for the customer, and the last weeks as a calendar. */
export function StreakPanel({ streak }: { streak: Streak }) {
  const t = useT();
  const locale = useLocale();
  const kinds = new Map(streak.calendar.map((day) => [day.period, day.kind]));
  const weeks = Array.from({ length: 5 }, (_, w) => Array.from({ length: 7 }, (_, d) => addDays(streak.calendarStarts, w * 7 + d)));
  const dayName = (date: string) =>
    new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  const longDate = (date: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  const endsAt = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: streak.timeZone }).format(new Date(streak.endsAt));
  const unit = streak.cadence === 'weekly' ? 'weeks' : 'days';
  return (
    <div className="fw-wall__streak">
      <p className="fw-wall__streak-count">
        <span aria-hidden="true">🔥 </span>
        {t(`wall.streak.current.${unit}`, { count: streak.current })}
      </p>
      <p className="fw-muted">{t(`wall.streak.longest.${unit}`, { count: streak.longest })}</p>
      <p>
        {streak.activeToday
          ? t('wall.streak.doneToday')
          : t(streak.cadence === 'weekly' ? 'wall.streak.weekEnds' : 'wall.streak.todayEnds', { time: endsAt, zone: streak.timeZone })}
      </p>
      <p>
        {t('wall.streak.freezes', { count: streak.freezes, max: streak.maxFreezes })}{' '}
        <span aria-hidden="true">{'❄'.repeat(streak.freezes)}</span>
      </p>
      {streak.cadence === 'daily' && (
        <table className="fw-wall__calendar">
          <caption className="fw-visually-hidden">{t('wall.streak.calendar')}</caption>
          <thead>
            <tr>
              {weeks[0]?.map((date) => (
                <th key={date} scope="col">
                  {dayName(date)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week[0]}>
                {week.map((date) => {
                  const kind = kinds.get(date);
                  const future = date > streak.today;
                  return (
                    <td key={date} className={`fw-wall__day fw-wall__day--${kind ?? (future ? 'future' : 'none')}`}>
                      <span className="fw-visually-hidden">
                        {longDate(date)}: {t(`wall.streak.day.${kind ?? (future ? 'future' : 'none')}`)}
                      </span>
                      <span aria-hidden="true">{kind === 'active' ? '●' : kind === 'frozen' ? '❄' : ''}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
