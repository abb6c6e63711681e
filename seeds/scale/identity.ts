/** Synthetic but well-formed personal fields for sample craftsmen: GB 11643 ID numbers and mobile numbers. */
import { nationalIdCheckCharacter } from '../../src/common/national-id';
import type { Rng } from '../published/random';
import { pad, randomDate } from './common';

/**
 * A national ID number registered in the city (its division code as region), born `age` years
 * before `year`; `taken` keeps them unique within one generator run.
 */
export function nationalIdNumber(rng: Rng, regionCode: string, year: number, age: number, taken: Set<string>): string {
  for (;;) {
    const birth = randomDate(rng, `${year - age}-01-01`, `${year - age}-12-31`).replaceAll('-', '');
    const body = `${regionCode}${birth}${pad(rng.int(0, 999), 3)}`;
    const id = body + nationalIdCheckCharacter(body);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** An 11-digit mainland mobile number (13x–19x). */
export function mobileNumber(rng: Rng): string {
  return `1${rng.int(3, 9)}${pad(rng.int(0, 999_999_999), 9)}`;
}
