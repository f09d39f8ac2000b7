// The judgement and wording of the actor-based kinds, without a database.
import { describe, expect, it } from '@jest/globals';
import { groupJudged, judgeActor, unmetConditions, type ActorRow } from '../../../server/analyses/gaps/actorsOfActions/judge.js';
import { actorFinding } from '../../../server/analyses/gaps/actorsOfActions/wording.js';
import { action, condition, described, holder, power, ref, runPower } from './fixtures.js';
import { findingProblems } from './wordingCheck.js';

const division = ref('b-div', 'Control Division', '管控处');
const hq = ref('b-hq', 'Harbour HQ', '港市指挥部');
const company = ref('b-co', 'Data Co., Ltd.', '数据公司');
const bureau = ref('b-bureau', 'Data Bureau', '数据局');

function row(extra: Partial<ActorRow> = {}): ActorRow {
  return {
    action: { ...action(), conditionsMet: null },
    power,
    powerChain: ['p.assign', 'p'],
    root: 'p',
    place: ref('pl', 'Harbour', '港市', 'Place'),
    actor: { ...division, label: 'Body' },
    roles: ['DECIDED'],
    performed: [{ citations: null, unsourced: null }],
    acting: [{ body: division, parents: [hq] }],
    coActors: [],
    principals: [],
    ...extra,
  };
}
const context = { ids: ['act-1', 'b-div', 'b-hq', 'g-b-hq', 'p.assign'], enums: ['DECIDED', 'EXECUTED', 'CONSENT', 'STATED'] };

describe('actor-based findings', () => {
  it('authorise an actor whose body holds the power', () => {
    expect(judgeActor(row(), [holder(division)])).toBeNull();
  });
  it('find authority only in the parent body', () => {
    const verdict = judgeActor(row(), [holder(hq)]);
    expect(verdict?.kind).toBe('AUTHORITY_VIA_PARENT_ONLY');
    expect(verdict?.via?.id).toBe('b-hq');
  });
  it('call an act with no holding at all unauthorised, HIGH when the power bears on people and MEDIUM otherwise', () => {
    const verdict = judgeActor(row(), [])!;
    expect(verdict.kind).toBe('UNAUTHORIZED_ACTION');
    const finding = actorFinding([verdict], described(['act-1']));
    expect(finding.severity).toBe('HIGH');
    expect(finding.title).toBe('Assign a mark (120 petitioners, June 2022): decided by Control Division, who held no grant for it');
    expect(finding.basis).toBe('INFERRED');
    const minor = actorFinding(
      [judgeActor(row({ action: { ...action({ powers: [runPower] }), conditionsMet: null }, power: runPower }), [])!],
      described(['act-1']),
    );
    expect(minor.severity).toBe('MEDIUM');
  });
  it('judge an agent through the body it acts for, in every role', () => {
    const agent = row({
      actor: { ...company, label: 'Body' },
      acting: [{ body: company, parents: [] }],
      actsFor: [{ body: bureau, citations: null, unsourced: null, basis: null }],
    });
    expect(judgeActor(agent, [holder(bureau)])).toBeNull();
    const verdict = judgeActor({ ...agent, roles: ['EXECUTED'] }, [])!;
    expect(verdict.kind).toBe('UNAUTHORIZED_ACTION');
    expect(verdict.through?.id).toBe('b-bureau');
    const finding = actorFinding([verdict], described(['act-1']));
    expect(finding.title).toContain('carried out by Data Co., Ltd. for Data Bureau, which held no grant for it');
    expect(finding.titleZh).toContain('数据公司为数据局执行，后者无授权');
    expect(finding.explanation).toContain('No grant in force that day gave Data Bureau (数据局)');
  });
  it('leave an executor alone when a co-actor holds the power', () => {
    expect(judgeActor(row({ roles: ['EXECUTED'], coActors: [hq] }), [holder(hq)])).toBeNull();
  });
  it('name a condition by its id and quote a recorded refusal', () => {
    const records = [
      {
        condition: 'g-b-div#1',
        met: false,
        note: 'the board refused',
        noteZh: '委员会拒绝',
        evidence: [{ source: 'src-a', quoteZh: '委员会拒绝同意', quote: 'The board refused consent.' }],
      },
    ];
    const conditional = holder(division, { conditions: [condition()] });
    const unmet = unmetConditions(conditional.conditions, ['g-b-div#1'], records);
    expect(unmet).toHaveLength(1);
    expect(unmet[0].record?.met).toBe(false);
    const verdict = judgeActor(row({ action: { ...action(), conditionsMet: JSON.stringify(records) } }), [conditional], () => ['g-b-div#1'])!;
    expect(verdict.kind).toBe('CONDITION_NOT_MET');
    const finding = actorFinding([verdict], described(['act-1']));
    expect(finding.explanation).toContain('consent of the heritage board, recorded as not met (the board refused): "The board refused consent."');
    expect(finding.explanationZh).toContain('遗产委员会同意，记录为未满足（委员会拒绝）：“委员会拒绝同意”');
    expect(finding.explanation).not.toContain('nothing shows');
    expect(finding.title).toContain('though a condition of its grant was not met');
    expect(findingProblems(finding, context)).toEqual([]);
  });
  it('judge a condition only on the outcome the action records for it: met, refused, or open', () => {
    const c = [condition()];
    expect(unmetConditions(c, ['x#1'], [{ condition: 'x#1', met: true }])).toEqual([]);
    expect(unmetConditions(c, ['x#1'], [{ kind: 'CONSENT', met: true }])).toEqual([]);
    expect(unmetConditions(c, ['x#1'], [{ condition: 'x#1', met: false }])[0].record?.met).toBe(false);
    expect(unmetConditions(c, ['x#1'], [{ condition: 'x#1', met: null }])[0].record?.met).toBeNull();
    // Nothing recorded about this condition (an outcome of another one, or none at all): the
    // record does not say it bore on the act, so the act is not judged on it.
    expect(unmetConditions(c, ['x#1'], [{ condition: 'x#2', met: false }])).toEqual([]);
    expect(unmetConditions(c, ['x#1'], [])).toEqual([]);
    expect(judgeActor(row(), [holder(division, { conditions: c })], () => ['x#1'])).toBeNull();
  });
  it('name a condition a restriction adds by its own id', () => {
    const added = condition({ id: 'prov-7#1', from: 'RESTRICTION' });
    expect(unmetConditions([added], [], [{ condition: 'prov-7#1', met: true }])).toEqual([]);
    expect(unmetConditions([added], [], [{ condition: 'prov-7#1', met: false }])[0].id).toBe('prov-7#1');
  });
  it('group two officials of one division into one finding', () => {
    const a = judgeActor(row({ actor: { ...ref('pe-1', 'Official A', '官员甲'), label: 'Person' } }), [])!;
    const b = judgeActor(row({ actor: { ...ref('pe-2', 'Official B', '官员乙'), label: 'Person' } }), [])!;
    const groups = groupJudged([a, b]);
    expect(groups).toHaveLength(1);
    const finding = actorFinding(groups[0], described(['act-1']));
    expect(finding.explanation).toContain('Official A (官员甲) and Official B (官员乙), acting as members of Control Division (管控处), decided it');
  });
});
