// What a finding is, the kinds there are and how severe each is by default, and the few
// helpers every kind uses to build one (a stable id, evidence without repeated quotes).
//
// Severity, by kind:
//
//   | kind                       | severity | why                                                  |
//   | -------------------------- | -------- | ---------------------------------------------------- |
//   | UNAUTHORIZED_ACTION        | HIGH     | someone acted with no grant at all                   |
//   | PROHIBITED_ACTION          | HIGH     | the law in force forbade what was done               |
//   | AUTHORITY_VIA_PARENT_ONLY  | MEDIUM   | only the body it is part of held the power           |
//   | CONDITION_NOT_MET          | MEDIUM   | it held the power only under a condition not met     |
//   | UNATTRIBUTED_ACTION        | MEDIUM   | nobody is known to have decided an action that gave  |
//   |                            | or LOW   | or changed people's codes (MEDIUM); any other (LOW)  |
//   | DISCLAIMED_AUTHORITY       | MEDIUM   | a holder by law said it does not hold it / not know  |
//   | CONFLICTING_ATTRIBUTION    | MEDIUM   | statements name different holders of one power       |
//   | REFERRAL_LOOP              | MEDIUM   | "ask them" goes round in a circle                    |
//   | DEAD_END                   | MEDIUM   | "ask them" ends where nobody knows or answers        |
//   | DORMANT_POWER              | LOW      | a holder of a duty did nothing while others acted    |
import type { DescribedNode } from '../evidence.js';
import type { Ref } from '../names.js';
import type { Evidence, NodeRef } from '../types.js';

export const GAP_KINDS = [
  'UNAUTHORIZED_ACTION', 'PROHIBITED_ACTION', 'AUTHORITY_VIA_PARENT_ONLY', 'CONDITION_NOT_MET', 'UNATTRIBUTED_ACTION',
  'DISCLAIMED_AUTHORITY', 'CONFLICTING_ATTRIBUTION', 'REFERRAL_LOOP', 'DEAD_END', 'DORMANT_POWER',
] as const;
export type GapKind = (typeof GAP_KINDS)[number];
export type Severity = 'HIGH' | 'MEDIUM' | 'LOW';

/** The severity of each kind; UNATTRIBUTED_ACTION is LOW for an action that touched nobody's code (see the header). */
export const SEVERITY: Record<GapKind, Severity> = {
  UNAUTHORIZED_ACTION: 'HIGH',
  PROHIBITED_ACTION: 'HIGH',
  AUTHORITY_VIA_PARENT_ONLY: 'MEDIUM',
  CONDITION_NOT_MET: 'MEDIUM',
  UNATTRIBUTED_ACTION: 'MEDIUM',
  DISCLAIMED_AUTHORITY: 'MEDIUM',
  CONFLICTING_ATTRIBUTION: 'MEDIUM',
  REFERRAL_LOOP: 'MEDIUM',
  DEAD_END: 'MEDIUM',
  DORMANT_POWER: 'LOW',
};
export const SEVERITY_ORDER: Severity[] = ['HIGH', 'MEDIUM', 'LOW'];

export interface Finding {
  /** The kind and the sorted ids it concerns, so the same finding keeps its id across runs. */
  id: string;
  kind: GapKind;
  severity: Severity;
  title: string;
  titleZh: string;
  explanation: string;
  explanationZh: string;
  nodeIds: string[];
  power: NodeRef | null;
  evidence: Evidence[];
}

export interface GapsAnswer {
  case: NodeRef;
  at: string | null;
  findings: Finding[];
  incomplete: boolean;
}

export interface GapsQuestion {
  case: string;
  /** YYYY-MM-DD, or null for everything the case records. */
  at?: string | null;
  limit?: number;
}

/** What every kind is asked: the case and the date (null for everything recorded). */
export type Question = Required<Omit<GapsQuestion, 'limit'>>;

/**
 * A finding with what it is sorted by (how many people its action affected; 0 when none or
 * unknown) and, for a finding about an action, a detail that tells two same-titled ones apart.
 */
export type Ranked = Finding & { affected: number; detail?: { en: string; zh: string } };

export function noun(ref: Ref): NodeRef {
  return { id: ref.id, label: ref.label ?? 'Power', name: ref.name, nameZh: ref.nameZh };
}

export interface FindingParts extends Omit<Finding, 'id' | 'kind' | 'severity'> {
  severity?: Severity;
  affected?: number | null;
  detail?: { en: string; zh: string };
}

export function findingOf(kind: GapKind, { severity, affected, detail, ...parts }: FindingParts): Ranked {
  const nodeIds = [...new Set(parts.nodeIds)].sort();
  return { id: `${kind}:${nodeIds.join(',')}`, kind, severity: severity ?? SEVERITY[kind], ...parts, nodeIds, affected: affected ?? 0, ...(detail ? { detail } : {}) };
}

/** Evidence of several nodes, without repeating a quote. */
export function evidenceOf(described: Map<string, DescribedNode>, ids: string[], extra: Evidence[] = []): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const e of [...ids.flatMap((id) => described.get(id)?.evidence ?? []), ...extra]) {
    const key = `${e.source.id}|${e.quote ?? ''}|${e.quoteEn ?? ''}|${e.locator ?? ''}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(e);
    }
  }
  return out;
}
