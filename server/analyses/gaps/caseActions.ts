// The actions of a case that the per-action kinds are asked about (caseActions.cypher).
import type { Database } from '../../neo4j/database.js';
import { runAnalysis } from '../run.js';
import type { Question } from './finding.js';

/** The ids of the case's actions started by `at` (all when null), by first day then id. */
export async function actionIdsOf(db: Database, q: Pick<Question, 'case' | 'at'>): Promise<string[]> {
  const rows = await runAnalysis<{ id: string }>(db, 'gaps/caseActions', { case: q.case, at: q.at });
  return rows.map((r) => r.id);
}
