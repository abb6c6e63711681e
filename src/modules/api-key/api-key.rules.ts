import { Role } from '../../auth/caller';

/** The longest label the table accepts (migration 11). */
export const MAX_LABEL_LENGTH = 200;

export interface ApiKeyInput {
  role: Role;
  cityCode: string | null;
  label: string;
}

/** A rule a new key breaks, named by the input field at fault. */
export interface ApiKeyProblem {
  field: 'role' | 'cityCode' | 'label';
  message: string;
}

export const ROLES = Object.values(Role) as Role[];

export function isRole(value: string): value is Role {
  return (ROLES as string[]).includes(value);
}

/**
 * What is wrong with a new key before the database is asked: shared by the CLI and the ADMIN
 * mutation. Whether the city exists is checked against the registry by the caller.
 */
export function apiKeyProblems(input: ApiKeyInput): ApiKeyProblem[] {
  const problems: ApiKeyProblem[] = [];
  if (input.role === Role.CITY_EDITOR && !input.cityCode) {
    problems.push({ field: 'cityCode', message: 'A CITY_EDITOR key belongs to one city: give its six-digit division code, e.g. 320100 (南京).' });
  }
  if (input.role !== Role.CITY_EDITOR && input.cityCode) {
    problems.push({ field: 'cityCode', message: `Only CITY_EDITOR keys belong to a city; ${input.role} keys must not name one.` });
  }
  if (input.cityCode && !/^[1-8][0-9]{5}$/.test(input.cityCode)) {
    problems.push({ field: 'cityCode', message: `'${input.cityCode.slice(0, 20)}' is not a division code: expected six digits such as 320100.` });
  }
  const label = input.label.trim();
  if (!label) problems.push({ field: 'label', message: 'A label is required: say who holds the key, e.g. "Nanjing portal".' });
  const length = [...label].length;
  if (length > MAX_LABEL_LENGTH) problems.push({ field: 'label', message: `A label has at most ${MAX_LABEL_LENGTH} characters; this one has ${length}.` });
  return problems;
}
