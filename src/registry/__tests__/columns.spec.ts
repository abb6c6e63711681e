import 'reflect-metadata';
import { enumColumn, float, integer, internal, localDate, selectItems, text, writtenFields } from '../columns';

enum Colour {
  RED = 'RED',
  BLUE = 'BLUE',
}

describe('a column declared once', () => {
  const columns = {
    id: internal<number>('t.id'),
    name: text('t.name', 'Name (名称).').written({ max: 200 }),
    nameEn: text('t.name_en', 'English name.').orNull().written({ max: 100 }),
    colour: enumColumn(Colour)('t.colour', 'Colour.').orNull().written(),
    value: float('t.value::float8', 'Value.').written({ min: 0 }),
    expiresOn: localDate('(t.signed_on + 1)', 'Computed, never written.').orNull(),
    year: integer('t.year', 'Year.').written({ min: 1949, max: 2100 }),
    deadline: localDate('t.deadline', 'Deadline.').written({ maxYearsAhead: 30 }),
  };

  it('selects each column under its property name, bare where the names agree', () => {
    expect([...selectItems(columns).values()]).toEqual([
      't.id',
      't.name',
      't.name_en AS "nameEn"',
      't.colour',
      't.value::float8 AS "value"',
      '(t.signed_on + 1) AS "expiresOn"',
      't.year',
      't.deadline',
    ]);
  });

  it('keeps its GraphQL nullability apart from its writing', () => {
    expect(columns.name.field).toMatchObject({ nullable: false, description: 'Name (名称).' });
    expect(columns.nameEn.field).toMatchObject({ nullable: true });
    expect(columns.id.field).toBeNull();
  });

  it('gives the write engine each written column as its kind, by property name, in order, on the stored column', () => {
    const fields = writtenFields(columns);
    expect(Object.keys(fields)).toEqual(['name', 'nameEn', 'colour', 'value', 'year', 'deadline']);
    expect(fields.name).toMatchObject({ column: 'name', kind: { type: 'text', max: 200 } });
    expect(fields.nameEn).toMatchObject({ column: 'name_en', kind: { type: 'text', max: 100 } });
    expect(fields.colour).toMatchObject({ column: 'colour', kind: { type: 'enum', values: ['RED', 'BLUE'] } });
    expect(fields.value).toMatchObject({ column: 'value', kind: { type: 'decimal', min: 0 } });
    expect(fields.year).toMatchObject({ column: 'year', kind: { type: 'integer', min: 1949, max: 2100 } });
    expect(fields.deadline).toMatchObject({ column: 'deadline', kind: { type: 'date', maxYearsAhead: 30 } });
  });

  it('refuses, when declared, a written column without its bounds or that is not a column of the table', () => {
    expect(() => text('t.name', 'Name.').written()).toThrow(/column name: a written text column needs max/);
    expect(() => integer('t.year', 'Year.').written({ min: 0 })).toThrow(/needs max/);
    expect(() => localDate('(t.signed_on + 1)', 'Computed.').written()).toThrow(/is not a column of the table/);
    expect(() => internal<number>('t.enterprise_id').written()).toThrow(/writtenAs/);
  });
});
