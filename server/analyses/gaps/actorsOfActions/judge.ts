// The judgement of the actor-based kinds (UNAUTHORIZED_ACTION, AUTHORITY_VIA_PARENT_ONLY,
// CONDITION_NOT_MET): given an actor of an action and who held the exercised power by law
// that day, is the actor authorised, and if not, how not. No database here.
//
// How a power is held for an action: a grant of the exercised power, or of a broader power
// that contains it (NARROWER_THAN*), in force on the action's first day, in a place that
// contains the action's place. A grant of a narrower power does not cover a broader act: a
// body that may only convert codes is not thereby allowed to "manage the code system".
// Holders come from whoCan (so grants to a type of body, successions and delegations count).
//
// Acting for a holder: an actor that EXECUTED an action but did not decide it acts for
// whoever it carried it out for. When a co-actor of the same action (in any role) holds the
// power, or the actor is the BUILT_BY/OPERATED_BY contractor of a body that holds it, the
// executor is not judged at all (no finding): the holder answers for the act, and the other
// kinds judge the holder. An actor that DECIDED is always judged on its own grants.
import type { Ref } from '../../names.js';
import { storedJson } from '../../run.js';
import type { Condition, Holder } from '../../types.js';
import type { GapKind } from '../finding.js';
import type { ActionFacts } from '../wording.js';

export interface ConditionRecord {
  kind?: string;
  param?: string;
  met?: boolean | null;
  note?: string;
}

/** One row of actorsOfActions.cypher (see its header). */
export interface ActorRow {
  action: ActionFacts & { startedAt: string; conditionsMet: string | null };
  power: Ref;
  powerChain: string[];
  root: string;
  place: Ref;
  actor: Ref & { label: string };
  roles: string[];
  performed: { citations: string | null; unsourced: boolean | null }[];
  acting: { body: Ref; parents: Ref[] }[];
  coActors: Ref[];
  principals: Ref[];
}

export function parseConditionsMet(json: string | null): ConditionRecord[] {
  const parsed = storedJson(json);
  return Array.isArray(parsed) ? (parsed as ConditionRecord[]) : [];
}

/**
 * The conditions of a holding that the action did not meet. A condition counts as met only
 * when the action's conditionsMet has an entry of the same kind (and param, when both name
 * one) with `met: true`; `false`, `null` ("nothing evidences it") or no entry all count as
 * not met ("or nothing evidences that it did").
 */
export function unmetConditions(conditions: Condition[], records: ConditionRecord[]): Condition[] {
  return conditions.filter((c) => {
    if (c.status === 'MET') return false;
    const record = records.find((r) => r.kind === c.kind && (!r.param || !c.param || r.param === c.param));
    return record?.met !== true;
  });
}

export interface Judged {
  row: ActorRow;
  kind: GapKind;
  holders: Holder[];
  via?: Ref;
  through?: Ref;
  unmet?: Condition[];
}

/** The verdict on one actor of one action, given the holders of its power that day; null when authorised or acting for a holder. */
export function judgeActor(row: ActorRow, holders: Holder[]): Judged | null {
  const holds = (body: Ref) => holders.some((h) => h.body.id === body.id);
  // An executor acts for a co-actor or a principal that holds the power: the holder answers for it.
  if (!row.roles.includes('DECIDED') && [...row.coActors, ...row.principals].some(holds)) return null;
  const records = parseConditionsMet(row.action.conditionsMet);
  const own = row.acting.map(({ body, parents }) => ({ body, parents, holdings: holders.filter((h) => h.body.id === body.id) }));
  // Authorised through any body the actor acted through: no finding.
  if (own.some((o) => o.holdings.some((h) => unmetConditions(h.conditions, records).length === 0))) return null;
  const conditional = own.find((o) => o.holdings.length);
  if (conditional) {
    // The holding closest to being met says what was missing.
    const unmet = conditional.holdings
      .map((h) => unmetConditions(h.conditions, records))
      .sort((a, b) => a.length - b.length)[0];
    return { row, kind: 'CONDITION_NOT_MET', holders: conditional.holdings, through: conditional.body, unmet };
  }
  const viaParent = own
    .map((o) => ({ body: o.body, parent: o.parents.find((p) => holds(p)) }))
    .find((o) => o.parent);
  if (viaParent?.parent) {
    const parent = viaParent.parent;
    return { row, kind: 'AUTHORITY_VIA_PARENT_ONLY', holders: holders.filter((h) => h.body.id === parent.id), via: parent, through: viaParent.body };
  }
  return { row, kind: 'UNAUTHORIZED_ACTION', holders: [], through: own[0]?.body };
}

/**
 * One finding per (action, kind, body acted through, parent): the officials of one division
 * who decided one action are one finding.
 */
export function groupJudged(judged: Judged[]): Judged[][] {
  const groups = new Map<string, Judged[]>();
  for (const j of judged) {
    const key = [j.row.action.id, j.kind, j.through?.id ?? `actor:${j.row.actor.id}`, j.via?.id ?? ''].join('|');
    groups.set(key, [...(groups.get(key) ?? []), j]);
  }
  return [...groups.values()];
}
