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
// kinds judge the holder. An actor that DECIDED is judged on its own grants, except an agent
// that ACTS_FOR a body (a contractor working under a bureau's direction): it is judged through
// that body, in every role, as a person is judged through the body of its position.
import type { Ref } from '../../names.js';
import { storedJson } from '../../run.js';
import type { Condition, Holder } from '../../types.js';
import type { GapKind } from '../finding.js';
import type { ActionFacts } from '../wording.js';

/** A recorded outcome of a condition (Action.conditionsMet): by condition id, or by kind (legacy). */
export interface ConditionRecord {
  condition?: string;
  kind?: string;
  param?: string;
  met?: boolean | null;
  note?: string;
  noteZh?: string;
  evidence?: { source: string; quoteZh?: string; quote?: string; locator?: string }[];
}

/** A body the actor ACTS_FOR that day, with the citations of the relation. */
export interface Principal {
  body: Ref;
  citations: string | null;
  unsourced: boolean | null;
  basis: string | null;
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
  performed: { citations: string | null; unsourced: boolean | null; basis?: string | null }[];
  acting: { body: Ref; parents: Ref[] }[];
  coActors: Ref[];
  principals: Ref[];
  actsFor?: Principal[];
}

export function parseConditionsMet(json: string | null): ConditionRecord[] {
  const parsed = storedJson(json);
  return Array.isArray(parsed) ? (parsed as ConditionRecord[]) : [];
}

/** A condition of a holding that the action did not meet, with its id and the outcome recorded for it (if any). */
export interface UnmetCondition {
  condition: Condition;
  id: string;
  record: ConditionRecord | null;
}

/**
 * The conditions of a holding that the action did not meet. An action is judged on a
 * condition only when it records an outcome for it (naming it by id, or, in older bundles, by
 * kind and param): `met: true` meets it; `false` (refused, not done) is quoted as not met;
 * `null` means it bore on the act and nothing evidences that it was met. An action that
 * records nothing about a condition is not judged on it: the record does not say the
 * condition bore on that act (a consent needed to grant a permit is not needed to suspend
 * it), just as an action with no recorded purpose is not judged against a prohibition.
 * A condition's id is the one `ids` gives for its place (the grant's own conditions), else
 * its own (a condition a restriction adds).
 */
export function unmetConditions(conditions: Condition[], ids: string[], records: ConditionRecord[]): UnmetCondition[] {
  const out: UnmetCondition[] = [];
  conditions.forEach((c, n) => {
    if (c.status === 'MET') return;
    const id = ids[n] ?? c.id ?? '';
    const record =
      records.find((r) => r.condition && r.condition === id) ??
      records.find((r) => !r.condition && r.kind === c.kind && (!r.param || !c.param || r.param === c.param)) ??
      null;
    if (record && record.met !== true) out.push({ condition: c, id, record });
  });
  return out;
}

export interface Judged {
  row: ActorRow;
  kind: GapKind;
  holders: Holder[];
  via?: Ref;
  through?: Ref;
  /** The body the actor acted for (ACTS_FOR), when it is judged through that body. */
  principal?: Principal;
  unmet?: UnmetCondition[];
}

/** The ids of a holding's conditions, in order (explicit ids, else `<grantId>#<n>`). */
export type ConditionIds = (holder: Holder) => string[];

/**
 * The verdict on one actor of one action, given the holders of its power that day; null when
 * authorised or acting for a holder. An agent (ACTS_FOR) is judged through the bodies it acts
 * for, never as an actor of its own with no grant.
 */
export function judgeActor(row: ActorRow, holders: Holder[], conditionIds: ConditionIds = () => []): Judged | null {
  const holds = (body: Ref) => holders.some((h) => h.body.id === body.id);
  // An executor acts for a co-actor or a principal that holds the power: the holder answers for it.
  if (!row.roles.includes('DECIDED') && [...row.coActors, ...row.principals].some(holds)) return null;
  const records = parseConditionsMet(row.action.conditionsMet);
  const principals = row.actsFor ?? [];
  const bodies = principals.length
    ? principals.map((p) => ({ body: p.body, parents: [] as Ref[], principal: p }))
    : row.acting.map(({ body, parents }) => ({ body, parents, principal: undefined as Principal | undefined }));
  const own = bodies.map((b) => ({ ...b, holdings: holders.filter((h) => h.body.id === b.body.id) }));
  const unmetOf = (h: Holder) => unmetConditions(h.conditions, conditionIds(h), records);
  // Authorised through any body the actor acted through (or for): no finding.
  if (own.some((o) => o.holdings.some((h) => unmetOf(h).length === 0))) return null;
  const conditional = own.find((o) => o.holdings.length);
  if (conditional) {
    // The holding closest to being met says what was missing.
    const unmet = conditional.holdings.map(unmetOf).sort((a, b) => a.length - b.length)[0];
    return { row, kind: 'CONDITION_NOT_MET', holders: conditional.holdings, through: conditional.body, principal: conditional.principal, unmet };
  }
  const viaParent = own.map((o) => ({ body: o.body, parent: o.parents.find((p) => holds(p)) })).find((o) => o.parent);
  if (viaParent?.parent) {
    const parent = viaParent.parent;
    return { row, kind: 'AUTHORITY_VIA_PARENT_ONLY', holders: holders.filter((h) => h.body.id === parent.id), via: parent, through: viaParent.body };
  }
  return { row, kind: 'UNAUTHORIZED_ACTION', holders: [], through: own[0]?.body, principal: own[0]?.principal };
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
