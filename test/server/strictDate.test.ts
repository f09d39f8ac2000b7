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
