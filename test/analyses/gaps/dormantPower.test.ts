// The judgement and wording of DORMANT_POWER, without a database: who held a duty or power
// on the days others acted on it, and did nothing.
import { describe, expect, it } from '@jest/globals';
import type { DescribedNode } from '../../../server/analyses/evidence.js';
import { judgeDormant, type DormantRow } from '../../../server/analyses/gaps/dormantPower/judge.js';
import { dormantFinding } from '../../../server/analyses/gaps/dormantPower/wording.js';
import type { Holder } from '../../../server/analyses/types.js';
import { described, holder, power, ref } from './fixtures.js';
import { wordingProblems } from './wordingCheck.js';

const hq = ref('b-hq', 'Harbour HQ', '港市指挥部');
const division = ref('b-div', 'Control Division', '管控处');
const bureau = ref('b-bureau', 'Data Bureau', '数据局');

function row(extra: Partial<DormantRow> = {}): DormantRow {
  return {
    power,
    powerChain: ['p.assign', 'p'],
    root: 'p',
    place: ref('pl', 'Harbour', '港市', 'Place'),
    dates: ['2022-06-11'],
    days: [{ day: '2022-06-11', precision: null }],
    actions: ['act-1'],
    actors: [division],
    parts: [{ body: division, role: 'DECIDED' }],
    actedThrough: ['b-div', 'b-hq'],
    ...extra,
  };
}
const always = (holders: Holder[]) => () => Promise.resolve(holders);
/** The family's name, as describeNodes gives it. */
function withFamily(ids: string[]): Map<string, DescribedNode> {
  const map = described(ids);
  map.set('p', { ref: ref('p', 'Marking', '标记', 'Power'), evidence: [], source: null });
  return map;
}
const check = (text: string, lang: 'en' | 'zh') =>
  wordingProblems(text, lang, { ids: ['b-bureau', 'g-b-bureau', 'p.assign', 'act-1'], enums: ['DUTY', 'POWER', 'DECIDED', 'INFERRED'] });

describe('DORMANT_POWER', () => {
  it('finds a holder of a duty that did not act while others did', async () => {
    const dormant = await judgeDormant([row()], always([holder(bureau, { modality: 'DUTY' })]));
    expect(dormant).toHaveLength(1);
    expect(dormant[0].body.id).toBe('b-bureau');
    expect(dormant[0].root).toBe('p');
  });

  it('does not call a body dormant when it, one of its parts or its officials acted', async () => {
    // The HQ is in actedThrough because its division decided the act.
    expect(await judgeDormant([row()], always([holder(hq, { modality: 'DUTY' })]))).toEqual([]);
  });

  it('needs someone known to have acted, and a duty or a power (not a permission)', async () => {
    expect(await judgeDormant([row({ actors: [], parts: [], actedThrough: [] })], always([holder(bureau)]))).toEqual([]);
    expect(await judgeDormant([row()], always([holder(bureau, { modality: 'PERMISSION' })]))).toEqual([]);
  });

  it('merges one body’s grants and days for one power family into one finding', async () => {
    const second = row({ dates: ['2022-07-02'], days: [{ day: '2022-07-02', precision: null }], actions: ['act-2'] });
    const byDay = (r: DormantRow, day: string) =>
      Promise.resolve(day === '2022-06-11' ? [holder(bureau, { modality: 'DUTY' })] : [holder(bureau, { grantId: 'g-other', modality: 'POWER' })]);
    const dormant = await judgeDormant([row(), second], byDay);
    expect(dormant).toHaveLength(1);
    expect(dormant[0].holders.map((h) => h.grantId)).toEqual(['g-b-bureau', 'g-other']);
    expect(dormant[0].rows).toHaveLength(2);
    const f = dormantFinding(dormant[0], withFamily([]));
    expect(f.title).toBe('Data Bureau held duties and powers over "Marking" but is not shown acting on them');
    expect(f.explanation).toContain('while others did (11 June 2022 to 2 July 2022)');
    expect(f.explanationZh).toContain('而其他机构却行动了（2022年6月11日至2022年7月2日）');
  });

  it('says what the body held, from which instrument, and who acted instead, with dates in words', async () => {
    const [d] = await judgeDormant([row()], always([holder(bureau, { modality: 'DUTY' })]));
    const f = dormantFinding(d, withFamily(['g-b-bureau']));
    expect(f.kind).toBe('DORMANT_POWER');
    expect(f.basis).toBe('INFERRED');
    expect(f.titleZh).toBe('数据局对“标记”负有职责却未见作为');
    expect(f.explanation).toContain(
      'Data Bureau (数据局) held a duty to "Assign a mark (any colour) (赋标)" in Harbour (港市) (Marking Measures), yet nothing in this case shows it',
    );
    expect(f.explanation).toContain(
      '(11 June 2022): in Harbour (港市), on "Assign a mark (any colour) (赋标)": Control Division (管控处) decided it.',
    );
    expect(f.explanationZh).toContain('数据局负有在港市“赋标”的职责（《标记管理办法》）');
    expect(f.explanationZh).toContain('（2022年6月11日）：在港市就“赋标”：管控处决定。');
    expect(f.nodeIds).toEqual(['b-bureau', 'g-b-bureau']);
    for (const [text, lang] of [
      [f.title, 'en'],
      [f.explanation, 'en'],
      [f.titleZh, 'zh'],
      [f.explanationZh, 'zh'],
    ] as const)
      expect(check(text, lang)).toEqual([]);
  });

  it('writes a period known only to the month by its month', async () => {
    const [d] = await judgeDormant([row({ days: [{ day: '2022-06-01', precision: 'MONTH' }] })], always([holder(bureau)]));
    const f = dormantFinding(d, withFamily([]));
    expect(f.title).toContain('held powers over');
    expect(f.explanation).toContain('while others did (June 2022)');
    expect(f.explanationZh).toContain('（2022年6月）');
  });
});
