/**
 * Resident identity card number (公民身份号码), GB 11643-1999: six-digit region code, birth date
 * YYYYMMDD, three-digit sequence, and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

export function nationalIdCheckCharacter(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) throw new RangeError('a national ID body is 17 digits');
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * WEIGHTS[i], 0);
  return CHECK_CHARACTERS[sum % 11];
}

/** Why a string is not a valid national ID number, or null when it is one. */
export function nationalIdProblem(value: string): string | null {
  if (!/^[0-9]{17}[0-9X]$/.test(value)) return 'it must be 17 digits followed by a digit or X';
  if (!/^[1-8][0-9]{5}$/.test(value.slice(0, 6))) return 'its first six digits are not a region code';
  const [year, month, day] = [value.slice(6, 10), value.slice(10, 12), value.slice(12, 14)].map(Number);
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day || birth.getTime() > Date.now()) {
    return `its birth date ${value.slice(6, 14)} is not a real past date`;
  }
  if (nationalIdCheckCharacter(value.slice(0, 17)) !== value[17]) return 'its last character does not match the GB 11643 check digit';
  return null;
}

/** The birth date a valid national ID number carries, as YYYY-MM-DD. */
export function nationalIdBirthDate(value: string): string {
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
}

/** A mainland mobile number (11 digits from 13…19) or a landline with area code, e.g. 025-83123456. */
export function phoneProblem(value: string): string | null {
  const digits = value.replace(/^\+86[\s-]?/, '');
  if (/^1[3-9][0-9]{9}$/.test(digits) || /^0[1-9][0-9]{1,2}-?[1-9][0-9]{6,7}$/.test(digits)) return null;
  return 'expected a mainland mobile number such as 13912345678 or a landline such as 025-83123456';
}
