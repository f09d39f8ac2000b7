// The wording of PROHIBITED_ACTION, without a database (its judgement is in the Cypher:
// place, date, purposes and whom the prohibition binds; findingsRules.test.ts tries it).
import { describe, expect, it } from '@jest/globals';
import { prohibitedFinding, prohibitionText, type ProhibitedRow } from '../../../server/analyses/gaps/prohibitedAction/wording.js';
import { action, described, power, ref } from './fixtures.js';
import { wordingProblems } from './wordingCheck.js';

const stopPetitions = { purpose: 'stop-petitions', purposeLabel: { label: 'stopping petitions', labelZh: '阻止上访' } };

function row(extra: Partial<ProhibitedRow> = {}): ProhibitedRow {
  return {
    action: { ...action(stopPetitions), purpose: 'stop-petitions' },
    power,
    forbidden: power,
    grant: { id: 'g-ban', purposes: ['epidemic-control'], basis: null, allowed: [{ label: 'epidemic control', labelZh: '疫情防控' }] },
    grantPlace: ref('pl', 'Harbour', '港市', 'Place'),
    provision: { id: 'prov-5', ref: 'Article 5', refZh: '第五条' },
    instrument: { id: 'ins-ban', title: 'Marking Rules', titleZh: '标记规定', docType: null, kind: { label: 'rules', labelZh: '规定' } },
    ...extra,
  };
}
const check = (text: string, lang: 'en' | 'zh') =>
  wordingProblems(text, lang, { ids: ['act-1', 'g-ban', 'prov-5', 'ins-ban', 'p.assign', 'stop-petitions'], enums: ['EDITOR_READING', 'STATED'] });

describe('PROHIBITED_ACTION', () => {
  it('names the prohibition by its instrument, provision, place and the purposes it allows', () => {
    expect(prohibitionText(row())).toEqual({
      en: 'Under the rules "Marking Rules" (Article 5, in force in Harbour (港市)), "Assign a mark (any colour) (赋标)" is forbidden for any purpose other than epidemic control',
      zh: '在港市有效的《标记规定》第五条禁止将“赋标”用于疫情防控以外的目的',
    });
    const outright = prohibitionText(
      row({ grant: { id: 'g-ban', purposes: null }, instrument: { id: 'ins-ban', title: 'Marking Rules', titleZh: '标记办法', docType: 'MEASURE' } }),
    );
    expect(outright.en).toContain('"Assign a mark (any colour) (赋标)" is forbidden');
    expect(outright.en).not.toContain('purpose');
    expect(outright.zh).toBe('在港市有效的《标记办法》第五条禁止“赋标”');
  });

  it('says when the action exercised the power, in words at the precision it is dated to', () => {
    const f = prohibitedFinding([row()], described(['act-1', 'g-ban', 'prov-5']));
    expect(f.kind).toBe('PROHIBITED_ACTION');
    expect(f.severity).toBe('HIGH');
    expect(f.title).toBe('Assign a mark (120 petitioners, June 2022): a purpose forbidden by the Marking Rules');
    expect(f.titleZh).toBe('赋标（120名上访者，2022年6月）：用途违反《标记规定》');
    expect(f.explanation).toContain('It exercised "Assign a mark (any colour) (赋标)" on 11 June 2022, for stopping petitions.');
    expect(f.explanationZh).toContain('该行为于2022年6月11日行使“赋标”，目的是阻止上访。');
    const monthOnly = row({
      action: { ...action({ ...stopPetitions, startedAt: '2022-06-01', startedAtPrecision: 'MONTH' }), purpose: 'stop-petitions' },
    });
    const g = prohibitedFinding([monthOnly], described(['act-1']));
    expect(g.explanation).toContain('It exercised "Assign a mark (any colour) (赋标)" in June 2022,');
    expect(g.explanationZh).toContain('该行为于2022年6月行使');
    for (const [text, lang] of [
      [f.title, 'en'],
      [f.explanation, 'en'],
      [f.titleZh, 'zh'],
      [f.explanationZh, 'zh'],
      [g.explanation, 'en'],
      [g.explanationZh, 'zh'],
    ] as const)
      expect(check(text, lang)).toEqual([]);
  });

  it('gathers every prohibition one action broke into one finding', () => {
    const other = row({
      grant: { id: 'g-ban-2', purposes: null },
      provision: { id: 'prov-9', ref: 'Article 9' },
      instrument: { id: 'ins-law', title: 'Data Law', titleZh: '数据法', docType: 'LAW' },
    });
    const f = prohibitedFinding([row(), other], described(['act-1']));
    expect(f.title).toBe('Assign a mark (120 petitioners, June 2022): a purpose forbidden by the Marking Rules and the Data Law');
    expect(f.titleZh).toContain('用途违反《标记规定》、《数据法》');
    expect(f.nodeIds).toEqual(['act-1', 'g-ban', 'g-ban-2']);
    // Each prohibition is a sentence of its own.
    expect(f.explanation).toContain(
      'other than epidemic control. Under the law "Data Law" (Article 9, in force in Harbour (港市)), "Assign a mark (any colour) (赋标)" is forbidden.',
    );
    // The same instrument twice is named once.
    expect(prohibitedFinding([row(), row({ grant: { id: 'g-ban-3', purposes: null } })], described([])).title).toBe(
      'Assign a mark (120 petitioners, June 2022): a purpose forbidden by the Marking Rules',
    );
  });

  it('rests on the weakest of the purpose and the grant', () => {
    expect(prohibitedFinding([row()], described([])).basis).toBe('STATED');
    const readPurpose = row({ action: { ...action({ ...stopPetitions, purposeBasis: 'EDITOR_READING' }), purpose: 'stop-petitions' } });
    const f = prohibitedFinding([readPurpose], described([]));
    expect(f.basis).toBe('EDITOR_READING');
    expect(f.explanation).toContain('for what an editor reads as stopping petitions');
    expect(prohibitedFinding([row({ grant: { id: 'g-ban', purposes: null, basis: 'EDITOR_READING' } })], described([])).basis).toBe('EDITOR_READING');
  });
});
