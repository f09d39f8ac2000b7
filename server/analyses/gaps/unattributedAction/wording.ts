// The judgement and wording of UNATTRIBUTED_ACTION: an action nobody is known to have
// decided; MEDIUM when it gave or changed people's codes, LOW otherwise. No database here.
import type { DescribedNode } from '../../evidence.js';
import { en, zh, type Ref } from '../../names.js';
import { evidenceOf, findingOf, noun, type Ranked } from '../finding.js';
import { actionDetail, actionSubject, touchesCodes, type ActionFacts } from '../wording.js';

/** One row of unattributedAction.cypher (see its header). */
export interface UnattributedRow {
  action: ActionFacts;
  powers: Ref[];
  place: Ref | null;
  otherActors: { role: string; who: Ref }[];
}

export function unattributedFinding(r: UnattributedRow, described: Map<string, DescribedNode>): Ranked {
  const subject = actionSubject(r.action);
  const others = r.otherActors.length
    ? {
        en: ` The record names only ${r.otherActors.map((o) => `${en(o.who)} (${o.role.toLowerCase()})`).join(', ')}.`,
        zh: `记录中只有：${r.otherActors.map((o) => `${zh(o.who)}（${o.role}）`).join('、')}。`,
      }
    : { en: ' The record names no actor at all.', zh: '记录中没有任何行为主体。' };
  return findingOf('UNATTRIBUTED_ACTION', {
    title: `${subject.en}: nobody is known to have decided it`,
    titleZh: `${subject.zh}：不知由谁决定`,
    explanation: `"${r.action.summary}" (${r.action.startedAt}${r.place ? `, ${en(r.place)}` : ''}) happened, but no body or official is known to have decided it.${others.en}`,
    explanationZh: `“${r.action.summaryZh}”（${r.action.startedAt}${r.place ? `，${zh(r.place)}` : ''}）确有发生，但不知由谁决定。${others.zh}`,
    nodeIds: [r.action.id],
    power: r.powers[0] ? noun({ ...r.powers[0], label: 'Power' }) : null,
    evidence: evidenceOf(described, [r.action.id]),
    severity: touchesCodes(r.action) ? 'MEDIUM' : 'LOW',
    affected: r.action.affectedCount,
    detail: actionDetail(r.action),
  });
}
