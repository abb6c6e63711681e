import { checkValue, field, fromText, isoDateOf } from '../fields';

describe('dates as spreadsheets write them', () => {
  it.each([
    ['2024-05-01', '2024-05-01'],
    ['2024/5/1', '2024-05-01'],
    ['2024.12.31', '2024-12-31'],
    ['2024年5月1日', '2024-05-01'],
    ['2024 年 11 月 20 日', '2024-11-20'],
  ])('%s is %s', (cell, iso) => {
    expect(isoDateOf(cell)).toBe(iso);
    expect(fromText(field.date('d'), cell)).toEqual({ ok: true, value: iso });
  });

  it('leaves other text for the date check to refuse, naming the format', () => {
    for (const cell of ['5/1/2024', '2024/5', '2024/13/1', '二〇二四年五月一日']) {
      const read = fromText(field.date('d'), cell);
      expect(read.ok).toBe(true);
      expect(checkValue(field.date('d'), (read as { value: unknown }).value)).toEqual({ ok: false, message: 'must be a date as YYYY-MM-DD' });
    }
  });
});
