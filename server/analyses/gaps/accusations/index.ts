// Accusations on findings: a statement that ACCUSES a body of acting without authority and
// CONCERNS an action is quoted on every finding about that action (it adds to the finding's
// explanation and evidence; it is not a finding of its own, and the finding's id is kept).
import type { Database } from '../../../neo4j/database.js';
import { describeNodes, type DescribedNode } from '../../evidence.js';
import { en, enList, zh, zhList, type Ref } from '../../names.js';
import { runAnalysis } from '../../run.js';
import { evidenceOf, weakest, type Question, type Ranked } from '../finding.js';
import { capitalised, onDateWords, sentence } from '../wording.js';

/** One row of accusations.cypher (see its header). */
export interface AccusationRow {
  statement: {
    id: string;
    saidOn: string;
    saidOnPrecision?: string | null;
    quote: string | null;
    quoteZh: string | null;
    stanceBasis: string | null;
  };
  by: Ref;
  accused: Ref[];
  actions: string[];
}

/** The accusation in the reader's words. */
export function accusationText(a: AccusationRow): { en: string; zh: string } {
  const day = onDateWords(a.statement.saidOn, a.statement.saidOnPrecision);
  const whom = a.accused.length ? { en: ` ${enList(a.accused)}`, zh: zhList(a.accused) } : { en: ' those who did it', zh: '行为者' };
  return {
    en: sentence(
      `${capitalised(day.en)} ${en(a.by)} accused${whom.en} of acting without authority${(a.statement.quote ?? a.statement.quoteZh) ? `: "${a.statement.quote ?? a.statement.quoteZh}"` : ''}`,
      'en',
    ),
    zh: sentence(
      `${day.zh}，${zh(a.by)}指责${whom.zh}无权行事${(a.statement.quoteZh ?? a.statement.quote) ? `：“${a.statement.quoteZh ?? a.statement.quote}”` : ''}`,
      'zh',
    ),
  };
}

/** Adds each accusation to the findings about the actions it concerns. */
export function quoteAccusations(findings: Ranked[], accusations: AccusationRow[], described: Map<string, DescribedNode>): void {
  for (const a of accusations) {
    const text = accusationText(a);
    for (const f of findings) {
      if (!a.actions.some((id) => f.nodeIds.includes(id))) continue;
      f.explanation = `${f.explanation} ${text.en}`;
      f.explanationZh = `${f.explanationZh}${text.zh}`;
      f.evidence = evidenceOf(described, [a.statement.id], f.evidence);
      f.basis = weakest([f.basis, a.statement.stanceBasis]);
    }
  }
}

export async function accusationsOf(db: Database, question: Question): Promise<{ rows: AccusationRow[]; described: Map<string, DescribedNode> }> {
  const rows = await runAnalysis<AccusationRow>(db, 'gaps/accusations/accusations', { case: question.case, at: question.at });
  return {
    rows,
    described: rows.length
      ? await describeNodes(
          db,
          rows.map((r) => r.statement.id),
        )
      : new Map(),
  };
}
