// Made once: building an Intl.DateTimeFormat costs far more than formatting with it (goal progress asks per goal).
const CHINA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The registry's calendar is China Standard Time: "today" and "this year" are Beijing's. */
export function todayInChina(now: Date = new Date()): string {
  return CHINA_DAY.format(now);
}

/** The day after the same date `years` years from today (China time), as YYYY-MM-DD: the first day out of range. */
export function dayAfterYearsFromToday(years: number, now: Date = new Date()): string {
  const [y, m, d] = todayInChina(now).split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d + 1)).toISOString().slice(0, 10);
}
