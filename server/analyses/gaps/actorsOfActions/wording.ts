// The wording of the actor-based findings, in English and Chinese, from a group of verdicts
// on one action (see judge.ts) and the described nodes it cites. No database here.
import { citationEvidence, type DescribedNode } from '../../evidence.js';
import { en, enList, zh, zhList } from '../../names.js';
import type { Evidence } from '../../types.js';
import { evidenceOf, findingOf, noun, type Ranked } from '../finding.js';
import { holdingBases, type GrantFacts } from '../grantFacts.js';
import { actionDetail, actionSubject, affectsPeople, conditionText, onDateWords, short, summarySentence } from '../wording.js';
import type { Judged, UnmetCondition } from './judge.js';

/** The evidence recorded with a condition's outcome. */
export function outcomeEvidence(u: UnmetCondition, described: Map<string, DescribedNode>): Evidence[] {
  return u.record?.evidence?.length ? citationEvidence(JSON.stringify(u.record.evidence), false, described) : [];
}

/** One unmet condition in the reader's words: a recorded refusal is quoted, silence is said to be silence. */
export function unmetText(u: UnmetCondition, described: Map<string, DescribedNode>): { en: string; zh: string } {
  const text = conditionText(u.condition);
  if (u.record?.met === false) {
    const quote = outcomeEvidence(u, described)[0];
    const note = { en: u.record.note ?? u.record.noteZh, zh: u.record.noteZh ?? u.record.note };
    const quoted = { en: quote ? `: "${quote.quoteEn ?? quote.quote}"` : '', zh: quote ? `：“${quote.quoteZh ?? quote.quote}”` : '' };
    return {
      en: `${text.en}, recorded as not met${note.en ? ` (${note.en})` : ''}${quoted.en}`,
      zh: `${text.zh}，记录为未满足${note.zh ? `（${note.zh}）` : ''}${quoted.zh}`,
    };
  }
  return { en: `${text.en}, which nothing shows was met`, zh: `${text.zh}，没有证据表明已满足` };
}

export function actorFinding(group: Judged[], described: Map<string, DescribedNode>, facts: Map<string, GrantFacts> = new Map()): Ranked {
  const { row, kind, via, through, unmet, principal } = group[0];
  const action = row.action;
  const actors = [...new Map(group.map((j) => [j.row.actor.id, j.row.actor])).values()];
  const roles = new Set(group.flatMap((j) => j.row.roles));
  const powers = [...new Map(group.map((j) => [j.row.power.id, j.row.power])).values()];
  const holders = group.flatMap((j) => j.holders);
  const decided = roles.has('DECIDED');
  const role = decided ? { en: 'decided', zh: '决定' } : { en: 'carried out', zh: '执行' };
  const people = actors.every((a) => a.label === 'Person');
  const as = principal
    ? { en: `, working for or under the direction of ${en(principal.body)},`, zh: `（为${zh(principal.body)}工作或在其指导下）` }
    : people && through
      ? { en: `, acting as ${actors.length > 1 ? 'members' : 'a member'} of ${en(through)},`, zh: `（以${zh(through)}人员身份）` }
      : people
        ? { en: ', who held no recorded position that day,', zh: '（当日无记录在案的职务）' }
        : { en: '', zh: '' };
  const subject = actionSubject(action);
  const day = onDateWords(action.startedAt, action.startedAtPrecision);
  const when = { en: `${day.en} in ${en(row.place)}`, zh: `于${day.zh}在${zh(row.place)}` };
  const unmetList = unmet ?? [];
  const evidence = evidenceOf(
    described,
    [action.id],
    [
      ...group.flatMap((j) => j.row.performed.flatMap((p) => citationEvidence(p.citations, p.unsourced, described))),
      ...(principal ? citationEvidence(principal.citations, principal.unsourced, described) : []),
      ...unmetList.flatMap((u) => outcomeEvidence(u, described)),
      ...actors.flatMap((a) => described.get(a.id)?.evidence ?? []),
      ...holders.flatMap((h) => described.get(h.grantId)?.evidence ?? []),
      ...holders.flatMap((h) => h.chain.flatMap((s) => s.evidence)),
    ],
  );
  const nodeIds = [action.id, ...actors.map((a) => a.id), ...(through ? [through.id] : []), ...powers.map((p) => p.id), ...(via ? [via.id] : [])];
  const power = noun({ ...row.power, label: 'Power' });
  const powerEn = powers.map((p) => `"${en(p)}"`).join(', ');
  const powerZh = powers.map((p) => `“${zh(p)}”`).join('、');
  const who = { en: enList(actors), zh: zhList(actors) };
  const whoShort = actors.map(short).join(' and ');
  const body = { en: en(through ?? actors[0]), zh: zh(through ?? actors[0]) };
  const lead = {
    en: `${summarySentence(action, 'en')} ${who.en}${as.en} ${decided ? 'decided it' : 'carried it out'} ${when.en}, exercising ${powerEn}.`.trim(),
    zh: `${summarySentence(action, 'zh')}${who.zh}${as.zh}${when.zh}${role.zh}此事，行使${powerZh}。`,
  };
  const factBases = [...group.flatMap((j) => j.row.performed.map((p) => p.basis)), principal?.basis];
  const common = { nodeIds, power, evidence, affected: action.affectedCount, detail: actionDetail(action) };
  if (kind === 'UNAUTHORIZED_ACTION') {
    const forWhom = principal ? { en: ` for ${short(principal.body)}, which`, zh: `为${zh(principal.body)}` } : { en: ', who', zh: '' };
    return findingOf(kind, {
      title: `${subject.en}: ${role.en} by ${whoShort}${forWhom.en} held no grant for it`,
      titleZh: principal
        ? `${subject.zh}：${zhList(actors)}为${zh(principal.body)}${role.zh}，后者无授权`
        : `${subject.zh}：${zhList(actors)}无授权${role.zh}`,
      explanation:
        `${lead.en} No grant in force that day gave ${body.en}, or any body it is part of, that power (or a broader one) there` +
        (decided || principal ? '.' : ', and no co-actor of the action, nor any body it built or operates for, held it either.'),
      explanationZh:
        `${lead.zh}当日有效的规定中，没有任何一项把该权力（或包含它的更大权力）在当地授予${body.zh}或其所属机构` +
        (decided || principal ? '。' : '；该行为的其他参与者、以及其承建或运营所服务的机构，也都不享有该权力。'),
      severity: affectsPeople(action) ? 'HIGH' : 'MEDIUM',
      // "No grant gave it": a conclusion from what the recorded law leaves out.
      bases: [...factBases, 'INFERRED'],
      ...common,
    });
  }
  if (kind === 'AUTHORITY_VIA_PARENT_ONLY') {
    return findingOf(kind, {
      title: `${subject.en}: ${role.en} by ${whoShort} of ${short(through)}; only the body it is part of holds the power`,
      titleZh: `${subject.zh}：由${zhList(actors)}（${zh(through)}）${role.zh}，权力只属于其上级机构`,
      explanation:
        `${lead.en} ${body.en} holds no grant of that power itself; only ${en(via)}, which it is part of, does, and no grant delegates it down. ` +
        'This is weaker than an action with no authority at all, but the grant names the body as a whole, not its part.',
      explanationZh: `${lead.zh}${body.zh}本身没有该权力，只有其所属的${zh(via)}有，且没有规定把权力下放给它。这比完全无权稍轻，但授权对象是上级机构，而非其内设部门。`,
      bases: [...factBases, ...holdingBases(holders, facts)],
      ...common,
    });
  }
  const refused = unmetList.some((u) => u.record?.met === false);
  const conditions = unmetList.map((u) => unmetText(u, described));
  return findingOf('CONDITION_NOT_MET', {
    title: refused
      ? `${subject.en}: ${role.en} by ${whoShort} though a condition of its grant was not met`
      : `${subject.en}: ${role.en} by ${whoShort} without meeting the conditions of its grant`,
    titleZh: refused ? `${subject.zh}：${zhList(actors)}${role.zh}时授权条件未获满足` : `${subject.zh}：${zhList(actors)}${role.zh}时未满足授权条件`,
    explanation: `${lead.en} ${body.en} holds it only under conditions: ${conditions.map((c) => c.en).join('; ')}.`,
    explanationZh: `${lead.zh}${body.zh}行使该权力须满足条件：${conditions.map((c) => c.zh).join('；')}。`,
    // A recorded refusal is stated; "nothing shows it was met" is a conclusion from silence.
    bases: [...factBases, ...holdingBases(holders, facts), unmetList.every((u) => u.record?.met === false) ? 'STATED' : 'INFERRED'],
    ...common,
  });
}
