// accountability — per stance, how many statements, which bodies or persons spoke so, and
// the statements themselves with their evidence, for a case and a power (statements about
// narrower powers included). See accountability.cypher.
import { STANCES } from '../model/model.js';
import type { Database } from '../neo4j/database.js';
import { describeNodes, requireNode } from './evidence.js';
import { runAnalysis } from './run.js';
import type { Evidence, NodeRef } from './types.js';

export type Stance = (typeof STANCES)[number];

/** A statement as accountability.cypher and referralPaths.cypher return it. */
export interface StatementRow {
  statement: { id: string; saidOn: string; stance: Stance; speaker: string | null; quote: string | null; quoteZh: string | null };
  saidBy: NodeRef;
  names: NodeRef[];
  powers: NodeRef[];
}

export interface StatementResult {
  id: string;
  saidOn: string;
  stance: Stance;
  speaker: string | null;
  saidBy: NodeRef;
  names: NodeRef[];
  powers: NodeRef[];
  quote: string | null;
  quoteZh: string | null;
  evidence: Evidence[];
}

export interface StanceCount {
  stance: Stance;
  count: number;
  speakers: NodeRef[];
  statements: StatementResult[];
}

export interface AccountabilityAnswer {
  case: NodeRef;
  power: NodeRef;
  stances: StanceCount[];
  incomplete: boolean;
}

/** Statement rows with their evidence, in one query for all of them. */
export async function statementResults(db: Database, rows: StatementRow[]): Promise<StatementResult[]> {
  const described = await describeNodes(db, rows.map((r) => r.statement.id));
  return rows.map((r) => ({
    ...r.statement,
    saidBy: r.saidBy,
    names: r.names,
    powers: r.powers,
    evidence: described.get(r.statement.id)?.evidence ?? [],
  }));
}

/**
 * Every stance in the model's order (model.ts STANCES), with a count of 0 where nobody spoke so: "nobody claimed
 * it" is itself the finding. Throws UnknownNodeError for an unknown case or power.
 */
export async function accountability(db: Database, question: { case: string; power: string }): Promise<AccountabilityAnswer> {
  const described = await describeNodes(db, [question.case, question.power]);
  const caseRef = requireNode(described, 'Case', question.case);
  const power = requireNode(described, 'Power', question.power);
  const statements = await statementResults(db, await runAnalysis<StatementRow>(db, 'accountability', question));
  const stances = STANCES.map((stance) => {
    const said = statements.filter((s) => s.stance === stance);
    const speakers = [...new Map(said.map((s) => [s.saidBy.id, s.saidBy])).values()];
    return { stance, count: said.length, speakers, statements: said };
  });
  return { case: caseRef, power, stances, incomplete: false };
}
