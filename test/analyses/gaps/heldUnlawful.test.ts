// The wording of HELD_UNLAWFUL, without a database: the holdings against one action, each
// dated in words and quoted.
import { describe, expect, it } from '@jest/globals';
import { heldUnlawfulFinding, type HeldRow } from '../../../server/analyses/gaps/heldUnlawful/wording.js';
import { action, described, ref } from './fixtures.js';
import { wordingProblems } from './wordingCheck.js';

const court = ref('b-court', 'Supreme Court', '最高法院');
const citations = JSON.stringify([{ source: 'src-a', quoteZh: '该行为违法', quote: 'The act was unlawful.', locator: 'para 50' }]);

function row(extra: Partial<HeldRow> = {}): HeldRow {
  return {
    action: action(),
    instrument: {
      id: 'ins-judgment',
      title: 'Miller v Harbour',
      titleZh: '米勒诉港市案',
      docType: 'JUDGMENT',
      kind: { label: 'judgment', labelZh: '判决' },
    },
    holding: { from: '2022-09-24', retroactive: false, citations, unsourced: null },
    issuers: [court],
    ...extra,
  };
}
const check = (text: string, lang: 'en' | 'zh') => wordingProblems(text, lang, { ids: ['act-1', 'ins-judgment', 'b-court'], enums: ['JUDGMENT'] });

describe('HELD_UNLAWFUL', () => {
  it('quotes the holding, dated in words, naming who held it', () => {
    const f = heldUnlawfulFinding([row()], described(['act-1', 'ins-judgment']));
    expect(f.kind).toBe('HELD_UNLAWFUL');
    expect(f.severity).toBe('HIGH');
    expect(f.title).toBe('Assign a mark (120 petitioners, June 2022): held unlawful by the Miller v Harbour');
    expect(f.titleZh).toBe('赋标（120名上访者，2022年6月）：被《米勒诉港市案》认定无效或违法');
    expect(f.explanation).toContain(
      'On 24 September 2022 the judgment of Supreme Court (最高法院) "Miller v Harbour" held it invalid or unlawful: "The act was unlawful."',
    );
    expect(f.explanationZh).toContain('2022年9月24日，最高法院的判决《米勒诉港市案》认定其无效或违法：“该行为违法”');
    expect(f.evidence.map((e) => e.quoteZh)).toContain('该行为违法');
    expect(f.nodeIds).toEqual(['act-1', 'ins-judgment']);
    for (const [text, lang] of [
      [f.title, 'en'],
      [f.explanation, 'en'],
      [f.titleZh, 'zh'],
      [f.explanationZh, 'zh'],
    ] as const)
      expect(check(text, lang)).toEqual([]);
  });

  it('says void from the start for a retroactive holding, and a month-precise holding by its month', () => {
    const f = heldUnlawfulFinding(
      [row({ holding: { from: '2022-09-01', fromPrecision: 'MONTH', retroactive: true, citations: null, unsourced: null }, issuers: [] })],
      described([]),
    );
    expect(f.explanation).toContain('In September 2022 the judgment "Miller v Harbour" held it invalid or unlawful, void from the start.');
    expect(f.explanationZh).toContain('2022年9月，判决《米勒诉港市案》认定其无效或违法，自始无效。');
  });

  it('gathers every holding against one action', () => {
    const law = row({
      instrument: { id: 'ins-act', title: 'Validation Act', titleZh: '确认法', docType: 'LAW' },
      holding: { from: '2023-01-10', retroactive: null, citations: null, unsourced: null },
      issuers: [],
    });
    const f = heldUnlawfulFinding([row(), law], described([]));
    expect(f.title).toBe('Assign a mark (120 petitioners, June 2022): held unlawful by the Miller v Harbour and the Validation Act');
    expect(f.titleZh).toContain('被《米勒诉港市案》、《确认法》认定无效或违法');
    expect(f.explanation).toContain('On 10 January 2023 the law "Validation Act" held it invalid or unlawful.');
    expect(f.nodeIds).toEqual(['act-1', 'ins-act', 'ins-judgment']);
  });
});
