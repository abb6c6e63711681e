import { badInput } from '../errors/codes';

// A lone surrogate: a high one not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Longest text a substring search (`nameContains`, `textContains`) takes: the longest text searched
 * (a source's title) has 500 characters, and ILIKE's time grows with the pattern on every row.
 */
const MAX_SEARCH_LENGTH = 500;

/**
 * Why a string cannot be stored or searched as text: PostgreSQL's text refuses NUL (the request
 * would fail deep in SQL), a lone surrogate is no Unicode character (it would be stored as U+FFFD,
 * changing what the client sent), and a search (`field` ending in `Contains`) longer than anything
 * searched only costs time. Null when the string is fine.
 */
export function textProblem(value: string, field = ''): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character (U+0000), which text may not hold';
  if (LONE_SURROGATE.test(value)) return 'contains a lone UTF-16 surrogate, which is not a Unicode character';
  if (field.endsWith('Contains') && value.length > MAX_SEARCH_LENGTH) return `is ${value.length} characters long; a search takes at most ${MAX_SEARCH_LENGTH}`;
  return null;
}

/** Throws BAD_USER_INPUT naming the argument (e.g. `filter.nameContains`, `ids[2]`) of the first bad string. */
export function checkArgumentText(value: unknown, path: string, field = path): void {
  if (typeof value === 'string') {
    const problem = textProblem(value, field);
    if (problem) throw badInput(`'${path}' ${problem}.`, path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkArgumentText(item, `${path}[${i}]`, field));
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) checkArgumentText(item, `${path}.${key}`, key);
  }
}
