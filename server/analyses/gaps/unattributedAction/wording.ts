// The judgement and wording of UNATTRIBUTED_ACTION: an action nobody is known to have
// decided; MEDIUM when it exercised a power that bears on people (Power.affectsPeople), LOW
// otherwise. No database here.
import type { DescribedNode } from '../../evidence.js';
import { en, zh, type Ref } from '../../names.js';
import { evidenceOf, findingOf, noun, type Ranked } from '../finding.js';
import { actionDetail, actionSubject, affectsPeople, dateWords, roleText, summarySentence, type ActionFacts } from '../wording.js';

/** One row of unattributedAction.cypher (see its header). */
export interface UnattributedRow {
  action: ActionFacts;
  powers: Ref[];
  place: Ref | null;
  otherActors: { role: string; who: Ref }[];
}

export function unattributedFinding(r: UnattributedRow, described: Map<string, DescribedNode>): Ranked {
  const subject = actionSubject(r.action);
  const day = dateWords(r.action.startedAt, r.action.startedAtPrecision);
  const others = r.otherActors.length
    ? {
        en: ` The record names only ${r.otherActors.map((o) => `${en(o.who)}, which ${roleText(o.role).en}`).join('; ')}.`,
        zh: `记录中只有：${r.otherActors.map((o) => `${zh(o.who)}（${roleText(o.role).zh}）`).join('、')}。`,
      }
    : { en: ' The record names no actor at all.', zh: '记录中没有任何行为主体。' };
  return findingOf('UNATTRIBUTED_ACTION', {
    title: `${subject.en}: nobody is known to have decided it`,
    titleZh: `${subject.zh}：不知由谁决定`,
    explanation: `${summarySentence(r.action, 'en')} This happened (${day.en}${r.place ? `, ${en(r.place)}` : ''}), but no body or official is known to have decided it.${others.en}`,
    explanationZh: `${summarySentence(r.action, 'zh')}此事确有发生（${day.zh}${r.place ? `，${zh(r.place)}` : ''}），但不知由谁决定。${others.zh}`,
    nodeIds: [r.action.id],
    power: r.powers[0] ? noun({ ...r.powers[0], label: 'Power' }) : null,
    evidence: evidenceOf(described, [r.action.id]),
    severity: affectsPeople(r.action) ? 'MEDIUM' : 'LOW',
    // "Nobody is known to have decided it": a conclusion from what the record leaves out.
    bases: ['INFERRED'],
    affected: r.action.affectedCount,
    detail: actionDetail(r.action),
  });
}
