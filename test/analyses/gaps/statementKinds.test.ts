// The wording of the statement-based kinds and of accusations, without a database.
import { describe, expect, it } from '@jest/globals';
import { conflictingFinding } from '../../../server/analyses/gaps/conflictingAttribution/wording.js';
import { disclaimedFinding } from '../../../server/analyses/gaps/disclaimedAuthority/wording.js';
import { accusationText, quoteAccusations } from '../../../server/analyses/gaps/accusations/index.js';
import { findingOf } from '../../../server/analyses/gaps/finding.js';
import { described, holder, power, ref } from './fixtures.js';
import { wordingProblems } from './wordingCheck.js';

const a = ref('b-a', 'Bureau A', '甲局');
const b = ref('b-b', 'Bureau B', '乙局');
const c = ref('b-c', 'Bureau C', '丙局');
const said = (id: string, by: typeof a, stance = 'ATTRIBUTES', basis: string | null = null) => ({ id, stance, saidOn: '2022-06-15', basis, by });

describe('statement-based findings', () => {
  it('report a body said to hold a power and, by another, not to (DENIES_OTHER)', () => {
    const f = conflictingFinding(
      { power, holders: [{ body: b, statements: [said('st-1', a)], deniedBy: [said('st-2', c, 'DENIES_OTHER')] }] },
      described(['st-1', 'st-2']),
    );
    expect(f.kind).toBe('CONFLICTING_ATTRIBUTION');
    expect(f.title).toBe('"Assign a mark (any colour)": Bureau B named as holding it, and said not to');
    expect(f.explanation).toContain('said not to hold it by Bureau C (丙局) (15 June 2022)');
    expect(f.explanationZh).toContain('丙局（2022年6月15日）称其没有此权力');
  });
  it('call a speaker naming itself a claim, and carry an editor-read naming as the basis', () => {
    const f = conflictingFinding(
      {
        power,
        holders: [
          { body: a, statements: [said('st-1', a, 'CLAIMS_SELF')] },
          { body: b, statements: [said('st-2', c, 'ATTRIBUTES', 'EDITOR_READING')] },
        ],
      },
      described(['st-1', 'st-2']),
    );
    expect(f.explanation).toContain('Bureau A (甲局): claimed by itself (15 June 2022)');
    expect(f.basis).toBe('EDITOR_READING');
    expect(f.explanation).toContain("an editor's reading");
  });
  it('do not call a recorded grant "the law", and hedge an editor-read grant', () => {
    const statement = {
      id: 'st-1',
      saidOn: '2022-06-15',
      stance: 'UNKNOWN',
      quote: 'We do not know.',
      quoteZh: '不清楚。',
      speaker: 'duty officer',
      stanceBasis: null,
    };
    const hit = { row: { statement, power, related: ['p.assign'], root: 'p', body: a, person: null, place: null }, holders: [holder(a)] };
    const f = disclaimedFinding([hit], described(['st-1', 'g-b-a']), new Map([['g-b-a', { conditionIds: [], basis: 'EDITOR_READING' }]]));
    expect(f.titleZh).not.toContain('依法');
    expect(f.title).not.toContain('by law');
    expect(f.explanation).toContain('as an editor reads them');
    expect(f.explanation).toContain('the Marking Measures');
    expect(f.basis).toBe('EDITOR_READING');
    for (const [text, lang] of [
      [f.title, 'en'],
      [f.explanation, 'en'],
      [f.titleZh, 'zh'],
      [f.explanationZh, 'zh'],
    ] as const) {
      expect(wordingProblems(text, lang, { ids: ['st-1', 'g-b-a'], enums: ['UNKNOWN', 'EDITOR_READING'] })).toEqual([]);
    }
  });
  it('quote an accusation on the findings about the action it concerns', () => {
    const f = findingOf('UNATTRIBUTED_ACTION', {
      title: 't',
      titleZh: 't',
      explanation: 'It happened.',
      explanationZh: '确有发生。',
      nodeIds: ['act-1'],
      power: null,
      evidence: [],
    });
    const other = findingOf('UNATTRIBUTED_ACTION', {
      title: 'u',
      titleZh: 'u',
      explanation: 'Other.',
      explanationZh: '其他。',
      nodeIds: ['act-2'],
      power: null,
      evidence: [],
    });
    quoteAccusations(
      [f, other],
      [
        {
          statement: { id: 'st-9', saidOn: '2022-06-20', quote: 'They had no authority.', quoteZh: '他们无权这样做。', stanceBasis: null },
          by: c,
          accused: [a],
          actions: ['act-1'],
        },
      ],
      described(['st-9']),
    );
    expect(f.explanation).toContain('On 20 June 2022 Bureau C (丙局) accused Bureau A (甲局) of acting without authority: "They had no authority."');
    expect(f.explanationZh).toContain('2022年6月20日，丙局指责甲局无权行事：“他们无权这样做。”');
    expect(f.evidence).toHaveLength(1);
    expect(other.explanation).not.toContain('accused');
  });
  it('write the day a statement was made in words, at the precision it was stored with', () => {
    const inJune = { saidOn: '2022-06-01', saidOnPrecision: 'MONTH' };
    const conflict = conflictingFinding(
      { power, holders: [{ body: b, statements: [{ ...said('st-1', a), ...inJune }], deniedBy: [said('st-2', c, 'DENIES_OTHER')] }] },
      described(['st-1', 'st-2']),
    );
    expect(conflict.explanation).toContain('named by Bureau A (甲局) (June 2022); said not to hold it by Bureau C (丙局) (15 June 2022)');
    expect(conflict.explanationZh).toContain('由甲局（2022年6月）指认；丙局（2022年6月15日）称其没有此权力');
    const statement = { id: 'st-1', saidOn: '2022-06-15', stance: 'DENIES_SELF', quote: 'Not ours.', quoteZh: '不归我们。', speaker: null };
    const hit = { row: { statement, power, related: ['p.assign'], root: 'p', body: a, person: null, place: null }, holders: [holder(a)] };
    const onDay = disclaimedFinding([hit], described(['st-1']));
    expect(onDay.title).toBe('Bureau A disclaimed "Assign a mark (any colour)" on 15 June 2022, which the recorded grants give it');
    expect(onDay.titleZh).toContain('甲局于2022年6月15日否认其有“赋标”权力');
    expect(onDay.explanation).toContain('On 15 June 2022 Bureau A (甲局) said it does not hold it: "Not ours."');
    const inMonth = disclaimedFinding([{ ...hit, row: { ...hit.row, statement: { ...statement, ...inJune } } }], described(['st-1']));
    expect(inMonth.title).toContain('disclaimed "Assign a mark (any colour)" in June 2022,');
    expect(inMonth.explanation).toContain('In June 2022 Bureau A (甲局) said it does not hold it');
    expect(inMonth.explanationZh).toContain('2022年6月，甲局称自己没有此权力：“不归我们。”');
    const accusation = accusationText({
      statement: { id: 'st-9', ...inJune, quote: null, quoteZh: null, stanceBasis: null },
      by: c,
      accused: [],
      actions: ['act-1'],
    });
    expect(accusation).toEqual({
      en: 'In June 2022 Bureau C (丙局) accused those who did it of acting without authority.',
      zh: '2022年6月，丙局指责行为者无权行事。',
    });
  });
  it('weaken a finding an editor-read accusation is quoted on', () => {
    const f = findingOf('UNATTRIBUTED_ACTION', {
      title: 't',
      titleZh: 't',
      explanation: 'It happened.',
      explanationZh: '确有发生。',
      nodeIds: ['act-1'],
      power: null,
      evidence: [],
    });
    expect(f.basis).toBe('STATED');
    quoteAccusations(
      [f],
      [
        {
          statement: { id: 'st-9', saidOn: '2022-06-20', quote: 'No authority.', quoteZh: null, stanceBasis: 'EDITOR_READING' },
          by: c,
          accused: [a],
          actions: ['act-1'],
        },
      ],
      described(['st-9']),
    );
    expect(f.basis).toBe('EDITOR_READING');
    expect(f.explanationZh).toContain('2022年6月20日，丙局指责甲局无权行事：“No authority.”');
  });
});
