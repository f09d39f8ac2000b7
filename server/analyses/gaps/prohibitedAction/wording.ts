// The wording of PROHIBITED_ACTION: one finding per action, with every prohibition it broke,
// each named by its instrument's real kind and title (a measure is not called a law) and its
// own scope (the power it forbids and the purposes it allows). No database here.
import type { DescribedNode } from '../../evidence.js';
import { docKindText, en, refForZh, titleOf, zh, type Ref } from '../../names.js';
import { evidenceOf, findingOf, noun, type Ranked } from '../finding.js';
import {
  actionDetail,
  actionSubject,
  onDateWords,
  purposePhrase,
  purposeText,
  summarySentence,
  type ActionFacts,
  type PurposeLabel,
} from '../wording.js';

/** One row of prohibitedAction.cypher (see its header). */
export interface ProhibitedRow {
  action: ActionFacts & { purpose: string };
  power: Ref;
  forbidden: Ref;
  grant: { id: string; purposes: string[] | null; basis?: string | null; allowed?: (PurposeLabel | null)[] | null };
  grantPlace: Ref;
  provision: { id: string; ref: string | null; refZh?: string | null };
  instrument: { id: string; title: string | null; titleZh: string | null; docType?: string | null; kind?: PurposeLabel | null };
}

/** One prohibition in the reader's words: its instrument's kind and title, its provision, its place and scope. */
export function prohibitionText(r: ProhibitedRow): { en: string; zh: string } {
  const title = titleOf(r.instrument);
  const kind = docKindText(r.instrument.docType, r.instrument.kind);
  const allowed = (r.grant.purposes ?? []).map((_, i) => purposeText(r.grant.allowed?.[i]));
  const ref = r.provision.ref ? `${r.provision.ref}, ` : '';
  return {
    en:
      `Under the ${kind.en} "${title.en}" (${ref}in force in ${en(r.grantPlace)}), ` +
      (allowed.length
        ? `"${en(r.forbidden)}" is forbidden for any purpose other than ${allowed.map((p) => p.en).join(' or ')}`
        : `"${en(r.forbidden)}" is forbidden`),
    zh:
      `在${zh(r.grantPlace)}有效的《${title.zh}》${refForZh(r.provision.ref, r.provision.refZh)}${title.zh.endsWith(kind.zh) ? '' : `（${kind.zh}）`}` +
      (allowed.length ? `禁止将“${zh(r.forbidden)}”用于${allowed.map((p) => p.zh).join('或')}以外的目的` : `禁止“${zh(r.forbidden)}”`),
  };
}

export function prohibitedFinding(broken: ProhibitedRow[], described: Map<string, DescribedNode>): Ranked {
  const { action, power } = broken[0];
  const subject = actionSubject(action);
  const purpose = purposePhrase(action);
  const titles = [...new Map(broken.map((r) => [r.instrument.id, titleOf(r.instrument)])).values()];
  const laws = broken.map(prohibitionText);
  const day = onDateWords(action.startedAt, action.startedAtPrecision);
  return findingOf('PROHIBITED_ACTION', {
    title: `${subject.en}: a purpose forbidden by ${titles.map((t) => `the ${t.en}`).join(' and ')}`,
    titleZh: `${subject.zh}：用途违反${titles.map((t) => `《${t.zh}》`).join('、')}`,
    explanation: `${summarySentence(action, 'en')} It exercised "${en(power)}" ${day.en}, ${purpose.en}. ` + `${laws.map((l) => l.en).join('. ')}.`,
    explanationZh: `${summarySentence(action, 'zh')}该行为于${day.zh}行使“${zh(power)}”，${purpose.zh}。${laws.map((l) => l.zh).join('；')}。`,
    nodeIds: [action.id, ...broken.map((r) => r.grant.id)],
    power: noun({ ...power, label: 'Power' }),
    evidence: evidenceOf(described, [action.id, ...broken.flatMap((r) => [r.grant.id, r.provision.id])]),
    bases: [action.purposeBasis, ...broken.map((r) => r.grant.basis)],
    affected: action.affectedCount,
    detail: actionDetail(action),
  });
}
