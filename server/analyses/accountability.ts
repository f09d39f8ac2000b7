// accountability — per stance, how many statements, which bodies or persons spoke so, and
// the statements themselves with their evidence, for a case and a power (statements about
// narrower powers included). See accountability.cypher.
import { STANCES } from '../model/model.js';
import type { Database } from '../neo4j/database.js';
import { describeNodes, requireNode } from './evidence.js';
import { runAnalysis } from './run.js';
import { BASIS_WORDS, weakestBasis, type Basis } from './basis.js';
import { dateAtPrecision } from '../dates.js';
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
  /** Written at its precision: '2022-06-15', '2022-06' or '2022'. */
  saidOn: string;
  /** The weakest of the stance's basis and the basis of each body it names. */
  basis: Basis;
  basisNote: string | null;
  basisNoteZh: string | null;
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

interface StatementBasisRow {
  id: string;
  saidOnPrecision: string | null;
  stanceBasis: Basis;
  named: { id: string; name: string | null; nameZh: string | null; basis: Basis }[];
}

/** Statement rows with their evidence, in one query for all of them. */
export async function statementResults(db: Database, rows: StatementRow[]): Promise<StatementResult[]> {
  const ids = rows.map((r) => r.statement.id);
  const described = await describeNodes(db, ids);
  const bases = new Map(
    (
      await db.query<StatementBasisRow>(
        `MATCH (s:Statement) WHERE s.id IN $ids
       RETURN s.id AS id, s.saidOnPrecision AS saidOnPrecision, coalesce(s.stanceBasis, 'STATED') AS stanceBasis,
              [(s)-[n:NAMES]->(b) | {id: b.id, name: b.name, nameZh: b.nameZh, basis: coalesce(n.basis, 'STATED')}] AS named`,
        { ids },
      )
    ).map((row) => [row.id, row]),
  );
  return rows.map((r) => ({
    ...r.statement,
    saidOn: dateAtPrecision(String(r.statement.saidOn), bases.get(r.statement.id)?.saidOnPrecision),
    ...statementBasis(bases.get(r.statement.id)),
    saidBy: r.saidBy,
    names: r.names,
    powers: r.powers,
    evidence: described.get(r.statement.id)?.evidence ?? [],
  }));
}

/** The statement's basis, and in words which part of it is a reading. */
function statementBasis(row: StatementBasisRow | undefined): Pick<StatementResult, 'basis' | 'basisNote' | 'basisNoteZh'> {
  const basis = weakestBasis(row?.stanceBasis, ...(row?.named ?? []).map((n) => n.basis));
  if (!row || basis === 'STATED') return { basis, basisNote: null, basisNoteZh: null };
  const en: string[] = [];
  const zh: string[] = [];
  if (row.stanceBasis !== 'STATED') {
    en.push(`How this statement is classified is ${BASIS_WORDS[row.stanceBasis].en}.`);
    zh.push(`此说法的归类是${BASIS_WORDS[row.stanceBasis].zh}。`);
  }
  for (const named of row.named.filter((n) => n.basis !== 'STATED')) {
    const words = BASIS_WORDS[named.basis as Exclude<Basis, 'STATED'>];
    en.push(`That the words mean ${named.name ?? named.nameZh ?? named.id} is ${words.en}.`);
    zh.push(`所指为${named.nameZh ?? named.name ?? named.id}，是${words.zh}。`);
  }
  return { basis, basisNote: en.join(' '), basisNoteZh: zh.join('') };
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
