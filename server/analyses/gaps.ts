// gaps — the findings of a case: where the law's answer and the facts' answer part. Each
// kind of finding has its own folder in ./gaps/ (its Cypher, its judgement, its wording),
// listed in ./gaps/registry.ts; this module runs them for a case and a date, tells apart
// findings whose titles read alike, and orders them. Severity by kind: ./gaps/finding.ts.
// The derive after an import gets the same findings a batch of actions at a time
// (./gaps/batches.ts) and tells titles apart and orders them as it stores them
// (./derived/findingsBatchStore.ts), with the helpers below.
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
import { describeNodes, requireNode } from './evidence.js';
import { accusationsOf, quoteAccusations } from './gaps/accusations/index.js';
import { GAP_KINDS, SEVERITY_ORDER, type Finding, type GapsAnswer, type GapsQuestion, type Question, type Ranked } from './gaps/finding.js';
import { actionIdsOf } from './gaps/caseActions.js';
import { HolderLookup, Holdings } from './gaps/holderLookup.js';
import { FINDING_KINDS, type KindResult } from './gaps/registry.js';
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

/** Every finding of the case for a date and a reading, ordered (what gaps pages, and what is stored after an import). */
export async function caseFindings(db: Database, q: Question): Promise<CaseFindings> {
  const [findings] = await findingsByReading(db, q, [q.reading]);
  return findings;
}

/**
 * Every finding of the case for a date in each of `readings`, ordered: the same as caseFindings
 * asked for each, but what the readings share (the rows of each kind, the kinds that do not
 * depend on the reading, the candidate holdings and the nodes described) is read once.
 */
export async function findingsByReading(db: Database, q: Pick<Question, 'case' | 'at'>, readings: Question['reading'][]): Promise<CaseFindings[]> {
  const all: CaseFindings[] = [];
  await forEachReading(db, q, readings, (findings) => {
    all.push(findings);
    return Promise.resolve();
  });
  return all;
}

/**
 * What findingsByReading gives, handed to `use` one reading at a time, each let go before the
 * next is put together. Every finding of a reading is held at once: the derive after an
 * import computes and stores a batch of actions at a time instead (./gaps/batches.ts), to the
 * same findings.
 */
export async function forEachReading(
  db: Database,
  q: Pick<Question, 'case' | 'at'>,
  readings: Question['reading'][],
  use: (findings: CaseFindings, reading: Question['reading']) => Promise<void>,
): Promise<void> {
  if (!readings.length) return;
  const caseRef = requireNode(await describeNodes(db, [q.case]), 'Case', q.case);
  const shared = new Holdings(db);
  const lookups = readings.map((reading) => new HolderLookup(reading, shared));
  const question = { ...q, reading: readings[0] };
  const actions = await actionIdsOf(db, q);
  // The kinds are independent: ask for them together.
  const [accusations, ...results] = await Promise.all([
    accusationsOf(db, question),
    ...FINDING_KINDS.map((entry) => entry.find(db, question, lookups, actions)),
  ]);
  for (const [n, reading] of readings.entries()) {
    // A kind computed once is shared by the readings: each reading but the last words its own
    // copy; the last, which nothing reads after, takes the originals.
    const own = results.map((r) => (n < readings.length - 1 ? structuredClone(r[n]) : r[n]));
    // Nothing else holds this reading's results once they are put together.
    for (const r of results) r[n] = { findings: [] };
    await use(ordered(caseRef, own, accusations), reading);
  }
}

/** The findings of one reading put together: accusations quoted, like titles told apart, ordered. */
function ordered(caseRef: NodeRef, results: KindResult[], accusations: Awaited<ReturnType<typeof accusationsOf>>): CaseFindings {
  const unique = uniqueById(results.flatMap((r) => r.findings));
  // An accusation that concerns an action is quoted on that action's findings.
  quoteAccusations(unique, accusations.rows, accusations.described);
  // Two actions whose subjects read alike (same kind of act, people and day): say which is which.
  const titles = new Map<string, number>();
  for (const f of unique) titles.set(f.title, (titles.get(f.title) ?? 0) + 1);
  for (const f of unique) {
    if ((titles.get(f.title) ?? 0) > 1 && f.detail) tellApart(f, f.detail);
  }
  unique.sort(inAnswerOrder);
  return {
    case: caseRef,
    findings: unique.map(unranked),
    incomplete: results.some((r) => r.incomplete),
  };
}

/** The findings with distinct ids; of two with one id, the later (the store of batches does the same). */
export const uniqueById = <T extends { id: string }>(all: T[]): T[] => [...new Map(all.map((f) => [f.id, f])).values()];

/** A title that reads like another's, with the detail that tells them apart (in both languages). */
export function tellApart(f: Pick<Finding, 'title' | 'titleZh'>, detail: { en: string; zh: string }): void {
  f.title = `${f.title} — ${detail.en}`;
  f.titleZh = `${f.titleZh}——${detail.zh}`;
}

/** What findings are ordered by in an answer: severity, people affected (most first), title, id. */
export type OrderKeys = Pick<Ranked, 'severity' | 'affected' | 'title' | 'id'>;

/** The answer's order; titles compared by localeCompare, in Node (Neo4j's ORDER BY would differ). */
export const inAnswerOrder = (a: OrderKeys, b: OrderKeys): number =>
  SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
  b.affected - a.affected ||
  a.title.localeCompare(b.title) ||
  a.id.localeCompare(b.id);

/** A finding as answered: without what it is ordered and told apart by. */
export const unranked = ({ affected: _affected, detail: _detail, ...finding }: Ranked): Finding => finding;

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
