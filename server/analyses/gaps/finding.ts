// What a finding is, the kinds there are and how severe each is by default, and the few
// helpers every kind uses to build one (a stable id, evidence without repeated quotes).
//
// Severity, by kind:
//
//   | kind                       | severity | why                                                  |
//   | -------------------------- | -------- | ---------------------------------------------------- |
//   | UNAUTHORIZED_ACTION        | HIGH     | someone acted with no grant at all, using a power    |
//   |                            | or MEDIUM| that bears on people (HIGH); any other power (MEDIUM)|
//   | PROHIBITED_ACTION          | HIGH     | an instrument in force forbade what was done         |
//   | HELD_UNLAWFUL              | HIGH     | a court or later instrument held the action unlawful |
//   | AUTHORITY_VIA_PARENT_ONLY  | MEDIUM   | only the body it is part of held the power           |
//   | CONDITION_NOT_MET          | MEDIUM   | it held the power only under a condition not met     |
//   | UNATTRIBUTED_ACTION        | MEDIUM   | nobody is known to have decided an action using a    |
//   |                            | or LOW   | power that bears on people (MEDIUM); any other (LOW) |
//   | DISCLAIMED_AUTHORITY       | MEDIUM   | a holder by law said it does not hold it / not know  |
//   | CONFLICTING_ATTRIBUTION    | MEDIUM   | statements name different holders of one power       |
//   | REFERRAL_LOOP              | MEDIUM   | "ask them" goes round in a circle                    |
//   | DEAD_END                   | MEDIUM   | "ask them" ends where nobody knows or answers        |
//   | DORMANT_POWER              | LOW      | a holder of a duty did nothing while others acted    |
//
// A power "bears on people" when the case declares it so (Power.affectsPeople): no id or word
// of any one case decides severity.
//
// Basis: every finding says how firmly it rests on the sources, as data and in words: STATED
// when every fact it rests on is stated by a source; EDITOR_READING when one of them is an
// editor's reading (a grant read from a text, a purpose no source states, a body an editor
// decided a statement meant); INFERRED when the finding is the analysis's own conclusion from
// what the sources say or leave out (a holding reached through a body type, a succession or a
// delegation, a trail of referrals put together, a body not shown acting). The weakest wins.
import { createHash } from 'node:crypto';
import type { DescribedNode } from '../evidence.js';
import type { Ref } from '../names.js';
import type { Evidence, NodeRef } from '../types.js';

export const GAP_KINDS = [
  'UNAUTHORIZED_ACTION',
  'PROHIBITED_ACTION',
  'AUTHORITY_VIA_PARENT_ONLY',
  'CONDITION_NOT_MET',
  'UNATTRIBUTED_ACTION',
  'DISCLAIMED_AUTHORITY',
  'CONFLICTING_ATTRIBUTION',
  'REFERRAL_LOOP',
  'DEAD_END',
  'DORMANT_POWER',
  'HELD_UNLAWFUL',
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
  HELD_UNLAWFUL: 'HIGH',
};

export const BASES = ['STATED', 'EDITOR_READING', 'INFERRED'] as const;
export type Basis = (typeof BASES)[number];

/** The weakest of several bases (STATED when there are none). */
export function weakest(bases: (string | null | undefined)[]): Basis {
  let worst = 0;
  for (const b of bases) worst = Math.max(worst, BASES.indexOf((b ?? 'STATED') as Basis));
  return BASES[worst] ?? 'STATED';
}

/** The basis in words, one sentence in each language, added to every explanation. */
export const BASIS_WORDS: Record<Basis, { en: string; zh: string }> = {
  STATED: { en: 'Every fact this rests on is stated by the sources.', zh: '本结论所依据的事实均由来源明言。' },
  EDITOR_READING: {
    en: "This rests in part on an editor's reading of the sources, not on their words alone.",
    zh: '本结论部分依据编者对来源的解读，而非仅凭来源原话。',
  },
  INFERRED: { en: "This is the analysis's own inference from what the sources say or leave out.", zh: '本结论是分析根据来源所述或未述作出的推断。' },
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
  /** How firmly it rests on the sources (see the header). */
  basis: Basis;
}

export interface GapsAnswer {
  case: NodeRef;
  at: string | null;
  /** The reading the findings were judged by. */
  reading: 'AS_IT_STOOD' | 'AS_LATER_HELD';
  /** One page: the first `limit` findings after the cursor `after`. */
  findings: Finding[];
  /** Counts over every finding of the case, not only this page. */
  total: number;
  byKind: { key: string; count: number }[];
  bySeverity: { key: string; count: number }[];
  endCursor: string | null;
  hasNextPage: boolean;
  incomplete: boolean;
}

export interface GapsQuestion {
  case: string;
  /** YYYY-MM-DD, or null for everything the case records. */
  at?: string | null;
  /** How many findings on the page (the API's `first`, or `limit`). */
  limit?: number;
  /** The id of the last finding of the previous page. */
  after?: string | null;
  /**
   * AS_IT_STOOD (default): a holding of invalidity counts once made, by `at` (HELD_UNLAWFUL),
   * and by an action's own date when whoCan judges who held the power then. AS_LATER_HELD:
   * every holding in the data counts, a retroactive one back to its target's start.
   */
  reading?: 'AS_IT_STOOD' | 'AS_LATER_HELD' | null;
}

/** What every kind is asked: the case, the date (null for everything recorded) and the reading. */
export interface Question {
  case: string;
  at: string | null;
  reading: 'AS_IT_STOOD' | 'AS_LATER_HELD';
}

/**
 * A finding with what it is sorted by (how many people its action affected; 0 when none or
 * unknown) and, for a finding about an action, a detail that tells two same-titled ones apart.
 */
export type Ranked = Finding & { affected: number; detail?: { en: string; zh: string } };

export function noun(ref: Ref): NodeRef {
  return { id: ref.id, label: ref.label ?? 'Power', name: ref.name, nameZh: ref.nameZh };
}

export interface FindingParts extends Omit<Finding, 'id' | 'kind' | 'severity' | 'basis'> {
  severity?: Severity;
  /** The bases of what it rests on; the weakest wins (STATED when none is given). */
  bases?: (string | null | undefined)[];
  affected?: number | null;
  detail?: { en: string; zh: string };
}

/** Ids up to this length name every node; longer ones are cut and end in a digest of all of them. */
export const FINDING_ID_MAX = 200;

/**
 * A finding's id: its kind and the ids of the nodes it rests on, which names the finding the
 * same way on every computation. A finding resting on many nodes (a referral trail across a
 * country) would have an id of kilobytes, too long for a link or for Neo4j's index on stored
 * findings (about 8 KB at most), so a long one keeps its first ids and ends in a SHA-1 digest
 * of the whole list, still unique and still the same at every computation.
 */
export function findingId(kind: string, nodeIds: string[]): string {
  const full = `${kind}:${nodeIds.join(',')}`;
  if (full.length <= FINDING_ID_MAX) return full;
  const digest = createHash('sha1').update(full).digest('hex');
  return `${full.slice(0, FINDING_ID_MAX - digest.length - 2)}…#${digest}`;
}

export function findingOf(kind: GapKind, { severity, affected, detail, bases, ...parts }: FindingParts): Ranked {
  const nodeIds = [...new Set(parts.nodeIds)].sort();
  const basis = weakest(bases ?? []);
  return {
    id: findingId(kind, nodeIds),
    kind,
    severity: severity ?? SEVERITY[kind],
    ...parts,
    explanation: `${parts.explanation} ${BASIS_WORDS[basis].en}`,
    explanationZh: `${parts.explanationZh}${BASIS_WORDS[basis].zh}`,
    basis,
    nodeIds,
    affected: affected ?? 0,
    ...(detail ? { detail } : {}),
  };
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
