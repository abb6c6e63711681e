import { checkValue, field } from '../../registry/writes/fields';
import { nationalIdBirthDate, nationalIdCheckCharacter, nationalIdProblem, phoneProblem } from '../national-id';

/**
 * GB 11643-1999 check digit, written out again here from the standard (ISO 7064 MOD 11-2),
 * independently of the module's weight table: the i-th of the first 17 digits (i = 1..17, counted
 * from the left) is weighted 2^(18-i) mod 11; the check value is (12 - sum mod 11) mod 11, and the
 * value 10 is written X.
 */
function referenceCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    let weight = 1;
    for (let k = 0; k < 17 - i; k += 1) weight = (weight * 2) % 11;
    sum += Number(body[i]) * weight;
  }
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

/** A small deterministic generator (mulberry32), so that the random cases are the same on every run. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Real county-level division codes (Nanjing, Wuhan, Xi'an, Beijing Dongcheng, Shenzhen Futian). */
const REGIONS = ['320102', '320104', '320115', '420106', '610113', '110101', '440304'];

/** A valid number: a real region, a real birth date between 1950 and 2005, a sequence, the reference check digit. */
function validNumber(random: ReturnType<typeof generator>): string {
  const year = random.int(1950, 2005);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  const body = `${REGIONS[random.int(0, REGIONS.length - 1)]}${year}${pad(month, 2)}${pad(day, 2)}${pad(random.int(0, 999), 3)}`;
  return body + referenceCheck(body);
}

describe('nationalIdCheckCharacter', () => {
  it('gives the worked examples of the standard (GB 11643-1999, appendix)', () => {
    // 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 weighted 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2:
    // 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2; (12 - 2) mod 11 = 10, written X.
    expect(referenceCheck('11010519491231002')).toBe('X');
    expect(nationalIdCheckCharacter('11010519491231002')).toBe('X');
    // 4 4 0 5 2 4 1 8 8 0 0 1 0 1 0 0 1: sum 195; 195 mod 11 = 8; (12 - 8) mod 11 = 4.
    expect(referenceCheck('44052418800101001')).toBe('4');
    expect(nationalIdCheckCharacter('44052418800101001')).toBe('4');
  });

  it('agrees with the reference on 2,000 generated bodies', () => {
    const random = generator(11643);
    const disagreements: string[] = [];
    for (let i = 0; i < 2000; i += 1) {
      const body = Array.from({ length: 17 }, () => random.int(0, 9)).join('');
      if (nationalIdCheckCharacter(body) !== referenceCheck(body)) disagreements.push(body);
    }
    expect(disagreements).toEqual([]);
  });

  it('refuses a body that is not 17 digits', () => {
    expect(() => nationalIdCheckCharacter('1101051949123100')).toThrow(RangeError);
    expect(() => nationalIdCheckCharacter('1101051949123100A')).toThrow(RangeError);
  });
});

describe('nationalIdProblem', () => {
  it.each(['11010519491231002X', '320102199003071239', '320102199003070017'])('accepts %s, whose check digit the reference computes', (value) => {
    expect(referenceCheck(value.slice(0, 17))).toBe(value[17]);
    expect(nationalIdProblem(value)).toBeNull();
  });

  it('accepts an X check digit and refuses the same number with a digit in its place', () => {
    expect(nationalIdProblem('11010519491231002X')).toBeNull();
    for (const digit of '0123456789') expect(nationalIdProblem(`11010519491231002${digit}`)).toMatch(/check digit/);
  });

  it('refuses a wrong check digit', () => {
    expect(nationalIdProblem('320102199003071238')).toMatch(/GB 11643 check digit/);
    expect(nationalIdProblem('320102199003071230')).toMatch(/GB 11643 check digit/);
  });

  it('refuses a wrong shape: length, letters, a lower-case x (the write engine upper-cases first)', () => {
    expect(nationalIdProblem('32010219900307123')).toMatch(/17 digits/);
    expect(nationalIdProblem('3201021990030712399')).toMatch(/17 digits/);
    expect(nationalIdProblem('32010219900307A239')).toMatch(/17 digits/);
    expect(nationalIdProblem('11010519491231002x')).toMatch(/17 digits/);
  });

  it('refuses a region code that cannot exist', () => {
    const body = '00010519491231002';
    expect(nationalIdProblem(body + referenceCheck(body))).toMatch(/region code/);
    const nine = '91010519491231002';
    expect(nationalIdProblem(nine + referenceCheck(nine))).toMatch(/region code/);
  });

  it.each([
    ['19900230', 'February 30th'],
    ['19901301', 'month 13'],
    ['19900000', 'month and day 0'],
    ['20230229', 'February 29th of a common year'],
    ['19000229', '1900 was not a leap year'],
    ['18991231', 'before 1900'],
  ])('refuses the impossible birth date %s (%s), even with the right check digit', (date) => {
    const body = `320102${date}123`;
    expect(nationalIdProblem(body + referenceCheck(body))).toMatch(/birth date/);
  });

  it('accepts February 29th of a leap year', () => {
    const body = '32010220000229123';
    expect(nationalIdProblem(body + referenceCheck(body))).toBeNull();
  });

  it('refuses a birth date in the future', () => {
    const future = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const body = `320102${future}123`;
    expect(nationalIdProblem(body + referenceCheck(body))).toMatch(/birth date/);
  });

  it('refuses every number made by changing any one character of a valid number (500 generated numbers)', () => {
    // Each weight is non-zero mod 11 and 11 is prime, so changing one of the first 17 digits changes
    // the check value; changing the check character itself breaks it too.
    const random = generator(20250101);
    const refusedValid: string[] = [];
    const acceptedChanged: string[] = [];
    let checked = 0;
    for (let n = 0; n < 500; n += 1) {
      const valid = validNumber(random);
      if (nationalIdProblem(valid) !== null) refusedValid.push(valid);
      for (let position = 0; position < 18; position += 1) {
        const alternatives = position === 17 ? '0123456789X' : '0123456789';
        for (const replacement of alternatives) {
          if (replacement === valid[position]) continue;
          const changed = valid.slice(0, position) + replacement + valid.slice(position + 1);
          checked += 1;
          if (nationalIdProblem(changed) === null) acceptedChanged.push(`${valid} -> ${changed}`);
        }
      }
    }
    expect(refusedValid).toEqual([]);
    expect(acceptedChanged).toEqual([]);
    expect(checked).toBe(500 * (17 * 9 + 10));
  });

  it('reads the birth date a number carries', () => {
    expect(nationalIdBirthDate('11010519491231002X')).toBe('1949-12-31');
  });
});

describe('the nationalId field of the write engine', () => {
  const nationalId = field.nationalId('national_id_number');

  it('trims and upper-cases, then checks', () => {
    expect(checkValue(nationalId, ' 11010519491231002x ')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(checkValue(nationalId, '110105194912310021')).toEqual({ ok: false, message: expect.stringMatching(/check digit/) });
    expect(checkValue(nationalId, null)).toEqual({ ok: true, value: null });
  });
});

describe('phoneProblem', () => {
  it.each([
    ['13912345678', 'a mobile number'],
    ['19912345678', 'a mobile number from the 199 range'],
    ['+86 13912345678', 'with the country code and a space'],
    ['+86-13912345678', 'with the country code and a hyphen'],
    ['+8613912345678', 'with the country code run on'],
    ['025-83123456', 'a Nanjing landline'],
    ['02583123456', 'a landline without the hyphen'],
    ['010-12345678', 'a Beijing landline'],
    ['0755-1234567', 'a landline with a four-digit area code and seven digits'],
  ])('accepts %s (%s)', (value) => {
    expect(phoneProblem(value)).toBeNull();
  });

  it.each([
    ['12345678901', 'no mobile range starts 12'],
    ['1391234567', 'ten digits'],
    ['139123456789', 'twelve digits'],
    ['025-03123456', 'a local number starting with 0'],
    ['83123456', 'a landline without its area code'],
    ['+1 4155550123', 'a number outside the mainland'],
    ['phone', 'not a number'],
  ])('refuses %s (%s)', (value) => {
    expect(phoneProblem(value)).toMatch(/mainland mobile number/);
  });
});
