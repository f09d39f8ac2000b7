// DISCLAIMED_AUTHORITY: a body said it does not hold a power, or did not know who does, on a
// day the law gave it that power (or a broader or narrower one) in its own jurisdiction.
import type { Database } from '../../../neo4j/database.js';
import { runAnalysis } from '../../run.js';
import type { Question, Ranked } from '../finding.js';
import { grantFacts } from '../grantFacts.js';
import type { HolderLookup } from '../holderLookup.js';
import { disclaimedFinding, type DisclaimHit, type DisclaimRow } from './wording.js';

/** The findings in the reading of each lookup, in their order (the rows are read once). */
export async function disclaimedFindings(db: Database, question: Question, lookups: HolderLookup[]): Promise<Ranked[][]> {
  const rows = await runAnalysis<DisclaimRow>(db, 'gaps/disclaimedAuthority/disclaimedAuthority', { case: question.case, at: question.at });
  return Promise.all(lookups.map((lookup) => judged(db, rows, lookup)));
}

async function judged(db: Database, rows: DisclaimRow[], lookup: HolderLookup): Promise<Ranked[]> {
  const hits: DisclaimHit[] = [];
  for (const row of rows) {
    // Holding the power, a broader one or a narrower one is holding (part of) what was disclaimed.
    const holders = (await lookup.holders(row.root, row.related, row.place?.id ?? null, row.statement.saidOn)).filter(
      (h) => h.body.id === row.body.id,
    );
    if (holders.length) hits.push({ row, holders });
  }
  // One finding per body and day: the powers it disclaimed that day, with every statement.
  const byBodyDay = new Map<string, DisclaimHit[]>();
  for (const hit of hits) {
    const key = `${hit.row.body.id}|${hit.row.statement.saidOn}`;
    byBodyDay.set(key, [...(byBodyDay.get(key) ?? []), hit]);
  }
  const described = await lookup.shared.describe(hits.flatMap(({ row, holders }) => [row.statement.id, ...holders.map((h) => h.grantId)]));
  const facts = await grantFacts(
    db,
    hits.flatMap((h) => h.holders.map((x) => x.grantId)),
  );
  return [...byBodyDay.values()].map((group) => disclaimedFinding(group, described, facts));
}
