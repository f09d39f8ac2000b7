// DORMANT_POWER: holders of a duty or power that did nothing while others acted.
import type { Database } from '../../../neo4j/database.js';
import { runAnalysis } from '../../run.js';
import type { Question, Ranked } from '../finding.js';
import type { HolderLookup } from '../holderLookup.js';
import { judgeDormant, type DormantRow } from './judge.js';
import { dormantFinding } from './wording.js';

/** The findings in the reading of each lookup, in their order (the rows are read once). */
export async function dormantFindings(db: Database, question: Question, lookups: HolderLookup[]): Promise<Ranked[][]> {
  const rows = await runAnalysis<DormantRow>(db, 'gaps/dormantPower/dormantPower', { case: question.case, at: question.at });
  return Promise.all(lookups.map((lookup) => judged(rows, lookup)));
}

async function judged(rows: DormantRow[], lookup: HolderLookup): Promise<Ranked[]> {
  const dormant = await judgeDormant(rows, (row, day) => lookup.holders(row.root, row.powerChain, row.place.id, day));
  const described = await lookup.shared.describe(dormant.flatMap((d) => [d.root, ...d.holders.map((h) => h.grantId)]));
  return dormant.map((d) => dormantFinding(d, described));
}
