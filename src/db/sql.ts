import { escapeLiteral } from 'pg';
// pg's own conversion of a bind parameter's value to text (not in its typings); renderInline uses it so that a literal means what the parameter meant.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prepareValue } = require('pg/lib/utils') as { prepareValue: (value: unknown) => string | Buffer | null | undefined };

/**
 * A tiny SQL builder: tagged templates whose interpolations become bind parameters, so no value
 * is ever pasted into SQL text. Identifiers come only from code (`raw`), never from requests.
 */
export class SqlFragment {
  constructor(
    readonly parts: ReadonlyArray<string | SqlFragment | Param>,
    /** See planByValues. */
    readonly plannedByValues = false,
  ) {}
}

class Param {
  constructor(readonly value: unknown) {}
}

export interface Statement {
  text: string;
  values: unknown[];
  /** Some part's plan depends on its values (planByValues): the statement must not run prepared. */
  plannedByValues: boolean;
}

/**
 * Marks a condition whose best plan depends on its values: a name search uses the trigram index when
 * its pattern is selective, which a prepared statement's generic plan cannot know (measured at scale 10:
 * a page of a 5-character search took 440 ms on the generic plan, walking the primary key, and 4 ms
 * planned for its pattern). A statement with such a part runs unnamed, planned each time.
 */
export function planByValues(fragment: SqlFragment): SqlFragment {
  return new SqlFragment(fragment.parts, true);
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  const parts: Array<string | SqlFragment | Param> = [];
  strings.forEach((s, i) => {
    if (s) parts.push(s);
    if (i < values.length) {
      const v = values[i];
      parts.push(v instanceof SqlFragment ? v : new Param(v));
    }
  });
  return new SqlFragment(parts);
}

/** Trusted SQL text written in code (column lists, identifiers from enum maps). */
export function raw(text: string): SqlFragment {
  return new SqlFragment([text]);
}

export function join(fragments: ReadonlyArray<SqlFragment>, separator: string): SqlFragment {
  const parts: Array<string | SqlFragment> = [];
  fragments.forEach((f, i) => {
    if (i > 0) parts.push(separator);
    parts.push(f);
  });
  return new SqlFragment(parts);
}

/** `WHERE a AND b`, or nothing when there are no conditions. */
export function where(conditions: ReadonlyArray<SqlFragment>): SqlFragment {
  return conditions.length ? sql`WHERE ${join(conditions, ' AND ')}` : raw('');
}

export function render(fragment: SqlFragment): Statement {
  const values: unknown[] = [];
  let plannedByValues = false;
  const text = walk(fragment, (value) => {
    values.push(value);
    return `$${values.length}`;
  }, () => (plannedByValues = true));
  return { text, values, plannedByValues };
}

/** The fragment's text, each value written as `placeholder` says. */
function walk(fragment: SqlFragment, placeholder: (value: unknown) => string, onPlannedByValues: () => void = () => undefined): string {
  if (fragment.plannedByValues) onPlannedByValues();
  return fragment.parts
    .map((p) => (typeof p === 'string' ? p : p instanceof SqlFragment ? walk(p, placeholder, onPlannedByValues) : placeholder(p.value)))
    .join('');
}

/** Whether any value of the fragment is bound as a parameter (rather than written in code). */
export function bindsValues(fragment: SqlFragment): boolean {
  return fragment.parts.some((p) => p instanceof Param || (p instanceof SqlFragment && bindsValues(p)));
}

/**
 * A row count (a page's LIMIT) written into the text rather than bound: for a generic plan PostgreSQL costs
 * `LIMIT $n` as a tenth of the table, so a prepared statement's generic plan looks far dearer than its custom
 * plans and is never chosen: every execution is planned again. Only a count from code (a page size the
 * limits bound): each size asked is a text of its own.
 */
export function rowCount(count: number): SqlFragment {
  if (!Number.isSafeInteger(count) || count < 0) throw new Error(`a row count is a whole number, not ${count}`);
  return raw(String(count));
}

/** Escapes LIKE wildcards so a name search matches the text literally. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The fragment as one statement with its values written in as literals, for the one statement that
 * cannot take bind parameters: COPY (src/modules/export/export-copy.ts). Each value is made text exactly
 * as pg makes a bind parameter's (its prepareValue: arrays as array literals, dates with their offset) and
 * quoted by pg's escapeLiteral; like an untyped parameter, a quoted literal takes its type from where it
 * stands. test/db/sql-literals.int.spec.ts pins that both give the same rows.
 */
export function renderInline(fragment: SqlFragment): string {
  return walk(fragment, literalOf);
}

function literalOf(value: unknown): string {
  const prepared = prepareValue(value);
  return prepared === null || prepared === undefined ? 'NULL' : escapeLiteral(typeof prepared === 'string' ? prepared : prepared.toString());
}
