// referralPaths — follow the "ask them" statements of a case. referralPaths.cypher returns
// the statements; this module walks them as a graph (a walk with loop detection is a few
// lines here and none in Cypher without APOC's path expanders):
//
//   - nodes are the bodies that answered (a person answers for the body of the position
//     held that day) and the bodies they named;
//   - an edge runs from the body that answered to each body a REFERS or ATTRIBUTES statement
//     names (a body renamed by then is its successor, the one that could be asked); a speaker
//     that names itself as the holder makes a claim (CLAIMS_SELF), not a referral;
//     EXPLAINS_CAUSE, ACCUSES and DENIES_OTHER are neither referrals nor answers that end a
//     trail;
//   - a trail is followed in date order: from a body reached by a referral made on day D,
//     only what that body said on or after D continues or ends it (two calls a day apart are
//     never stitched backwards);
//   - paths start at the bodies that were asked and that no other body pointed to (then at
//     any body not yet reached, earliest statement first, so pure circles are walked too)
//     and are followed to their ends:
//       CLAIMED     the path reaches a body that said the power is its own (CLAIMS_SELF);
//       LOOP        the next body is already on the path;
//       DEAD_END    the path ends at a body that said it does not know, could not be
//                   reached or does not hold the power, or at a body nobody asked while no
//                   body in the case claims the power;
//       ATTRIBUTED  the path ends at a body named as the holder that nobody asked, while
//                   some other body does claim the power.
import type { Database } from '../neo4j/database.js';
import { statementResults, type StatementResult, type StatementRow } from './accountability.js';
import { describeNodes, requireNode } from './evidence.js';
import { en, zh } from './names.js';
import { runAnalysis } from './run.js';
import type { NodeRef } from './types.js';

export type ReferralOutcome = 'LOOP' | 'DEAD_END' | 'CLAIMED' | 'ATTRIBUTED';

export interface ReferralStep {
  from: NodeRef;
  /** The body referred to; absent at a dead end. */
  to: NodeRef | null;
  statement: StatementResult;
}

export interface ReferralPath {
  steps: ReferralStep[];
  outcome: ReferralOutcome;
  explanation: string;
  explanationZh: string;
  nodeIds: string[];
  /** The power asked about (the power family the path's statements are about). Added to the contract. */
  power: NodeRef | null;
}

export interface ReferralAnswer {
  case: NodeRef;
  power: NodeRef | null;
  paths: ReferralPath[];
  incomplete: boolean;
}

interface Row extends StatementRow {
  asker: NodeRef;
  families: NodeRef[];
}

/** Enough for any real referral chain; a cap keeps a pathological graph from exploding. */
const MAX_PATHS_PER_POWER = 200;
const MAX_STEPS = 30;

const TERMINAL_STANCES = new Set(['UNKNOWN', 'UNREACHABLE', 'DENIES_SELF']);

/** How a trail ends at a body that spoke last (by the stance of its last statement). */
export const ENDING: Record<string, { en: string; zh: string }> = {
  UNKNOWN: { en: 'said it did not know', zh: '表示不清楚' },
  UNREACHABLE: { en: 'could not be reached', zh: '无法联系上' },
  DENIES_SELF: { en: 'said it does not hold the power', zh: '称自己没有此权力' },
  REFERS: { en: 'referred the asker on without naming anyone', zh: '让去问别处，却没说问谁' },
  ATTRIBUTES: { en: 'said someone else holds it without naming them', zh: '称权力在别处，却没说在谁' },
};

function stepText(step: ReferralStep): { en: string; zh: string } {
  const verb = step.statement.stance === 'ATTRIBUTES' ? { en: 'said it belongs to', zh: '称权力归' } : { en: 'referred the asker to', zh: '让去找' };
  return { en: `${en(step.from)} ${verb.en} ${en(step.to)}`, zh: `${zh(step.from)}${verb.zh}${zh(step.to)}` };
}

function explain(steps: ReferralStep[], outcome: ReferralOutcome, power: NodeRef | null): { en: string; zh: string } {
  const moves = steps.filter((s) => s.to && (s.statement.stance === 'REFERS' || s.statement.stance === 'ATTRIBUTES')).map(stepText);
  const last = steps[steps.length - 1];
  const asked = {
    en: power ? `Asked who holds "${en(power)}": ` : 'Asked who holds the power: ',
    zh: power ? `问“${zh(power)}”归谁：` : '问此权力归谁：',
  };
  const chain = { en: moves.map((m) => m.en).join(', then '), zh: moves.map((m) => m.zh).join('，') };
  const lead = { en: asked.en + (chain.en ? `${chain.en}. ` : ''), zh: asked.zh + (chain.zh ? `${chain.zh}。` : '') };
  switch (outcome) {
    case 'LOOP':
      return {
        en: `${lead.en}But ${en(last.to)} had already been asked: the referrals go round in a circle and no body on it claims the power.`,
        zh: `${lead.zh}而${zh(last.to)}此前已经问过：推来推去绕成一圈，没有一个机构承认自己有此权力。`,
      };
    case 'CLAIMED':
      return {
        en: `${lead.en}${en(last.from)} says the power is its own.`,
        zh: `${lead.zh}${zh(last.from)}承认此权力归自己。`,
      };
    case 'ATTRIBUTED':
      return {
        en: `${lead.en}${en(last.to)} is named as the holder, but nothing shows it was asked.`,
        zh: `${lead.zh}${zh(last.to)}被指为权力所有者，但没有向其求证的记录。`,
      };
    default: {
      if (!last.to) {
        const ending = ENDING[last.statement.stance] ?? ENDING.UNKNOWN;
        return {
          en: `${lead.en}The trail ends at ${en(last.from)}, which ${ending.en}; no body claims the power.`,
          zh: `${lead.zh}最后到${zh(last.from)}，${ending.zh}；没有任何机构承认自己有此权力。`,
        };
      }
      return {
        en: `${lead.en}The trail ends at ${en(last.to)}, which nobody is recorded as asking after that, and no body claims the power.`,
        zh: `${lead.zh}线索止于${zh(last.to)}，此后没有向其求证的记录，也没有任何机构承认自己有此权力。`,
      };
    }
  }
}

/** The paths of one power family. */
function walk(statements: { row: Row; result: StatementResult }[], power: NodeRef | null): { paths: ReferralPath[]; incomplete: boolean } {
  const spoken = new Map<string, StatementResult[]>();
  const refs = new Map<string, NodeRef>();
  const edges = new Map<string, { to: NodeRef; statement: StatementResult }[]>();
  const claims = new Map<string, StatementResult>();
  const pointedTo = new Set<string>();
  for (const { row, result } of statements) {
    const body = row.asker;
    refs.set(body.id, body);
    spoken.set(body.id, [...(spoken.get(body.id) ?? []), result]);
    if (result.stance === 'CLAIMS_SELF' && !claims.has(body.id)) claims.set(body.id, result);
    if (result.stance === 'REFERS' || result.stance === 'ATTRIBUTES') {
      for (const to of row.names) {
        // Naming itself as the holder is a claim, not a referral.
        if (to.id === body.id) {
          if (result.stance === 'ATTRIBUTES' && !claims.has(body.id)) claims.set(body.id, result);
          continue;
        }
        refs.set(to.id, to);
        edges.set(body.id, [...(edges.get(body.id) ?? []), { to, statement: result }]);
        if (to.id !== body.id) pointedTo.add(to.id);
      }
    }
  }
  const anyClaim = claims.size > 0;
  const paths: ReferralPath[] = [];
  let incomplete = false;
  const visited = new Set<string>();

  const finish = (steps: ReferralStep[], outcome: ReferralOutcome) => {
    const text = explain(steps, outcome, power);
    const nodeIds = [...new Set(steps.flatMap((s) => [s.from.id, ...(s.to ? [s.to.id] : []), s.statement.id]))];
    paths.push({ steps, outcome, explanation: text.en, explanationZh: text.zh, nodeIds, power });
  };

  const follow = (at: NodeRef, steps: ReferralStep[], onPath: Set<string>, since = '') => {
    if (paths.length >= MAX_PATHS_PER_POWER || steps.length >= MAX_STEPS) {
      incomplete = true;
      return;
    }
    // A body whose earlier words were left out (said before it was referred to) is walked again on its own.
    if ((spoken.get(at.id) ?? []).every((s) => s.saidOn >= since)) visited.add(at.id);
    const claim = claims.get(at.id);
    if (claim) return finish([...steps, { from: at, to: at, statement: claim }], 'CLAIMED');
    const out = (edges.get(at.id) ?? []).filter((e) => e.statement.saidOn >= since);
    if (!out.length) {
      const said = (spoken.get(at.id) ?? []).filter((s) => s.saidOn >= since);
      // The latest "I don't know / not us / no answer" (or a referral naming nobody) ends it.
      const ending =
        [...said].reverse().find((s) => TERMINAL_STANCES.has(s.stance)) ??
        [...said].reverse().find((s) => (s.stance === 'REFERS' || s.stance === 'ATTRIBUTES') && !s.names.length);
      if (ending) return finish([...steps, { from: at, to: null, statement: ending }], 'DEAD_END');
      if (!steps.length) return; // a body that said nothing to walk: not a path
      return finish(steps, anyClaim ? 'ATTRIBUTED' : 'DEAD_END');
    }
    for (const edge of out) {
      const step = { from: at, to: edge.to, statement: edge.statement };
      if (onPath.has(edge.to.id)) finish([...steps, step], 'LOOP');
      else follow(edge.to, [...steps, step], new Set([...onPath, edge.to.id]), edge.statement.saidOn);
    }
  };

  const firstSaid = (id: string) => spoken.get(id)?.[0]?.saidOn ?? '9999-12-31';
  const asked = [...spoken.keys()].sort((a, b) => firstSaid(a).localeCompare(firstSaid(b)) || a.localeCompare(b));
  for (const start of asked.filter((id) => !pointedTo.has(id))) follow(refs.get(start)!, [], new Set([start]));
  for (const start of asked) if (!visited.has(start)) follow(refs.get(start)!, [], new Set([start]));
  return { paths, incomplete };
}

/** The referral paths of a case (for one power and its narrower ones, or for every power). */
export async function referralPaths(db: Database, question: { case: string; power?: string | null; at?: string | null }): Promise<ReferralAnswer> {
  const described = await describeNodes(db, [question.case, ...(question.power ? [question.power] : [])]);
  const caseRef = requireNode(described, 'Case', question.case);
  const power = question.power ? requireNode(described, 'Power', question.power) : null;
  const rows = await runAnalysis<Row>(db, 'referralPaths', { case: question.case, power: question.power ?? null, at: question.at ?? null });
  const results = await statementResults(db, rows);
  const statements = rows.map((row, i) => ({ row, result: results[i] }));

  const families = new Map<string, NodeRef>();
  for (const { row } of statements) for (const f of row.families) families.set(f.id, f);
  const paths: ReferralPath[] = [];
  let incomplete = false;
  for (const family of [...families.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    const walked = walk(
      statements.filter(({ row }) => row.families.some((f) => f.id === family.id)),
      family,
    );
    paths.push(...walked.paths);
    incomplete ||= walked.incomplete;
  }
  return { case: caseRef, power, paths, incomplete };
}
