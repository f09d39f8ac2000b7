// gaps — the findings of a case: where the law's answer and the facts' answer part. Each
// kind of finding has its own folder in ./gaps/ (its Cypher, its judgement, its wording),
// listed in ./gaps/registry.ts; this module runs them for a case and a date a batch of actions
// at a time (./gaps/batches.ts), tells apart findings whose titles read alike and orders them
// (./gaps/answerOrder.ts), and pages them. Severity by kind: ./gaps/finding.ts. The derive
// after an import runs the same batches and stores each as it comes
// (./derived/findingsBatchStore.ts).
//
// One finding per subject, so the list reads like a summary:
//   - actor-based kinds: one per (action, kind, body acted through, parent): two officials of
//     one division who decided the same action are one finding naming both;
//   - PROHIBITED_ACTION: one per action, listing every prohibition it broke;
//   - DISCLAIMED_AUTHORITY: one per (body, day), listing the powers disclaimed that it held;
//   - DEAD_END: one per (power family, body where the trail ends), listing every path that
//     ends there; REFERRAL_LOOP: one per distinct cycle;
//   - DORMANT_POWER: one per (body, power family), merging its duty and power grants;
//   - HELD_UNLAWFUL: one per action, listing every holding against it.
//
// Order: severity, then how many people the action concerned affected (affectedCount, most
// first; findings not about an action count as none), then title. An answer is one page
// (`limit` findings after the finding whose id is `after`), with the totals per kind and
// severity over the whole case.
//
// `at`: findings consider what had happened by then (actions started and statements made on
// or before `at`; everything when absent). Each action is still judged by the law in force
// on its own first day, and each statement by the law on the day it was made.
//
// `reading`: AS_IT_STOOD (the default) counts a holding of invalidity only once it was made:
// by `at` for HELD_UNLAWFUL, by the action's day for who held the power. AS_LATER_HELD counts
// every holding in the data, a retroactive one back to its target's start (whoCan's readings).
import type { Database } from '../neo4j/database.js';
import { tellApartAndOrder, uniqueById, unranked } from './gaps/answerOrder.js';
import { batchActions, forEachBatch } from './gaps/batches.js';
import { GAP_KINDS, SEVERITY_ORDER, type Finding, type GapsAnswer, type GapsQuestion, type Question, type Ranked } from './gaps/finding.js';
import { LIST_LIMIT } from './run.js';
import type { NodeRef } from './types.js';

export { GAP_KINDS, SEVERITY, type Finding, type GapKind, type GapsAnswer, type GapsQuestion, type Question, type Severity } from './gaps/finding.js';

/** Every finding of a case in the answer's order, and whether an underlying list was cut. */
export interface CaseFindings {
  case: NodeRef;
  findings: Finding[];
  incomplete: boolean;
}

/** All findings of a case, most severe first; throws UnknownNodeError for an unknown case. */
export async function gaps(db: Database, question: GapsQuestion): Promise<GapsAnswer> {
  const q = { case: question.case, at: question.at ?? null, reading: question.reading ?? 'AS_IT_STOOD' };
  return pageOf(await caseFindings(db, q), { ...q, limit: question.limit, after: question.after });
}

/**
 * Every finding of the case for a date and a reading, ordered (what gaps pages, and what a
 * reader stores when no current set is). Computed a batch of actions at a time
 * (./gaps/batches.ts), as the derive after an import computes it, then told apart and ordered
 * as the derive's store does at its end (./gaps/answerOrder.ts): one path to the same findings.
 * Unlike the store, every finding is held here at once.
 */
export async function caseFindings(db: Database, q: Question): Promise<CaseFindings> {
  const batches: Ranked[][] = [];
  const { case: caseRef, incomplete } = await forEachBatch(db, q, [q.reading], batchActions(), ([findings]) => {
    batches.push(findings);
    return Promise.resolve();
  });
  const all = uniqueById(batches.flat());
  batches.length = 0;
  tellApartAndOrder(all);
  return { case: caseRef, findings: all.map(unranked), incomplete: incomplete[0] };
}

/** Counts per kind and per severity over every finding, in the order of GAP_KINDS and SEVERITY_ORDER. */
export function countsOf(findings: Pick<Finding, 'kind' | 'severity'>[]): Pick<GapsAnswer, 'byKind' | 'bySeverity'> {
  const count = (key: (f: Pick<Finding, 'kind' | 'severity'>) => string, order: readonly string[]) =>
    order.map((k) => ({ key: k, count: findings.filter((f) => key(f) === k).length })).filter((c) => c.count > 0);
  return { byKind: count((f) => f.kind, GAP_KINDS), bySeverity: count((f) => f.severity, SEVERITY_ORDER) };
}

/** One page of the ordered findings: `limit` after the finding whose id is `after` (an unknown cursor starts at the top). */
export function pageOf(all: CaseFindings, q: Question & { limit?: number; after?: string | null }): GapsAnswer {
  const limit = q.limit ?? LIST_LIMIT;
  const start = q.after ? all.findings.findIndex((f) => f.id === q.after) + 1 : 0;
  const page = all.findings.slice(start, start + limit);
  return {
    case: all.case,
    at: q.at,
    reading: q.reading,
    findings: page,
    total: all.findings.length,
    ...countsOf(all.findings),
    endCursor: page.at(-1)?.id ?? null,
    hasNextPage: start + limit < all.findings.length,
    incomplete: start + limit < all.findings.length || all.incomplete,
  };
}
