/** Shared pieces of the scale generators: the seeded PRNG per city and type, dates, weighted picks. */
import { Rng } from '../published/random';

/** The latest report's date; every synthetic date lies before it, so a rerun next year gives the same rows. */
export const AS_OF = '2025-11-04';
export const LAST_DAY = '2025-11-03';

/** Marks every synthetic record as a sample; the names say 规模示例 ("scale sample"). */
export const SAMPLE_LABEL = '规模示例';

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

const DAY = 86_400_000;
const dayNumbers = new Map<string, number>();
const isoDates: string[] = [];

/** Days since 1970-01-01 of an ISO date, memoised: the generators ask for the same bounds again and again. */
function dayNumber(iso: string): number {
  let day = dayNumbers.get(iso);
  if (day === undefined) dayNumbers.set(iso, (day = Date.parse(`${iso}T00:00:00Z`) / DAY));
  return day;
}

/** The ISO date of a day number, memoised (a few thousand distinct days; Date formatting is slow by comparison). */
function isoDay(day: number): string {
  return (isoDates[day] ??= new Date(day * DAY).toISOString().slice(0, 10));
}

/** A date uniformly in [from, to] (ISO, inclusive): Rng.date's job, at a fraction of its cost. */
export function randomDate(rng: Rng, from: string, to: string): string {
  const first = dayNumber(from);
  return isoDay(first + Math.floor(rng.float() * (dayNumber(to) - first + 1)));
}

/** A date picker: a year by weight, then a day in it (the last year stops at LAST_DAY). */
export function yearlyDates(rng: Rng, years: readonly (readonly [number, number])[]): () => string {
  const lastYear = Number(LAST_DAY.slice(0, 4));
  const pickYear = weightedPicker(rng, years.map(([, w]) => w));
  return () => {
    const year = years[pickYear()][0];
    return randomDate(rng, `${year}-01-01`, year === lastYear ? LAST_DAY : `${year}-12-31`);
  };
}

/** Whole months from one ISO date to another (floor), without allocating. */
export function monthsBetween(from: string, to: string): number {
  const n = (s: string, a: number, b: number) => Number(s.slice(a, b));
  return (n(to, 0, 4) - n(from, 0, 4)) * 12 + n(to, 5, 7) - n(from, 5, 7) - (n(to, 8, 10) < n(from, 8, 10) ? 1 : 0);
}

/** Years from..to with weights rising as (year − from + 1)^power: the reform gathered pace. */
export function risingYears(from: number, to: number, power: number): [number, number][] {
  return Array.from({ length: to - from + 1 }, (_, i) => [from + i, (i + 1) ** power] as [number, number]);
}

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
