const cache = new Map<string, ReturnType<typeof build>>();

/** Number formats the console uses everywhere, in the reader's language (built once per language). */
export function formats(locale: string) {
  let built = cache.get(locale);
  if (!built) {
    built = build(locale);
    cache.set(locale, built);
  }
  return built;
}

function build(locale: string) {
  const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const lift = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
  const integer = new Intl.NumberFormat(locale);
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const list = new Intl.ListFormat(locale, { type: 'conjunction' });
  return {
    percent: (x: number) => percent.format(x),
    lift: (x: number) => lift.format(x),
    interval: ([low, high]: [number, number]) => `${lift.format(low)} … ${lift.format(high)}`,
    pValue: (p: number) => (p < 0.001 ? '< 0.001' : decimal.format(p)),
    decimal: (x: number) => decimal.format(x),
    integer: (x: number) => integer.format(x),
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    date: (iso: string) => date.format(new Date(iso)),
    /** "a, b and c" / "a、b和c": lists joined as the language joins them. */
    list: (items: string[]) => list.format(items),
  };
}
