/** Shared pieces of the scale generators: the as-of date, the seeded PRNG per city and type, dates, weighted picks. */
import { dateOfDay, dayNumber } from '../../src/common/calendar';
import { Rng } from '../published/random';

/** Marks every synthetic record as a sample; the names say 规模示例 ("scale sample"). */
export const SAMPLE_LABEL = '规模示例';

/**
 * What a generator needs besides its city: the scale and the as-of date every synthetic date is
 * counted back from (today in China time unless given), so that the last 12 months always hold
 * records for trends and forecasts. Rows depend only on (scale, asOf); another asOf shifts the dates.
 */
export interface ScaleContext {
  scale: number;
  /** YYYY-MM-DD; records are dated up to the day before. */
  asOf: string;
  sourceId: number;
}

export const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** FNV-1a: a stable 32-bit seed from a string. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** One generator per scale, city and record type: the same N gives the same rows, city by city. */
export function rngFor(scale: number, cityCode: string, kind: string): Rng {
  return new Rng(hash(`scale:${scale}:${cityCode}:${kind}`));
}

const isoDates: string[] = [];

/** The ISO date of a day number, memoised (a few thousand distinct days; Date formatting is slow by comparison). */
function isoDay(day: number): string {
  return (isoDates[day] ??= dateOfDay(day));
}

export const addDays = (iso: string, days: number): string => isoDay(dayNumber(iso) + days);

/** A date uniformly in [from, to] (ISO, inclusive): Rng.date's job, at a fraction of its cost. */
export function randomDate(rng: Rng, from: string, to: string): string {
  const first = dayNumber(from);
  return isoDay(first + Math.floor(rng.float() * (dayNumber(to) - first + 1)));
}

/**
 * A date picker over the `years` before asOf (up to the day before it), denser towards the present
 * as (elapsed share)^power: the reform gathered pace. A smooth curve rather than weights per
 * calendar year, so the last 12 months hold their share whatever day of the year asOf is.
 */
export function recentDates(rng: Rng, asOf: string, years: number, power: number): () => string {
  const last = dayNumber(asOf) - 1;
  const span = Math.round(years * 365.25);
  const exponent = 1 / (power + 1);
  return () => isoDay(last - Math.floor(span * (1 - rng.float() ** exponent)));
}

/** A registry entry time in China time, on the record's own date. */
export const enteredAt = (date: string) => `${date} 10:00:00+08`;

/** Picks indexes in proportion to fixed weights in O(log n) (Rng.weighted is O(n) per pick). */
export function weightedPicker(rng: Rng, weights: readonly number[]): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  return () => {
    const r = rng.float() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** A picker over fixed weighted choices (Rng.weighted re-sums the weights on every call). */
export function weightedChoice<T>(rng: Rng, choices: readonly (readonly [T, number])[]): () => T {
  const pick = weightedPicker(rng, choices.map(([, w]) => w));
  return () => choices[pick()][0];
}
