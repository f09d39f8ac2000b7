// The actor-based kinds: UNAUTHORIZED_ACTION, AUTHORITY_VIA_PARENT_ONLY and CONDITION_NOT_MET.
// actorsOfActions.cypher gives each deciding or executing actor of each action; whoCan (via
// the lookup) says who held the power that day; judge.ts decides; wording.ts words. The rows
// are read once for every reading asked (one lookup each): only who held the power differs.
import type { Database } from '../../../neo4j/database.js';
import { citationSourceIds } from '../../evidence.js';
import { runAnalysis } from '../../run.js';
import type { Holder } from '../../types.js';
import type { Question, Ranked } from '../finding.js';
import { grantFacts } from '../grantFacts.js';
import type { HolderLookup } from '../holderLookup.js';
import { groupJudged, judgeActor, parseConditionsMet, type ActorRow, type Judged } from './judge.js';
import { actorFinding } from './wording.js';

/** The findings about `actions` in the reading of each lookup, in their order. */
export async function actorFindings(db: Database, question: Question, lookups: HolderLookup[], actions: string[]): Promise<Ranked[][]> {
  const rows = await runAnalysis<ActorRow>(db, 'gaps/actorsOfActions/actorsOfActions', { case: question.case, at: question.at, actions });
  if (lookups.length) await lookups[0].shared.prefetch(rows.map((row) => [row.root, row.place.id]));
  return Promise.all(lookups.map((lookup) => judged(db, rows, lookup)));
}

async function judged(db: Database, rows: ActorRow[], lookup: HolderLookup): Promise<Ranked[]> {
  const holdersOf: Holder[][] = [];
  for (const row of rows) holdersOf.push(await lookup.holders(row.root, row.powerChain, row.place.id, row.action.startedAt));
  const facts = await grantFacts(
    db,
    holdersOf.flat().map((h) => h.grantId),
  );
  // One verdict per (action, power, actor): a person who both decided and executed is judged once.
  const judged: Judged[] = [];
  rows.forEach((row, n) => {
    const verdict = judgeActor(row, holdersOf[n], (h) => facts.get(h.grantId)?.conditionIds ?? []);
    if (verdict) judged.push(verdict);
  });
  if (!judged.length) return [];
  const described = await lookup.shared.describe(
    judged.flatMap((j) => [
      j.row.action.id,
      j.row.actor.id,
      ...j.holders.map((h) => h.grantId),
      ...j.row.performed.flatMap((p) => citationSourceIds(p.citations)),
      ...(j.row.actsFor ?? []).flatMap((p) => citationSourceIds(p.citations)),
      ...parseConditionsMet(j.row.action.conditionsMet).flatMap((r) => (r.evidence ?? []).map((e) => e.source)),
    ]),
  );
  return groupJudged(judged).map((group) => actorFinding(group, described, facts));
}
