// story (storyLead.cypher): what the explorer's story view of a case is about, chosen from
// the case's findings: the lead action (the action the findings concern most, each finding
// weighted by its severity, HIGH 3, MEDIUM 2, LOW 1), the power it exercised, where and from
// when, and the answers of whoCan (on its first day), whoDid and accountability about that
// power. One question, so the explorer asks it together with the findings instead of after
// them. A part that fails (an unknown place, a timeout) is left null and the answer marked
// incomplete: the view is then drawn with a thinner band.
import type { Database } from '../neo4j/database.js';
import { accountability, type AccountabilityAnswer } from './accountability.js';
import { describeNodes, refOf, requireNode } from './evidence.js';
import { SEVERITY_ORDER, type Finding } from './gaps/finding.js';
import { isoDate, runAnalysis } from './run.js';
import type { NodeRef, WhoCanAnswer, WhoDidAnswer } from './types.js';
import { whoCan } from './whoCan.js';
import { whoDid } from './whoDid.js';

const WEIGHT: Record<string, number> = { HIGH: 3, MEDIUM: 2, LOW: 1 };

export interface StoryAnswer {
  case: NodeRef;
  leadAction: string | null;
  power: NodeRef | null;
  place: NodeRef | null;
  /** The lead action's first day (YYYY-MM-DD), the date whoCan answers for. */
  at: string | null;
  whoCan: WhoCanAnswer | null;
  whoDid: WhoDidAnswer | null;
  accountability: AccountabilityAnswer | null;
  incomplete: boolean;
}

interface LeadRow {
  id: string;
  startedAt: string | null;
  powers: string[];
  place: string | null;
}

/** The lead action: the one the findings (most severe first) name most, weighted by severity; the first named wins a tie. */
export function leadActionOf(findings: Pick<Finding, 'severity' | 'nodeIds'>[], actions: Set<string>): string | null {
  const sorted = [...findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  const score = new Map<string, number>();
  for (const f of sorted) for (const id of f.nodeIds) if (actions.has(id)) score.set(id, (score.get(id) ?? 0) + (WEIGHT[f.severity] ?? 1));
  return [...score.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** The story of a case from its findings (gaps' first page, as the explorer lists them). */
export async function story(db: Database, question: { case: string }, findings: Finding[]): Promise<StoryAnswer> {
  const described = await describeNodes(db, [question.case]);
  const caseRef = requireNode(described, 'Case', question.case);
  const ids = [...new Set(findings.flatMap((f) => f.nodeIds))];
  const rows = await runAnalysis<LeadRow>(db, 'storyLead', { ids });
  const actions = new Map(rows.map((r) => [r.id, r]));
  const leadAction = leadActionOf(findings, new Set(actions.keys()));
  const lead = leadAction ? actions.get(leadAction) : undefined;
  const bySeverity = [...findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  const powerId = lead ? (lead.powers[0] ?? null) : (bySeverity.find((f) => f.power)?.power?.id ?? null);
  const placeId = lead?.place ?? null;
  const at = lead?.startedAt ?? null;
  const refs = await describeNodes(
    db,
    [powerId, placeId].filter((id): id is string => Boolean(id)),
  );
  if (!powerId) {
    return { case: caseRef, leadAction, power: null, place: null, at, whoCan: null, whoDid: null, accountability: null, incomplete: false };
  }
  let incomplete = false;
  const part = <T>(work: Promise<T>): Promise<T | null> =>
    work.catch(() => {
      incomplete = true;
      return null;
    });
  const [can, did, says] = await Promise.all([
    part(whoCan(db, { power: powerId, place: placeId, at: at ?? isoDate(undefined)! })),
    part(whoDid(db, { power: powerId, place: placeId })),
    part(accountability(db, { case: question.case, power: powerId })),
  ]);
  return {
    case: caseRef,
    leadAction,
    power: refOf(refs, powerId, 'Power'),
    place: placeId ? refOf(refs, placeId, 'Place') : null,
    at,
    whoCan: can,
    whoDid: did,
    accountability: says,
    incomplete: incomplete || Boolean(can?.incomplete || did?.incomplete),
  };
}
