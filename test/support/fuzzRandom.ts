// A small seeded random source for the fuzz corpora: the same seed gives the same requests
// and bundles on every run, so a failure can be replayed by its index.

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  int(min: number, max: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: tiny, fast and good enough to spread cases; not for anything secret. */
export function seeded(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, int, pick: (list) => list[int(0, list.length - 1)], chance: (p) => next() < p };
}

/** Strings that have broken parsers, indexes and answers before. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202eevil',
  'zero\u200bwidth',
  '\ud800',
  '\udfff\ud800',
  '\u0007\u0008\u001b[31m',
  '\r\n\t',
  "' OR 1=1 --",
  '"}) MATCH (n) DETACH DELETE n //',
  '`) DETACH DELETE n //',
  '$where',
  '../../../../etc/passwd',
  'C:\\Windows\\system32',
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/a}',
  '%00%0a',
  '\\u0000',
  'AND OR NOT ~ * ? : \\ / [ ] { } ^ "',
  '*',
  '?',
  '~',
  '(((((((((((',
  '郑州'.repeat(60),
  '🙂'.repeat(50),
  'x'.repeat(101),
  'x'.repeat(1001),
  'y'.repeat(70_000),
  '1e400',
  'NaN',
  'null',
  'undefined',
  '__proto__',
  'constructor',
];

export const BAD_DATES: readonly string[] = [
  '2022-13-01',
  '2022-02-30',
  '2022-00-10',
  '2022-1-1',
  'yesterday',
  '',
  '-0001-01-01',
  '99999-01-01',
  '2022-01-01T25:00:00',
  '2022-06-13T00:00:00Z',
  '1e10',
  '20220613',
  '2022/06/13',
  '2022-06-13 ',
  '０２０２-０６-１３',
  '\u00002022-06-13',
];

/** Numbers for limit, offset, depth and first: negative, past 32 bits, fractional, not numbers. */
export const BAD_COUNTS: readonly string[] = [
  '-1',
  '-5',
  '-2147483648',
  '2147483647',
  '2147483648',
  '99999999999999999999',
  '1e9',
  '1.5',
  '0',
  '"10"',
  'true',
  'null',
  '[1]',
  '{ n: 1 }',
];

export const BAD_ENUMS: readonly string[] = ['FOO', '"AS_IT_STOOD"', 'as_it_stood', '1', 'null', 'AS_IT_STOOD_', '[AS_IT_STOOD]'];
