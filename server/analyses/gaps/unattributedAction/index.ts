// UNATTRIBUTED_ACTION: actions with no known decider.
import type { Database } from '../../../neo4j/database.js';
import { describeNodes } from '../../evidence.js';
import { runAnalysis } from '../../run.js';
import type { Question, Ranked } from '../finding.js';
import { unattributedFinding, type UnattributedRow } from './wording.js';

/** The findings about `actions`. */
export async function unattributedFindings(db: Database, question: Question, actions: string[]): Promise<Ranked[]> {
  const rows = await runAnalysis<UnattributedRow>(db, 'gaps/unattributedAction/unattributedAction', {
    case: question.case,
    at: question.at,
    actions,
  });
  const described = await describeNodes(
    db,
    rows.map((r) => r.action.id),
  );
  return rows.map((r) => unattributedFinding(r, described));
}
