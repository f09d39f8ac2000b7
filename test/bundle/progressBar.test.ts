// The import's progress bar (server/cli/progressBar.ts) fed the progress a real import reports:
// on a terminal each step ends in one finished bar, even when a step reports its end twice.
import { describe, expect, it } from '@jest/globals';
import type { ImportProgress } from '../../server/bundle/importState.js';
import { progressBar } from '../../server/cli/progressBar.js';

function drawn(isTTY: boolean, events: ImportProgress[]): string {
  let text = '';
  const out = { isTTY, write: (s: string) => ((text += s), true) } as unknown as NodeJS.WriteStream;
  const bar = progressBar(out);
  for (const e of events) bar(e);
  return text;
}

const events: ImportProgress[] = [
  { step: 'checking and staging', done: 1500, total: 3002, written: 1500 },
  { step: 'checking and staging', done: 3002, total: 3002, written: 3002 },
  { step: 'switching over', done: 1, total: 3003, written: 3003 },
  { step: 'switching over', done: 3003, total: 3003, written: 6005 },
  { step: 'switching over', done: 3003, total: 3003, written: 6006 },
];

describe('the import progress bar', () => {
  it('ends each step in one line on a terminal', () => {
    const text = drawn(true, events);
    expect(text.split('\n').filter(Boolean)).toHaveLength(2);
    expect(text).toContain('checking and staging');
    expect(text).toMatch(/\[#{24}\] switching over\s+100%/);
  });

  it('writes a line per tenth of each step elsewhere, the end once', () => {
    const lines = drawn(false, events).split('\n').filter(Boolean);
    expect(lines.filter((l) => l.includes('switching over') && l.includes('100%'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('checking and staging') && l.includes('100%'))).toHaveLength(1);
  });
});
