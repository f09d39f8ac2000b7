// The wording of PROHIBITED_ACTION: one finding per action, with every prohibition it broke.
// No database here.
import type { DescribedNode } from '../../evidence.js';
import { en, zh, type Ref } from '../../names.js';
import { evidenceOf, findingOf, noun, type Ranked } from '../finding.js';
import { actionDetail, actionSubject, purposeText, type ActionFacts } from '../wording.js';

/** One row of prohibitedAction.cypher (see its header). */
export interface ProhibitedRow {
  action: ActionFacts & { purpose: string };
  power: Ref;
  forbidden: Ref;
  grant: { id: string; purposes: string[] | null };
  grantPlace: Ref;
  provision: { id: string; ref: string };
  instrument: { id: string; title: string; titleZh: string };
}

export function prohibitedFinding(broken: ProhibitedRow[], described: Map<string, DescribedNode>): Ranked {
  const { action, power } = broken[0]!;
  const subject = actionSubject(action);
  const purpose = purposeText(action.purpose);
  const laws = broken.map((r) => {
    const allowed = r.grant.purposes?.length ? r.grant.purposes.map(purposeText) : null;
    return {
      en: `${r.provision.ref} of ${r.instrument.title} (${r.instrument.titleZh}), in force in ${en(r.grantPlace)}, ` +
        (allowed ? `forbids "${en(r.forbidden)}" for any purpose other than ${allowed.map((p) => p.en).join(' or ')}` : `forbids "${en(r.forbidden)}"`),
      zh: `在${zh(r.grantPlace)}有效的《${r.instrument.titleZh}》${r.provision.ref}` +
        (allowed ? `禁止将“${zh(r.forbidden)}”用于${allowed.map((p) => p.zh).join('或')}以外的目的` : `禁止“${zh(r.forbidden)}”`),
    };
  });
  return findingOf('PROHIBITED_ACTION', {
    title: `${subject.en}: purpose forbidden by law`,
    titleZh: `${subject.zh}用途违法`,
    explanation: `"${action.summary}" (${action.startedAt}) exercised "${en(power)}" for ${purpose.en} (recorded purpose: ${action.purpose}). ` +
      `${laws.map((l) => l.en).join('; ')}.`,
    explanationZh: `“${action.summaryZh}”（${action.startedAt}）行使“${zh(power)}”，目的是${purpose.zh}。${laws.map((l) => l.zh).join('；')}。`,
    nodeIds: [action.id, ...broken.map((r) => r.grant.id)],
    power: noun({ ...power, label: 'Power' }),
    evidence: evidenceOf(described, [action.id, ...broken.flatMap((r) => [r.grant.id, r.provision.id])]),
    affected: action.affectedCount,
    detail: actionDetail(action),
  });
}
