import { describe, expect, it } from '@jest/globals';
import { StrictDate } from '../../server/graphql/strictDate.js';

describe('the Date scalar', () => {
  it('reads YYYY-MM-DD as that calendar day, whatever the time zone', () => {
    expect(String(StrictDate.parseValue('2022-06-13'))).toBe('2022-06-13');
    expect(StrictDate.serialize(StrictDate.parseValue('2022-02-28'))).toBe('2022-02-28');
  });

  it('refuses anything else with a sentence saying how to write a date', () => {
    for (const bad of ['13 June', '2022-02-30', '2022-6-13', 20220613, '2022-06-13T00:00:00Z']) {
      expect(() => StrictDate.parseValue(bad)).toThrow(/write it as YYYY-MM-DD/);
    }
  });
});

describe('the Date scalar in answers', () => {
  it('writes a date at the precision of its source: a day, a month or a year', () => {
    expect(StrictDate.serialize('2022-04')).toBe('2022-04');
    expect(StrictDate.serialize('1689')).toBe('1689');
    expect(StrictDate.serialize('2022-06-13')).toBe('2022-06-13');
  });

  it('still takes only a full day as an argument', () => {
    for (const partial of ['2022-04', '1689']) expect(() => StrictDate.parseValue(partial)).toThrow(/write it as YYYY-MM-DD/);
  });

  it('refuses to write what is not a date', () => {
    expect(() => StrictDate.serialize('April')).toThrow(/cannot represent/);
  });
});
