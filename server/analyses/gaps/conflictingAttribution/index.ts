// CONFLICTING_ATTRIBUTION: statements about one power name two or more different holders
// (the judgement is in conflictingAttribution.cypher).
import type { Database } from '../../../neo4j/database.js';
import { describeNodes } from '../../evidence.js';
import { runAnalysis } from '../../run.js';
import type { Question, Ranked } from '../finding.js';
import { conflictingFinding, type ConflictRow } from './wording.js';

export async function conflictingFindings(db: Database, question: Question): Promise<Ranked[]> {
  const rows = await runAnalysis<ConflictRow>(db, 'gaps/conflictingAttribution/conflictingAttribution', { case: question.case, at: question.at });
  const described = await describeNodes(
    db,
    rows.flatMap((r) => r.holders.flatMap((h) => h.statements.map((s) => s.id))),
  );
  return rows.map((r) => conflictingFinding(r, described));
}
