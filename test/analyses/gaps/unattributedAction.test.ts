// The judgement and wording of UNATTRIBUTED_ACTION, without a database.
import { describe, expect, it } from '@jest/globals';
import { unattributedFinding, type UnattributedRow } from '../../../server/analyses/gaps/unattributedAction/wording.js';
import { action, described, power, ref, runPower } from './fixtures.js';
import { wordingProblems } from './wordingCheck.js';

const place = ref('pl', 'Harbour', '港市', 'Place');
const row = (extra: Partial<UnattributedRow> = {}): UnattributedRow => ({ action: action(), powers: [power], place, otherActors: [], ...extra });
const check = (text: string, lang: 'en' | 'zh') =>
  wordingProblems(text, lang, { ids: ['act-1', 'p.assign', 'b-co'], enums: ['EXECUTED', 'INFERRED'] });

describe('UNATTRIBUTED_ACTION', () => {
  it('weighs an act that bears on people MEDIUM and one that does not LOW', () => {
    expect(unattributedFinding(row(), described(['act-1'])).severity).toBe('MEDIUM');
    const quiet = unattributedFinding(row({ action: action({ powers: [runPower] }), powers: [runPower] }), described(['act-1']));
    expect(quiet.severity).toBe('LOW');
    expect(quiet.power?.id).toBe('p.run');
  });

  it('says what happened, when in words, where, and that nobody is known to have decided it', () => {
    const f = unattributedFinding(row(), described(['act-1']));
    expect(f.kind).toBe('UNATTRIBUTED_ACTION');
    expect(f.title).toBe('Assign a mark (120 petitioners, June 2022): nobody is known to have decided it');
    expect(f.titleZh).toBe('赋标（120名上访者，2022年6月）：不知由谁决定');
    expect(f.explanation).toContain(
      'Officials marked 120 petitioners. This happened (11 June 2022, Harbour (港市)), but no body or official is known to have decided it. The record names no actor at all.',
    );
    expect(f.explanationZh).toContain('官员给120名上访者赋标。此事确有发生（2022年6月11日，港市），但不知由谁决定。记录中没有任何行为主体。');
    // A conclusion from what the record leaves out.
    expect(f.basis).toBe('INFERRED');
    expect(f.nodeIds).toEqual(['act-1']);
    expect(f.affected).toBe(120);
    for (const [text, lang] of [
      [f.title, 'en'],
      [f.explanation, 'en'],
      [f.titleZh, 'zh'],
      [f.explanationZh, 'zh'],
    ] as const)
      expect(check(text, lang)).toEqual([]);
  });

  it('writes a date known only to the month as the month, and leaves out an unknown place', () => {
    const f = unattributedFinding(row({ action: action({ startedAt: '2022-06-01', startedAtPrecision: 'MONTH' }), place: null }), described([]));
    expect(f.explanation).toContain('This happened (June 2022), but');
    expect(f.explanationZh).toContain('此事确有发生（2022年6月），但');
  });

  it('names who else the record shows taking part, by their part', () => {
    const f = unattributedFinding(row({ otherActors: [{ role: 'EXECUTED', who: ref('b-co', 'Data Co.', '数据公司') }] }), described([]));
    expect(f.explanation).toContain('The record names only Data Co. (数据公司), which carried it out.');
    expect(f.explanationZh).toContain('记录中只有：数据公司（执行）。');
    expect(check(f.explanation, 'en')).toEqual([]);
  });
});
