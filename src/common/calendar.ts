// Made once: building an Intl.DateTimeFormat costs far more than formatting with it (bulk writes ask per record).
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

/*
 * Calendar dates as the API and the database write them, 'YYYY-MM-DD', counted in whole days: a day
 * number is the days since 1970-01-01, so that adding and comparing days is integer arithmetic.
 */
const DAY_MS = 86_400_000;

/** Whether `value` is a real calendar date written YYYY-MM-DD (no 2025-02-30, no other form). */
export function isCalendarDate(value: string): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/** The YYYY-MM-DD date of a day number. */
export const dateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Calendar days from one date to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round(dayNumber(to) - dayNumber(from));

export const addDays = (date: string, days: number): string => dateOfDay(dayNumber(date) + days);

/** Whole months from one date to another (floor: 01-31 to 02-28 is 0), without allocating. */
export function monthsBetween(from: string, to: string): number {
  const n = (s: string, a: number, b: number) => Number(s.slice(a, b));
  return (n(to, 0, 4) - n(from, 0, 4)) * 12 + n(to, 5, 7) - n(from, 5, 7) - (n(to, 8, 10) < n(from, 8, 10) ? 1 : 0);
}

/** The time in China to the second, `YYYY-MM-DD HH:mm:ss`: what a reader there sees on the clock (China keeps UTC+8 all year). */
/** China's offset from UTC (UTC+8 all year, no daylight saving). */
export const CHINA_OFFSET_MS = 8 * 3600 * 1000;

export const chinaDateTime = (at: Date = new Date()): string => new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
