// The judgement and wording of REFERRAL_LOOP and DEAD_END from referral paths, without a
// database: which trails make a finding, and how they are grouped and told.
import { describe, expect, it } from '@jest/globals';
import type { StatementResult } from '../../../server/analyses/accountability.js';
import { cycleOf, pathEnd, referralFindingsOf } from '../../../server/analyses/gaps/referrals/wording.js';
import type { ReferralOutcome, ReferralPath, ReferralStep } from '../../../server/analyses/referralPaths.js';
import type { NodeRef } from '../../../server/analyses/types.js';
import { evidence, power, ref } from './fixtures.js';
import { wordingProblems } from './wordingCheck.js';

const a = ref('b-a', 'Bureau A', '甲局');
const b = ref('b-b', 'Bureau B', '乙局');
const c = ref('b-c', 'Bureau C', '丙局');

let n = 0;
function step(from: NodeRef, to: NodeRef | null, stance: StatementResult['stance']): ReferralStep {
  n += 1;
  const statement: StatementResult = {
    id: `st-${n}`,
    saidOn: '2022-06-15',
    basis: 'STATED',
    basisNote: null,
    basisNoteZh: null,
    stance,
    speaker: null,
    saidBy: from,
    names: to ? [to] : [],
    powers: [power],
    quote: null,
    quoteZh: null,
    evidence: [evidence(`原话${n}`)],
  };
  return { from, to, statement };
}
function path(outcome: ReferralOutcome, steps: ReferralStep[]): ReferralPath {
  const ids = steps.flatMap((s) => [s.from.id, ...(s.to ? [s.to.id] : []), s.statement.id]);
  return { steps, outcome, explanation: `Trail ${ids.join(' ')}.`, explanationZh: `线索${steps.length}。`, nodeIds: [...new Set(ids)], power };
}

describe('referral findings', () => {
  it('end a trail at the body that spoke last, by what it said, or at the body nobody asked', () => {
    expect(pathEnd(path('DEAD_END', [step(a, b, 'REFERS'), step(b, null, 'UNKNOWN')]))).toEqual({
      body: b,
      how: { en: 'said it did not know', zh: '表示不清楚' },
    });
    expect(pathEnd(path('DEAD_END', [step(a, c, 'REFERS')])).body).toBe(c);
    expect(pathEnd(path('DEAD_END', [step(a, c, 'REFERS')])).how.en).toBe('nobody is recorded as asking it after that');
  });

  it('take a loop from the first visit of the body it returns to', () => {
    expect(cycleOf(path('LOOP', [step(c, a, 'REFERS'), step(a, b, 'REFERS'), step(b, a, 'REFERS')])).map((x) => x.id)).toEqual(['b-a', 'b-b']);
  });

  it('make a DEAD_END only of a trail with a referral in it, one per power and body', () => {
    const direct = path('DEAD_END', [step(a, null, 'UNKNOWN')]);
    expect(referralFindingsOf([direct])).toEqual([]);
    const one = path('DEAD_END', [step(a, c, 'REFERS'), step(c, null, 'UNKNOWN')]);
    const two = path('DEAD_END', [step(b, c, 'ATTRIBUTES'), step(c, null, 'UNKNOWN')]);
    const findings = referralFindingsOf([one, two, direct]);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.kind).toBe('DEAD_END');
    expect(f.basis).toBe('INFERRED');
    expect(f.title).toBe('Asked who holds "Assign a mark (any colour)", the referrals end at Bureau C: said it did not know');
    expect(f.titleZh).toBe('问“赋标”归谁，问到丙局为止：表示不清楚');
    expect(f.explanation).toContain('2 referral paths end at Bureau C (丙局), and no body claims the power. (1) Trail');
    expect(f.explanationZh).toContain('2条推诿路径止于丙局，没有任何机构承认自己有此权力。（1）线索2。（2）线索2。');
    expect(f.nodeIds).toEqual(expect.arrayContaining(['b-a', 'b-b', 'b-c']));
    expect(f.evidence).toHaveLength(4);
  });

  it('make one REFERRAL_LOOP per circle, however it was entered', () => {
    const fromA = path('LOOP', [step(a, b, 'REFERS'), step(b, a, 'REFERS')]);
    const fromB = path('LOOP', [step(b, a, 'REFERS'), step(a, b, 'REFERS')]);
    const findings = referralFindingsOf([fromA, fromB]);
    expect(findings).toHaveLength(1);
    expect(findings[0].kind).toBe('REFERRAL_LOOP');
    expect(findings[0].title).toBe(
      'Asked who holds "Assign a mark (any colour)", the referrals go round in a circle: Bureau A → Bureau B → Bureau A',
    );
    expect(findings[0].titleZh).toBe('问“赋标”归谁，推来推去绕成一圈：甲局 → 乙局 → 甲局');
    expect(findings[0].explanation).toContain('2 referral paths go round this circle.');
    for (const [text, lang] of [
      [findings[0].title, 'en'],
      [findings[0].titleZh, 'zh'],
    ] as const)
      expect(wordingProblems(text, lang, { ids: ['b-a', 'b-b', 'p.assign'], enums: ['REFERS', 'LOOP'] })).toEqual([]);
  });

  it('make nothing of a trail that ends at a body that claims the power or is named by one', () => {
    expect(referralFindingsOf([path('CLAIMED', [step(a, b, 'REFERS'), step(b, b, 'CLAIMS_SELF')])])).toEqual([]);
    expect(referralFindingsOf([path('ATTRIBUTED', [step(a, b, 'ATTRIBUTES')])])).toEqual([]);
  });
});
