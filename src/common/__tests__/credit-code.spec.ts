import { CreditCodeScalar } from '../../graphql/scalars';
import { creditCodeCheckCharacter, creditCodeProblem, isValidCreditCode, syntheticCreditCode } from '../credit-code';

/**
 * GB 32100-2015, written out again here from the standard, independently of the module:
 * characters are worth 0-30 in the alphabet 0-9 A-H J-N P Q R T U W X Y (no I, O, S, V, Z);
 * the i-th of the first 17 characters (i = 1..17) is weighted 3^(i-1) mod 31; the check
 * character is worth 31 - (sum mod 31), where 31 means 0.
 */
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function referenceCheck(body: string): string {
  let sum = 0;
  let weight = 1;
  for (const ch of body) {
    sum += REFERENCE_ALPHABET.indexOf(ch) * weight;
    weight = (weight * 3) % 31;
  }
  const c = 31 - (sum % 31);
  return REFERENCE_ALPHABET[c === 31 ? 0 : c];
}

/** GB 11714-1997 organisation code check (the 9th character), also written out again. */
function referenceOrganisationCheck(first8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first8].reduce((acc, ch, i) => acc + Number(ch) * weights[i], 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

describe('creditCodeCheckCharacter', () => {
  it('computes the worked example by hand (Huawei Technologies Co., Ltd., 914403001922038216)', () => {
    // body      9  1  4  4  0  3  0  0  1  9  2  2  0  3  8  2  1
    // weight    1  3  9 27 19 26 16 17 20 29 25 13  8 24 10 30 28
    // product   9  3 36 108 0 78  0  0 20 261 50 26 0 72 80 60 28   sum = 831
    // 831 mod 31 = 25 (31 × 26 = 806), 31 - 25 = 6, and the character worth 6 is '6'.
    expect(creditCodeCheckCharacter('91440300192203821')).toBe('6');
    expect(referenceCheck('91440300192203821')).toBe('6');
  });

  it('computes a letter check character (Shenzhen Tencent Computer Systems, 91440300708461136T)', () => {
    // sum = 966, 966 mod 31 = 5, 31 - 5 = 26, and the character worth 26 is 'T' (no I, O or S before it).
    expect(creditCodeCheckCharacter('91440300708461136')).toBe('T');
  });

  it.each([
    ['914403001922038216', 'Huawei Technologies Co., Ltd.'],
    ['91440300708461136T', 'Shenzhen Tencent Computer Systems Co., Ltd.'],
    ['91330100799655058B', 'Alibaba (China) Co., Ltd.'],
    ['91110108551385082Q', 'Beijing Xiaomi Technology Co., Ltd.'],
  ])('accepts the published code %s (%s)', (code) => {
    expect(referenceCheck(code.slice(0, 17))).toBe(code[17]);
    expect(creditCodeCheckCharacter(code.slice(0, 17))).toBe(code[17]);
    expect(creditCodeProblem(code)).toBeNull();
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('maps a sum divisible by 31 to the check character 0', () => {
    // Vary the 17th character (weight 28, coprime to 31) until the reference gives a remainder of 0.
    const body = [...REFERENCE_ALPHABET].map((last) => `9132010000000000${last}`).find((b) => referenceCheck(b) === '0');
    expect(body).toBeDefined();
    expect(creditCodeCheckCharacter(body!)).toBe('0');
    expect(isValidCreditCode(`${body}0`)).toBe(true);
  });

  it('agrees with the reference on many deterministic pseudo-random bodies', () => {
    let seed = 20251023;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 2000; n += 1) {
      const body = Array.from({ length: 17 }, () => REFERENCE_ALPHABET[next() % 31]).join('');
      expect(creditCodeCheckCharacter(body)).toBe(referenceCheck(body));
    }
  });

  it('refuses bodies of the wrong length or with characters outside the alphabet', () => {
    expect(() => creditCodeCheckCharacter('9144030019220382')).toThrow(RangeError);
    expect(() => creditCodeCheckCharacter('914403001922038216')).toThrow(RangeError);
    expect(() => creditCodeCheckCharacter('9144030019220382I')).toThrow(RangeError);
  });
});

describe('creditCodeProblem', () => {
  it('reports the length first', () => {
    expect(creditCodeProblem('')).toBe('LENGTH');
    expect(creditCodeProblem('91440300192203821')).toBe('LENGTH');
    expect(creditCodeProblem('9144030019220382160')).toBe('LENGTH');
  });

  it.each([
    ['914403001922O38216', 'the letter O'],
    ['914403001922I38216', 'the letter I'],
    ['91440300192203821S', 'S as check character'],
    ['91440300192203821V', 'V'],
    ['91440300192203821Z', 'Z'],
    ['91440300708461136t', 'a lower-case letter'],
    ['9144030019220382-6', 'punctuation'],
    ['9144030019220382 6', 'a space'],
    ['９14403001922038216', 'a full-width digit'],
  ])('reports CHARACTERS for %s (%s)', (code) => {
    expect(creditCodeProblem(code)).toBe('CHARACTERS');
    expect(isValidCreditCode(code)).toBe(false);
  });

  it('reports CHECK_CHARACTER for a wrong last character or a changed body', () => {
    expect(creditCodeProblem('914403001922038217')).toBe('CHECK_CHARACTER');
    expect(creditCodeProblem('91440300708461136U')).toBe('CHECK_CHARACTER');
    // one digit of the body changed: the check no longer matches
    expect(creditCodeProblem('914403001922038226')).toBe('CHECK_CHARACTER');
    // two neighbouring characters swapped
    expect(creditCodeProblem('914403001922038126')).toBe('CHECK_CHARACTER');
  });

  it('catches every single-character substitution of a valid code', () => {
    const code = '91330100799655058B';
    for (let i = 0; i < 18; i += 1) {
      for (const ch of REFERENCE_ALPHABET) {
        if (ch === code[i]) continue;
        const changed = code.slice(0, i) + ch + code.slice(i + 1);
        expect(creditCodeProblem(changed)).toBe('CHECK_CHARACTER');
      }
    }
  });
});

describe('syntheticCreditCode', () => {
  it.each([
    ['320100', 1],
    ['320100', 14],
    ['320000', 20_799],
    ['420100', 99_999_999],
  ])('builds a valid code for division %s, serial %d', (division, serial) => {
    const code = syntheticCreditCode(division, serial);
    expect(code).toHaveLength(18);
    expect(code.slice(0, 2)).toBe('91'); // industry and commerce, enterprise
    expect(code.slice(2, 8)).toBe(division);
    const org8 = String(serial).padStart(8, '0');
    expect(code.slice(8, 16)).toBe(org8);
    expect(code[16]).toBe(referenceOrganisationCheck(org8));
    expect(code[17]).toBe(referenceCheck(code.slice(0, 17)));
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('gives XCMG (Xuzhou, serial 1) the code the CreditCode scalar quotes as its example', () => {
    expect(syntheticCreditCode('320300', 1)).toBe('91320300000000019C');
  });

  it('gives different codes for different serials', () => {
    const codes = new Set(Array.from({ length: 500 }, (_, i) => syntheticCreditCode('320100', i + 1)));
    expect(codes.size).toBe(500);
  });
});

describe('the CreditCode scalar', () => {
  it('quotes only valid codes as examples in its description', () => {
    const examples = [...(CreditCodeScalar.description ?? '').matchAll(/"([0-9A-Z]{18})"/g)].map((m) => m[1]);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(creditCodeProblem(example)).toBeNull();
  });

  it('accepts a valid code and names the problem of an invalid one', () => {
    expect(CreditCodeScalar.parseValue('914403001922038216')).toBe('914403001922038216');
    expect(() => CreditCodeScalar.parseValue('914403001922038217')).toThrow(/GB 32100-2015 check/);
    expect(() => CreditCodeScalar.parseValue('91440300192203821')).toThrow(/18 characters/);
    expect(() => CreditCodeScalar.parseValue('914403001922O38216')).toThrow(/only digits and the capital letters/);
  });
});
