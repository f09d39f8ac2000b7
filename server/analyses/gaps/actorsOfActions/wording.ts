// The wording of the actor-based findings, in English and Chinese, from a group of verdicts
// on one action (see judge.ts) and the described nodes it cites. No database here.
import { citationEvidence, type DescribedNode } from '../../evidence.js';
import { en, enList, zh, zhList } from '../../names.js';
import { evidenceOf, findingOf, noun, type Ranked } from '../finding.js';
import { actionDetail, actionSubject, conditionText, short } from '../wording.js';
import type { Judged } from './judge.js';

export function actorFinding(group: Judged[], described: Map<string, DescribedNode>): Ranked {
  const { row, kind, via, through, unmet } = group[0]!;
  const action = row.action;
  const actors = [...new Map(group.map((j) => [j.row.actor.id, j.row.actor])).values()];
  const roles = new Set(group.flatMap((j) => j.row.roles));
  const powers = [...new Map(group.map((j) => [j.row.power.id, j.row.power])).values()];
  const holders = group.flatMap((j) => j.holders);
  const decided = roles.has('DECIDED');
  const roleEn = decided ? 'decided' : 'carried out';
  const roleZh = decided ? '决定' : '执行';
  const people = actors.every((a) => a.label === 'Person');
  const asPerson = people && through
    ? { en: `, acting as ${actors.length > 1 ? 'members' : 'a member'} of ${en(through)}`, zh: `（以${zh(through)}人员身份）` }
    : people ? { en: ', who held no recorded position that day', zh: '（当日无记录在案的职务）' } : { en: '', zh: '' };
  const subject = actionSubject(action);
  const what = { en: `"${action.summary}" (${action.startedAt}, ${en(row.place)})`, zh: `“${action.summaryZh}”（${action.startedAt}，${zh(row.place)}）` };
  const grantEvidence = holders.flatMap((h) => described.get(h.grantId)?.evidence ?? []);
  const holderChainEvidence = holders.flatMap((h) => h.chain.flatMap((s) => s.evidence));
  const performedEvidence = group.flatMap((j) => j.row.performed.flatMap((p) => citationEvidence(p.citations, p.unsourced, described)));
  const actorEvidence = actors.flatMap((a) => described.get(a.id)?.evidence ?? []);
  const evidence = evidenceOf(described, [action.id], [...performedEvidence, ...actorEvidence, ...grantEvidence, ...holderChainEvidence]);
  const nodeIds = [action.id, ...actors.map((a) => a.id), ...(through ? [through.id] : []), ...powers.map((p) => p.id), ...(via ? [via.id] : [])];
  const power = noun({ ...row.power, label: 'Power' });
  const powerEn = powers.map((p) => `"${en(p)}"`).join(', ');
  const powerZh = powers.map((p) => `“${zh(p)}”`).join('、');
  const who = { en: enList(actors), zh: zhList(actors) };
  const whoShort = actors.map(short).join(' and ');
  const bodyEn = en(through ?? actors[0]);
  const bodyZh = zh(through ?? actors[0]);
  const affected = action.affectedCount;
  if (kind === 'UNAUTHORIZED_ACTION') {
    return findingOf(kind, {
      title: `${subject.en}: ${roleEn} by ${whoShort}, who held no grant for it`,
      titleZh: `${subject.zh}：${zhList(actors)}无授权${roleZh}`,
      explanation: `${who.en}${asPerson.en} ${roleEn} ${what.en}, exercising the power ${powerEn}. ` +
        `No grant in force on ${action.startedAt} gave ${bodyEn}, or any body it is part of, that power (or a broader one) in ${en(row.place)}` +
        (decided ? '.' : ', and no co-actor of the action, nor any body it built or operates for, held it either.'),
      explanationZh: `${who.zh}${asPerson.zh}${roleZh}了${what.zh}，行使${powerZh}。` +
        `${action.startedAt}有效的规定中，没有任何一项把该权力（或包含它的更大权力）在${zh(row.place)}授予${bodyZh}或其所属机构` +
        (decided ? '。' : '；该行为的其他参与者、以及其承建或运营所服务的机构，也都不享有该权力。'),
      nodeIds, power, evidence, affected, detail: actionDetail(action),
    });
  }
  if (kind === 'AUTHORITY_VIA_PARENT_ONLY') {
    return findingOf(kind, {
      title: `${subject.en}: ${roleEn} by ${whoShort} of ${short(through)}; only its parent body holds the power`,
      titleZh: `${subject.zh}：由${zhList(actors)}（${zh(through)}）${roleZh}，权力只属于其上级机构`,
      explanation: `${who.en}${asPerson.en} ${roleEn} ${what.en}, exercising ${powerEn}. ` +
        `${bodyEn} holds no grant of that power itself; only ${en(via)}, which it is part of, does, and no grant delegates it down. ` +
        'This is weaker than an action with no authority at all, but the law names the parent, not the part.',
      explanationZh: `${who.zh}${asPerson.zh}${roleZh}了${what.zh}，行使${powerZh}。` +
        `${bodyZh}本身没有该权力，只有其所属的${zh(via)}有，且没有规定把权力下放给它。这比完全无权稍轻，但法律授权的是上级机构，而非其内设部门。`,
      nodeIds, power, evidence, affected, detail: actionDetail(action),
    });
  }
  const conditions = (unmet ?? []).map(conditionText);
  return findingOf('CONDITION_NOT_MET', {
    title: `${subject.en}: ${roleEn} by ${whoShort} without meeting the conditions of its grant`,
    titleZh: `${subject.zh}：${zhList(actors)}${roleZh}时未满足授权条件`,
    explanation: `${bodyEn} holds ${powerEn} only under conditions: ${conditions.map((c) => c.en).join('; ')}. ` +
      `Nothing shows that ${what.en}, which ${who.en} ${roleEn}, met them.`,
    explanationZh: `${bodyZh}行使${powerZh}须满足条件：${conditions.map((c) => c.zh).join('；')}。没有证据表明${who.zh}${roleZh}的${what.zh}满足了这些条件。`,
    nodeIds, power, evidence, affected, detail: actionDetail(action),
  });
}
