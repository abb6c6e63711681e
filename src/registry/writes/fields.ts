import { creditCodeProblem } from '../../common/credit-code';
import { dayAfterYearsFromToday, isCalendarDate } from '../../common/calendar';
import { nationalIdProblem, phoneProblem } from '../../common/national-id';
import { fromGlobalId, integerKeyOf } from '../../graphql/relay/global-id';

/**
 * The kinds of value a writable field holds. Each kind checks a value as GraphQL delivers it,
 * and reads one from text (a CSV cell), so that both paths share one set of rules.
 */
export type FieldKind =
  | { type: 'text'; max: number; problem?: (value: string) => string | null; upperCase?: boolean }
  | { type: 'integer'; min: number; max: number }
  | { type: 'decimal'; min: number }
  | { type: 'date'; min: string; maxYearsAhead: number }
  | { type: 'boolean' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'division'; level: 'district' | 'city' | 'province' }
  /** A reference to another record: by its global ID, or by a natural key of the target table. */
  | { type: 'reference'; typename: string; table: string; by: 'id' | 'external_id' | 'credit_code'; sameCity?: boolean };

export interface FieldSpec {
  kind: FieldKind;
  /** The column the value is stored in (several reference fields may fill one column). */
  column: string;
  /** SQL type of the column, for jsonb_to_recordset. */
  sqlType: 'text' | 'integer' | 'numeric' | 'date' | 'boolean' | 'char(6)' | 'char(18)';
}

export const field = {
  text: (column: string, max: number, options: { problem?: (v: string) => string | null; upperCase?: boolean } = {}): FieldSpec => ({
    kind: { type: 'text', max, ...options },
    column,
    sqlType: 'text',
  }),
  creditCode: (column: string): FieldSpec => ({
    kind: { type: 'text', max: 18, upperCase: true, problem: creditCodeText },
    column,
    sqlType: 'char(18)',
  }),
  nationalId: (column: string): FieldSpec => field.text(column, 18, { problem: nationalIdProblem, upperCase: true }),
  phone: (column: string): FieldSpec => field.text(column, 30, { problem: phoneProblem }),
  integer: (column: string, min: number, max: number): FieldSpec => ({ kind: { type: 'integer', min, max }, column, sqlType: 'integer' }),
  decimal: (column: string, min: number): FieldSpec => ({ kind: { type: 'decimal', min }, column, sqlType: 'numeric' }),
  /** Dates from the founding of the PRC up to some years ahead (deadlines may lie in the future). */
  date: (column: string, maxYearsAhead = 0, min = '1949-10-01'): FieldSpec => ({ kind: { type: 'date', min, maxYearsAhead }, column, sqlType: 'date' }),
  boolean: (column: string): FieldSpec => ({ kind: { type: 'boolean' }, column, sqlType: 'boolean' }),
  /** The enum's values are read when checked: an enum filled once every module is found (GoalMetric) is complete by then. */
  enum: (column: string, values: Record<string, string>): FieldSpec => ({
    kind: {
      type: 'enum',
      get values() {
        return Object.values(values);
      },
    },
    column,
    sqlType: 'text',
  }),
  city: (): FieldSpec => ({ kind: { type: 'division', level: 'city' }, column: 'city_code', sqlType: 'char(6)' }),
  district: (): FieldSpec => ({ kind: { type: 'division', level: 'district' }, column: 'district_code', sqlType: 'char(6)' }),
  province: (): FieldSpec => ({ kind: { type: 'division', level: 'province' }, column: 'province_code', sqlType: 'char(6)' }),
  /** A reference; `sameCity`: the referenced record must lie in the record's own city (a studio's lead craftsman). */
  reference: (column: string, typename: string, table: string, by: 'id' | 'external_id' | 'credit_code' = 'id', options: { sameCity?: boolean } = {}): FieldSpec => ({
    kind: { type: 'reference', typename, table, by, ...options },
    column,
    sqlType: 'integer',
  }),
};

function creditCodeText(value: string): string | null {
  const problem = creditCodeProblem(value);
  if (problem === 'LENGTH') return 'a credit code has 18 characters';
  if (problem === 'CHARACTERS') return 'a credit code has only digits and the capital letters A-Y except I, O, S, V, Z';
  if (problem === 'CHECK_CHARACTER') return 'its last character does not match the GB 32100-2015 check character';
  return null;
}

/** Direction overrides and isolates (U+202A–202E, U+2066–2069), marks (U+200E, U+200F, U+061C): they reorder what a reader sees. */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** Characters with no width: a text made of nothing else looks empty (or like another) while it is not. */
const INVISIBLE = /[\u00ad\u034f\u180e\u200b-\u200d\u2060-\u2064\ufeff]/gu;

/**
 * Why text shows a reader something other than what it holds, or null: C0 and C1 controls (U+0000–001F,
 * U+007F–009F), line and paragraph separators (U+2028, U+2029), bidirectional controls, or nothing
 * visible at all. A name spoofed with U+202E reads backwards in a list of names.
 */
export function hiddenCharacterIn(text: string): string | null {
  const control = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u.exec(text);
  if (control) return `must not contain control characters or line separators (控制字符或换行符; U+${control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
  const bidi = BIDI_CONTROL.exec(text);
  if (bidi) return `must not contain bidirectional control characters (双向控制字符), which change how the text reads (U+${bidi[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
  if (text.replace(INVISIBLE, '').trim() === '') return 'must contain visible characters (可见字符): it holds only zero-width ones';
  return null;
}

/** A reference still to be looked up in the database. */
export interface PendingReference {
  table: string;
  typename: string;
  by: 'id' | 'external_id' | 'credit_code';
  value: string | number;
}

export type Checked = { ok: true; value: unknown } | { ok: false; message: string };

const ok = (value: unknown): Checked => ({ ok: true, value });
const bad = (message: string): Checked => ({ ok: false, message });

/**
 * Checks a provided value (null clears a field). Text is trimmed; references come back as a
 * PendingReference for the batch lookup.
 */
export function checkValue(spec: FieldSpec, value: unknown): Checked {
  if (value === null) return ok(null);
  const kind = spec.kind;
  switch (kind.type) {
    case 'text': {
      if (typeof value !== 'string') return bad('must be text');
      let text = value.trim();
      if (kind.upperCase) text = text.toUpperCase();
      if (!text) return ok(null);
      if ([...text].length > kind.max) return bad(`must be at most ${kind.max} characters (got ${[...text].length})`);
      const hidden = hiddenCharacterIn(text);
      if (hidden) return bad(hidden);
      const problem = kind.problem?.(text);
      return problem ? bad(problem) : ok(text);
    }
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return bad('must be a whole number');
      if (value < kind.min || value > kind.max) return bad(`must be between ${kind.min} and ${kind.max} (got ${value})`);
      return ok(value);
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad('must be a number');
      return value < kind.min ? bad(`must be at least ${kind.min} (got ${value})`) : ok(value);
    case 'date': {
      if (typeof value !== 'string' || !isCalendarDate(value)) return bad('must be a date as YYYY-MM-DD');
      if (value < kind.min) return bad(`must be on or after ${kind.min}`);
      const latest = dayAfterYearsFromToday(kind.maxYearsAhead);
      if (value >= latest) return bad(kind.maxYearsAhead === 0 ? 'must not be in the future' : `must be within ${kind.maxYearsAhead} years from today`);
      return ok(value);
    }
    case 'boolean':
      return typeof value === 'boolean' ? ok(value) : bad('must be true or false');
    case 'enum':
      return typeof value === 'string' && kind.values.includes(value) ? ok(value) : bad(`must be one of ${kind.values.join(', ')}`);
    case 'division':
      return typeof value === 'string' && /^[1-8][0-9]{5}$/.test(value) ? ok(value) : bad('must be a six-digit division code such as "320100"');
    case 'reference': {
      if (typeof value !== 'string' || !value.trim()) return bad('must not be empty');
      const text = value.trim();
      if (kind.by === 'id') {
        let decoded;
        try {
          decoded = fromGlobalId(text);
        } catch {
          return bad(`'${text.slice(0, 60)}' is not an ID issued by this API`);
        }
        if (decoded.typename !== kind.typename) return bad(`must be the ID of a ${kind.typename}, not of a ${decoded.typename}`);
        // A well-formed ID whose key no row can have never reaches SQL.
        const rowId = integerKeyOf(decoded.key);
        if (rowId === null) return bad(`'${text.slice(0, 60)}' is not an ID issued by this API`);
        return ok({ table: kind.table, typename: kind.typename, by: 'id', value: rowId } satisfies PendingReference);
      }
      const key = kind.by === 'credit_code' ? text.toUpperCase() : text;
      return ok({ table: kind.table, typename: kind.typename, by: kind.by, value: key } satisfies PendingReference);
    }
  }
}

/** Reads a CSV cell as the kind's GraphQL-shaped value; an empty cell is null. */
export function fromText(spec: FieldSpec, cell: string): Checked {
  const text = cell.trim();
  if (text === '') return ok(null);
  switch (spec.kind.type) {
    case 'integer':
      return /^-?[0-9]+$/.test(text) ? ok(Number(text)) : bad(`'${text.slice(0, 40)}' is not a whole number`);
    case 'decimal':
      return /^-?[0-9]+(\.[0-9]+)?$/.test(text) ? ok(Number(text)) : bad(`'${text.slice(0, 40)}' is not a number`);
    case 'date':
      return ok(isoDateOf(text));
    case 'boolean': {
      const lower = text.toLowerCase();
      if (['true', 'yes', '1', '是'].includes(lower)) return ok(true);
      if (['false', 'no', '0', '否'].includes(lower)) return ok(false);
      return bad(`'${text.slice(0, 40)}' is not true or false`);
    }
    default:
      return ok(text);
  }
}

/** A date as spreadsheets write it in China: 2024-05-01, 2024/5/1, 2024.5.1, 2024年5月1日. */
const SPREADSHEET_DATE = /^([0-9]{4})\s*(?:[-/.]|年)\s*([0-9]{1,2})\s*(?:[-/.]|月)\s*([0-9]{1,2})\s*日?$/;

/** A spreadsheet's date as YYYY-MM-DD (checked afterwards like any date); other text as it is, for the check to refuse. */
export function isoDateOf(text: string): string {
  const match = SPREADSHEET_DATE.exec(text);
  return match ? `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}` : text;
}
