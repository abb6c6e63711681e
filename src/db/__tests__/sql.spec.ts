import { when } from '../../registry/filters';
import { join, likeContains, planByValues, raw, render, sql, where } from '../sql';

describe('sql tagged templates', () => {
  it('turn every interpolated value into a numbered bind parameter', () => {
    const name = "南京'; DROP TABLE enterprise; --";
    const statement = render(sql`SELECT * FROM enterprise WHERE name = ${name} AND employee_count >= ${100}`);
    expect(statement.text).toBe('SELECT * FROM enterprise WHERE name = $1 AND employee_count >= $2');
    expect(statement.values).toEqual([name, 100]);
    expect(statement.text).not.toContain('DROP');
  });

  it('pass arrays, nulls and dates as single values', () => {
    const day = new Date('2026-01-01T00:00:00Z');
    const statement = render(sql`x = ANY(${['320100', '320200']}) AND y IS NOT DISTINCT FROM ${null} AND z = ${day} AND w = ${undefined}`);
    expect(statement.text).toBe('x = ANY($1) AND y IS NOT DISTINCT FROM $2 AND z = $3 AND w = $4');
    expect(statement.values).toEqual([['320100', '320200'], null, day, undefined]);
  });

  it('renumber parameters of nested fragments in reading order', () => {
    const inner = sql`b = ${2} AND c = ${3}`;
    const deeper = sql`d IN (SELECT id FROM t WHERE e = ${4} AND ${sql`f = ${5}`})`;
    const statement = render(sql`a = ${1} AND (${inner}) AND ${deeper} AND g = ${6}`);
    expect(statement.text).toBe('a = $1 AND (b = $2 AND c = $3) AND d IN (SELECT id FROM t WHERE e = $4 AND f = $5) AND g = $6');
    expect(statement.values).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('give a fragment used twice its own parameters each time', () => {
    const condition = sql`city_code = ${'320100'}`;
    const statement = render(sql`${condition} OR ${condition}`);
    expect(statement.text).toBe('city_code = $1 OR city_code = $2');
    expect(statement.values).toEqual(['320100', '320100']);
  });

  it('render the same fragment the same way every time', () => {
    const fragment = sql`a = ${1} AND ${sql`b = ${2}`}`;
    expect(render(fragment)).toEqual(render(fragment));
  });

  it('paste raw text from code as it is, with no parameter', () => {
    const statement = render(sql`SELECT ${raw('t.id, t.name')} FROM ${raw('enterprise t')} WHERE t.id = ${7}`);
    expect(statement).toEqual({ text: 'SELECT t.id, t.name FROM enterprise t WHERE t.id = $1', values: [7], plannedByValues: false });
  });

  it('a template with nothing interpolated is its text', () => {
    expect(render(sql`SELECT 1`)).toEqual({ text: 'SELECT 1', values: [], plannedByValues: false });
    expect(render(sql``)).toEqual({ text: '', values: [], plannedByValues: false });
  });

  it('join fragments with a separator, keeping their parameters in order', () => {
    const statement = render(join([sql`a = ${1}`, sql`b = ${2}`, raw('c IS NULL')], ' OR '));
    expect(statement).toEqual({ text: 'a = $1 OR b = $2 OR c IS NULL', values: [1, 2], plannedByValues: false });
    expect(render(join([], ' AND '))).toEqual({ text: '', values: [], plannedByValues: false });
  });

  it('where() gives WHERE … AND …, or nothing without conditions', () => {
    expect(render(where([sql`a = ${1}`, sql`b = ${2}`]))).toEqual({ text: 'WHERE a = $1 AND b = $2', values: [1, 2], plannedByValues: false });
    expect(render(where([]))).toEqual({ text: '', values: [], plannedByValues: false });
  });
});

describe('likeContains', () => {
  it('wraps the text in % for a contains match', () => {
    expect(likeContains('南京')).toBe('%南京%');
  });

  it('escapes the LIKE wildcards % and _ so that they match themselves', () => {
    expect(likeContains('100%')).toBe('%100\\%%');
    expect(likeContains('a_b')).toBe('%a\\_b%');
    expect(likeContains('%_%')).toBe('%\\%\\_\\%%');
  });

  it('escapes the escape character itself first, so it cannot un-escape a wildcard', () => {
    expect(likeContains('a\\b')).toBe('%a\\\\b%');
    expect(likeContains('\\%')).toBe('%\\\\\\%%');
  });

  it('leaves other characters, quotes included, alone (they travel as a parameter)', () => {
    expect(likeContains("O'Brien [x] *")).toBe("%O'Brien [x] *%");
  });
});

describe('filter conditions', () => {
  it('contains: trimmed, escaped and passed as one parameter shared by an OR over the columns', () => {
    const [condition] = when.contains(['t.name', 't.name_en'], '  50%_off ');
    expect(render(condition)).toEqual({ text: '(t.name ILIKE $1 OR t.name_en ILIKE $2)', values: ['%50\\%\\_off%', '%50\\%\\_off%'], plannedByValues: true });
  });

  it('absent or blank inputs add no condition', () => {
    expect(when.contains(['t.name'], undefined)).toEqual([]);
    expect(when.contains(['t.name'], '   ')).toEqual([]);
    expect(when.equals('t.city_code', null)).toEqual([]);
    expect(when.inList('t.kind', undefined)).toEqual([]);
    expect(when.between('t.year', null, undefined)).toEqual([]);
  });

  it('equals, inList and between bind their values', () => {
    expect(render(where([...when.equals('t.is_sample', false), ...when.inList('t.kind', ['MODEL_WORKER']), ...when.between('t.year', 2020, 2025)]))).toEqual({
      text: 'WHERE t.is_sample = $1 AND t.kind = ANY($2) AND t.year >= $3 AND t.year <= $4',
      values: [false, ['MODEL_WORKER'], 2020, 2025],
      plannedByValues: false,
    });
  });

  it('an empty list matches nothing rather than being ignored', () => {
    expect(render(when.inList('t.kind', [])[0])).toEqual({ text: 't.kind = ANY($1)', values: [[]], plannedByValues: false });
  });

  it('mark a statement planned by its values when any part is (a name search): it then runs unnamed', () => {
    expect(render(sql`SELECT 1 WHERE a = ${1}`).plannedByValues).toBe(false);
    const [search] = when.contains(['t.name'], '工匠学院');
    expect(render(sql`SELECT id FROM enterprise t WHERE ${join([raw('t.archived_at IS NULL'), search], ' AND ')} ORDER BY t.id LIMIT ${21}`)).toMatchObject({
      text: 'SELECT id FROM enterprise t WHERE t.archived_at IS NULL AND (t.name ILIKE $1) ORDER BY t.id LIMIT $2',
      plannedByValues: true,
    });
    expect(render(planByValues(raw('x'))).plannedByValues).toBe(true);
  });
});
