// The findings of a case computed a batch of actions at a time: the one way they are computed.
// The derive stores each batch as it comes (../derived/findingsBatchStore.ts) rather than
// holding every finding of a national case at once; gaps (../gaps.ts caseFindings) holds them
// and orders them in memory. Either way no statement is handed more than a batch of action ids.
//
// The kinds whose every finding is about one action (registry.ts `perAction`) are asked about
// one batch of the case's actions at a time, in the order of their own rows (first day, then
// id); the others, whose findings do not grow with the actions, are computed whole, once, and
// handed over first. Each batch is handed over in every reading asked, its findings with
// distinct ids and the accusations about their actions quoted, but neither ordered nor told
// apart by title: both need every finding of the case, and are done at the end
// (./answerOrder.ts), by the store from the few keys it keeps of each (severity, people
// affected, title, id, detail).
import type { Database } from '../../neo4j/database.js';
import { describeNodes, requireNode } from '../evidence.js';
import type { NodeRef } from '../types.js';
import { accusationsOf, quoteAccusations, type AccusationRow } from './accusations/index.js';
import { uniqueById } from './answerOrder.js';
import { actionIdsOf } from './caseActions.js';
import type { Question, Ranked } from './finding.js';
import { HolderLookup, Holdings } from './holderLookup.js';
import { FINDING_KINDS, type KindResult } from './registry.js';

/**
 * Actions per batch unless asked otherwise (QUANZE_FINDINGS_BATCH_ACTIONS). At scale 0.1 the
 * derive's peak RSS was 1.8 GB with batches of 20,000 (and a copy of each batch per reading)
 * and 1.3 GB with 5,000 (one copy fewer), in no more time: what a batch holds (its rows, its
 * findings in both readings) is most of the peak.
 */
export const BATCH_ACTIONS = 5_000;

/** The batch size: `asked`, else QUANZE_FINDINGS_BATCH_ACTIONS, else BATCH_ACTIONS. */
export function batchActions(asked?: number): number {
  const size = asked ?? Number(process.env.QUANZE_FINDINGS_BATCH_ACTIONS ?? BATCH_ACTIONS);
  if (!Number.isInteger(size) || size < 1) throw new Error(`A batch of findings needs a whole number of actions, at least 1 (not ${size}).`);
  return size;
}

/** What the batches of a case add up to, per reading asked (in their order). */
export interface BatchesSummary {
  case: NodeRef;
  /** Whether an underlying list was cut at its limit, per reading. */
  incomplete: boolean[];
}

/**
 * Hands `use` the findings of the case for `at`, a batch at a time: the kinds not per action
 * first, then each batch of `size` actions; each call gets one list per reading in `readings`,
 * and how many of the case's actions are done (0 for the kinds computed whole).
 * Put together, the lists of a reading are every finding of the case, before they are told
 * apart by title and ordered (the ids distinct within each list and never repeated across them).
 */
export async function forEachBatch(
  db: Database,
  q: Pick<Question, 'case' | 'at'>,
  readings: Question['reading'][],
  size: number,
  use: (findings: Ranked[][], actionsDone: number) => Promise<void>,
): Promise<BatchesSummary> {
  const caseRef = requireNode(await describeNodes(db, [q.case]), 'Case', q.case);
  const incomplete = readings.map(() => false);
  if (!readings.length) return { case: caseRef, incomplete };
  const shared = new Holdings(db);
  const lookups = readings.map((reading) => new HolderLookup(reading, shared));
  const question = { ...q, reading: readings[0] };
  const whole = FINDING_KINDS.filter((entry) => !entry.perAction);
  const perAction = FINDING_KINDS.filter((entry) => entry.perAction);
  const [accusations, actions, ...results] = await Promise.all([
    accusationsOf(db, question),
    actionIdsOf(db, q),
    ...whole.map((entry) => entry.find(db, question, lookups, [])),
  ]);
  /** One list per reading: the kinds' findings with distinct ids, each its own copy, accusations quoted. */
  const perReading = (kinds: KindResult[][], rows: AccusationRow[]): Ranked[][] =>
    readings.map((_, n) => {
      for (const r of kinds) incomplete[n] ||= r[n].incomplete ?? false;
      // A kind computed once is shared by the readings: each reading but the last quotes on its
      // own copy; the last, which nothing reads after, takes the originals.
      const findings = uniqueById(kinds.flatMap((r) => (n < readings.length - 1 ? structuredClone(r[n].findings) : r[n].findings)));
      quoteAccusations(findings, rows, accusations.described);
      return findings;
    });
  await use(perReading(results, accusations.rows), 0);
  results.length = 0;
  shared.forgetDescribed();
  for (let start = 0; start < actions.length; start += size) {
    const batch = actions.slice(start, start + size);
    const kinds = await Promise.all(perAction.map((entry) => entry.find(db, question, lookups, batch)));
    // Only the accusations about these findings' nodes can be quoted on them (their order kept).
    const nodes = new Set(kinds.flatMap((r) => r.flatMap((k) => k.findings.flatMap((f) => f.nodeIds))));
    await use(
      perReading(
        kinds,
        accusations.rows.filter((a) => a.actions.some((id) => nodes.has(id))),
      ),
      start + batch.length,
    );
    shared.forgetDescribed();
  }
  return { case: caseRef, incomplete };
}
