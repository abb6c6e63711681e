import { addDays, dateOfDay, dayNumber, daysBetween, isCalendarDate, monthsBetween } from '../calendar';

describe('calendar dates', () => {
  it('are real dates written YYYY-MM-DD, nothing else', () => {
    for (const good of ['2026-01-31', '2028-02-29', '1949-10-01', '0001-01-01', '9999-12-31']) expect(isCalendarDate(good)).toBe(true);
    for (const bad of ['2026-02-29', '2025-02-30', '2026-13-01', '2026-00-10', '2026-1-5', '2026-01-05T00:00:00Z', ' 2026-01-05', '20260105', '']) {
      expect(isCalendarDate(bad)).toBe(false);
    }
  });

  it('count whole days from 1970-01-01, there and back', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-02-01')).toBe(31);
    expect(dateOfDay(dayNumber('2028-02-29'))).toBe('2028-02-29');
    expect(dateOfDay(-1)).toBe('1969-12-31');
  });

  it('count calendar days between them, across month, year and leap days', () => {
    expect(daysBetween('2026-01-01', '2026-01-31')).toBe(30);
    expect(daysBetween('2025-10-23', '2026-12-31')).toBe(434);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-12-31', '2026-12-30')).toBe(-1);
  });

  it('add days across month, year and leap days, backwards too', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-25', -365)).toBe('2025-11-25');
    expect(addDays('2026-11-25', 0)).toBe('2026-11-25');
  });

  it('count whole months between them, a month not yet full not counted', () => {
    expect(monthsBetween('2025-01-15', '2025-02-15')).toBe(1);
    expect(monthsBetween('2025-01-15', '2025-02-14')).toBe(0);
    expect(monthsBetween('2025-01-31', '2025-02-28')).toBe(0);
    expect(monthsBetween('2021-06-01', '2025-10-22')).toBe(52);
    expect(monthsBetween('2025-10-22', '2025-10-22')).toBe(0);
    expect(monthsBetween('2025-03-10', '2025-01-10')).toBe(-2);
  });
});
