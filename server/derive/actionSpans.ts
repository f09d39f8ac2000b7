// Each action's span class: how many days its record may run, from its first possible day
// (startedAt) to its last (the end's last day when it has an end, else the start's last day;
// a date known only to the month runs to the month's end). whoDid finds the actions on the
// asked days through the range index on (spanClass, startedAt): an action of class k that
// may touch the period started at most SPAN_DAYS[k] days before it, so each class is one
// bounded seek in date order, however long the place's record. See docs/decisions.md.
//
// Kept true by the import, in the statements that write an action (spanClassSet: staging a new
// one, overwriting a changed one), so no pass over the actions is left for the switch-over; by a
// full rebuild of the derived layer; and, for a database written before the span classes
// existed, by the migrations (stampMissingSpans, once). Every one of them uses spanClassOf.
import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../neo4j/database.js';

/**
 * The longest span, in days, of each class but the last; the last class is every longer span.
 * Narrow classes keep each seek's window close to the period: most actions last a day or a few.
 */
export const SPAN_DAYS = [0, 3, 10, 31, 92, 366, 3660];

/** The Cypher expression of the span class of the action named `node` in the statement: the rule, written once. */
export function spanClassOf(node: string): string {
  const span = `duration.inDays(${node}.startedAt, coalesce(${node}.endedAtLast, ${node}.endedAt, ${node}.startedAtLast, ${node}.startedAt)).days`;
  return `CASE ${SPAN_DAYS.map((days, k) => `WHEN ${span} <= ${days} THEN ${k}`).join(' ')} ELSE ${SPAN_DAYS.length} END`;
}

/**
 * The clause a statement that writes nodes of `label` ends with so that an action's class
 * follows the dates it has just been given: ` SET node.spanClass = …` for an Action, nothing else.
 */
export function spanClassSet(label: string, node: string): string {
  return label === 'Action' ? ` SET ${node}.spanClass = ${spanClassOf(node)}` : '';
}

const CLASS_OF = spanClassOf('a');

/** The Meta node saying every action of the database has its class under these bounds (written once the migration has stamped them). */
const SPANS_META = 'actionSpans';

/** Stamps every action, in `tx` (a full rebuild of the derived layer: a write behind the import's back may have changed any). */
export async function stampAllActionSpans(tx: ManagedTransaction): Promise<void> {
  await tx.run(`MATCH (a:Action) SET a.spanClass = ${CLASS_OF}`);
}

/**
 * For a database written before the span classes existed, or under other bounds: stamps every
 * action, in transactions of 10,000, then notes the bounds, so later starts read one node.
 */
export async function stampMissingSpans(db: Database): Promise<void> {
  const bounds = SPAN_DAYS.join(',');
  const [done] = await db.query<{ n: number }>('MATCH (m:Meta {id: $id}) WHERE m.bounds = $bounds RETURN count(m) AS n', { id: SPANS_META, bounds });
  if (Number(done.n)) return;
  const session = db.driver.session({ database: db.name });
  try {
    await session.run(`MATCH (a:Action) CALL (a) { SET a.spanClass = ${CLASS_OF} } IN TRANSACTIONS OF 10000 ROWS`);
  } finally {
    await session.close();
  }
  await db.write((tx) => tx.run('MERGE (m:Meta {id: $id}) SET m.bounds = $bounds, m.stampedAt = datetime()', { id: SPANS_META, bounds }));
}
