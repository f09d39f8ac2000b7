// The date helpers: a bundle date as the interval it stands for, and a date printed at its precision.
import { describe, expect, it } from '@jest/globals';
import { dateAtPrecision, formatDate, onDate, parsePartialDate } from '../server/dates.js';

describe('a bundle date', () => {
  it('is a day, a month or a year, and stands for the days it covers', () => {
    expect(parsePartialDate('2022-06-13')).toEqual({ first: '2022-06-13', last: '2022-06-13', precision: 'DAY' });
    expect(parsePartialDate('2022-04')).toEqual({ first: '2022-04-01', last: '2022-04-30', precision: 'MONTH' });
    expect(parsePartialDate('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29', precision: 'MONTH' });
    expect(parsePartialDate('1689')).toEqual({ first: '1689-01-01', last: '1689-12-31', precision: 'YEAR' });
  });

  it('is refused when it is not a real month or day', () => {
    for (const bad of ['2022-02-30', '2022-13', '2022-4', '22-04', '13 June', 1689, '2022-06-13T00:00:00Z']) expect(parsePartialDate(bad)).toBeNull();
  });

  it('comes back from its first day and precision as it was written', () => {
    expect(dateAtPrecision('2022-04-01', 'MONTH')).toBe('2022-04');
    expect(dateAtPrecision('1689-01-01', 'YEAR')).toBe('1689');
    expect(dateAtPrecision('2022-06-13', null)).toBe('2022-06-13');
  });
});

describe('a date printed for a reader', () => {
  it('says no more than its precision, in either language', () => {
    expect(formatDate('2022-04', 'en')).toBe('April 2022');
    expect(formatDate('2022-04', 'zh')).toBe('2022年4月');
    expect(formatDate('1689', 'en')).toBe('1689');
    expect(formatDate('1689', 'zh')).toBe('1689年');
    expect(formatDate('2022-06-13', 'en')).toBe('13 June 2022');
    expect(formatDate('2022-06-13', 'zh')).toBe('2022年6月13日');
    expect(onDate('2022-04')).toBe('in April 2022');
    expect(onDate('2022-06-13')).toBe('on 13 June 2022');
  });
});
