// The actor-based kinds: UNAUTHORIZED_ACTION, AUTHORITY_VIA_PARENT_ONLY and CONDITION_NOT_MET.
// actorsOfActions.cypher gives each deciding or executing actor of each action; whoCan (via
// the lookup) says who held the power that day; judge.ts decides; wording.ts words.
import type { Database } from '../../../neo4j/database.js';
import { citationSourceIds, describeNodes } from '../../evidence.js';
import { runAnalysis } from '../../run.js';
import type { Question, Ranked } from '../finding.js';
import type { HolderLookup } from '../holderLookup.js';
import { groupJudged, judgeActor, type ActorRow, type Judged } from './judge.js';
import { actorFinding } from './wording.js';

export async function actorFindings(db: Database, question: Question, lookup: HolderLookup): Promise<Ranked[]> {
  const rows = await runAnalysis<ActorRow>(db, 'gaps/actorsOfActions/actorsOfActions', { case: question.case, at: question.at });
  // One verdict per (action, power, actor): a person who both decided and executed is judged once.
  const judged: Judged[] = [];
  for (const row of rows) {
    const verdict = judgeActor(row, await lookup.holders(row.root, row.powerChain, row.place.id, row.action.startedAt));
    if (verdict) judged.push(verdict);
  }
  if (!judged.length) return [];
  const described = await describeNodes(db, judged.flatMap((j) => [
    j.row.action.id, j.row.actor.id, ...j.holders.map((h) => h.grantId),
    ...j.row.performed.flatMap((p) => citationSourceIds(p.citations)),
  ]));
  return groupJudged(judged).map((group) => actorFinding(group, described));
}
