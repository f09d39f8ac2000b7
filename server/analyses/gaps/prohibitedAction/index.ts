// PROHIBITED_ACTION: actions that an in-force prohibition forbids (the judgement is in
// prohibitedAction.cypher: place, date, purposes and whom the prohibition binds).
import type { Database } from '../../../neo4j/database.js';
import { describeNodes } from '../../evidence.js';
import { runAnalysis } from '../../run.js';
import type { Question, Ranked } from '../finding.js';
import { prohibitedFinding, type ProhibitedRow } from './wording.js';

/** The findings about `actions`. */
export async function prohibitedFindings(db: Database, question: Question, actions: string[]): Promise<Ranked[]> {
  const rows = await runAnalysis<ProhibitedRow>(db, 'gaps/prohibitedAction/prohibitedAction', { case: question.case, at: question.at, actions });
  const described = await describeNodes(
    db,
    rows.flatMap((r) => [r.action.id, r.grant.id, r.provision.id]),
  );
  // One finding per action, with every prohibition it broke.
  const byAction = new Map<string, ProhibitedRow[]>();
  for (const r of rows) byAction.set(r.action.id, [...(byAction.get(r.action.id) ?? []), r]);
  return [...byAction.values()].map((broken) => prohibitedFinding(broken, described));
}
