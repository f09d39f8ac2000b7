// In force at D — the one rule every analysis uses to say whether a grant, a provision, an
// instrument or a body is in force (exists) on a day. A .cypher file gathers the facts with
// a fragment named {{lawFacts(g, provision, instrument)}} or {{bodyFacts(b)}} (run.ts expands
// it from the table below), and the rule below decides, so whoCan, explain, the findings and
// the graph read the law by exactly the same rule (docs/analyses.md, "In force at D").
//
// Three-valued: every comparison is 2 (certainly yes), 1 (uncertain: an imprecise date
// straddles D) or 0 (certainly no), and a conjunction is the smallest of its parts. A date
// property `x` is stored as its first day, with `xLast` (its last day) only when the source
// gave a month or a year: a start is certainly reached by D when xLast ≤ D, certainly not
// when x > D; an end is certainly not passed when D ≤ x, certainly passed when xLast < D.
//
// The law that changes law, with `$reading` ('AS_IT_STOOD' or 'AS_LATER_HELD'):
//   REPEALS (of the instrument or the provision) and AMENDS (of the provision): the target
//     stops being in force on `from`; the same in both readings (dated law);
//   HOLDS_INVALID (of the instrument, provision or grant): AS_IT_STOOD counts a holding
//     from its date, only when that is on or before D; AS_LATER_HELD counts every holding,
//     and one with `retroactive` voids the target from its start;
//   RESTRICTS (of the grant): while the restricting provision is in force (by this same
//     rule, one level deep) and within the restriction's own from/to, SUSPENDS takes the
//     grant away and CONDITIONS adds conditions to it.

import { dateAtPrecision, formatDate, onDate as phraseOn, type DatePrecision } from '../dates.js';

/** Yes, uncertain, no. */
export type Tri = 0 | 1 | 2;
export type Reading = 'AS_IT_STOOD' | 'AS_LATER_HELD';
export const READINGS: readonly Reading[] = ['AS_IT_STOOD', 'AS_LATER_HELD'];

// ---------------------------------------------------------------- the facts, in Cypher
// The Cypher side only gathers the dated facts (one pattern each: the planner pays for every
// pattern, and a rule written as Cypher expressions took tens of seconds to plan); the rule
// itself is the TypeScript below, so there is one definition of it.

const dates = (x: string, ...keys: string[]) => `${x} {.id, ${keys.flatMap((k) => [`.${k}`, `.${k}Last`]).join(', ')}}`;
const changes = (targets: string, n: string) =>
  `reduce(if_acc = [], if_t${n} IN ${targets} | if_acc + [(if_t${n})<-[if_r${n}:REPEALS|AMENDS|HOLDS_INVALID]-(if_by${n}) |
    {type: type(if_r${n}), from: if_r${n}.from, fromLast: if_r${n}.fromLast, retroactive: coalesce(if_r${n}.retroactive, false),
     target: if_t${n}.id, targetLabel: CASE WHEN if_t${n}:Grant THEN 'Grant' WHEN if_t${n}:Provision THEN 'Provision' ELSE 'Instrument' END,
     by: if_by${n}.id, byInstrument: CASE WHEN if_by${n}:Instrument THEN if_by${n}.id ELSE head([(if_by${n})-[:PART_OF]->(if_bi${n}:Instrument) | if_bi${n}.id]) END,
     citations: if_r${n}.citations, unsourced: coalesce(if_r${n}.unsourced, false)}])`;
const instrumentDates = (i: string) => dates(i, 'issuedOn', 'effectiveFrom', 'effectiveTo');

/** lawFacts(g, provision, instrument): everything the rule reads about a grant (LawFacts). */
function lawFacts(g: string, p: string, i: string): string {
  return `{grant: ${dates(g, 'validFrom', 'validTo')}, provision: ${p}.id, instrument: ${instrumentDates(i)},
    changes: ${changes(`[${g}, ${p}, ${i}]`, 'g')},
    restrictions: [(${g})<-[if_rs:RESTRICTS]-(if_rsp:Provision)-[:PART_OF]->(if_rsi:Instrument) |
      {effect: if_rs.effect, from: if_rs.from, fromLast: if_rs.fromLast, to: if_rs.to, toLast: if_rs.toLast, conditions: if_rs.conditions,
       citations: if_rs.citations, unsourced: coalesce(if_rs.unsourced, false), by: if_rsp.id, instrument: ${instrumentDates('if_rsi')},
       changes: ${changes('[if_rsp, if_rsi]', 'r')}}]}`;
}

/** bodyFacts(b): a body's dates and its successions (BodyFacts). */
function bodyFacts(b: string): string {
  return `${b} {.id, .validFrom, .validFromLast, .validTo, .validToLast, successions: [(${b})-[if_s:SUCCEEDED_BY]->() | {on: if_s.on, onLast: if_s.onLast}]}`;
}

/** The fragments a .cypher file may name as {{name(arg, …)}}. */
export const FRAGMENTS: Record<string, (...args: string[]) => string> = {
  lawFacts,
  bodyFacts,
  /** instrumentFacts(i): {instrument, changes} for an instrument alone. */
  instrumentFacts: (i) => `{instrument: ${instrumentDates(i)}, changes: ${changes(`[${i}]`, 'i')}}`,
  /** provisionFacts(p, i): {instrument, changes} for a provision of an instrument. */
  provisionFacts: (p, i) => `{instrument: ${instrumentDates(i)}, changes: ${changes(`[${p}, ${i}]`, 'p')}}`,
};

// ---------------------------------------------------------------- the facts, as data

type Dated = { id: string } & Record<string, string | null | undefined | unknown>;
export interface Change {
  type: 'REPEALS' | 'AMENDS' | 'HOLDS_INVALID';
  from: string;
  fromLast: string | null;
  retroactive: boolean;
  target: string;
  targetLabel: 'Grant' | 'Provision' | 'Instrument';
  by: string;
  byInstrument: string | null;
  citations: string | null;
  unsourced: boolean;
}
export interface InstrumentFacts {
  instrument: Dated;
  changes: Change[];
}
export interface RestrictionFacts {
  effect: 'SUSPENDS' | 'CONDITIONS';
  from: string | null;
  fromLast: string | null;
  to: string | null;
  toLast: string | null;
  conditions: string | null;
  citations: string | null;
  unsourced: boolean;
  by: string;
  instrument: Dated;
  changes: Change[];
}
export interface LawFacts {
  grant: Dated;
  provision: string;
  instrument: Dated;
  changes: Change[];
  restrictions: RestrictionFacts[];
}
export interface BodyFacts {
  id: string;
  validFrom?: string | null;
  validFromLast?: string | null;
  validTo?: string | null;
  validToLast?: string | null;
  successions?: { on: string; onLast: string | null }[];
}

/** One limit on a grant's being in force on D. */
export interface Limit {
  kind:
    'GRANT_STARTS' | 'GRANT_ENDS' | 'INSTRUMENT_STARTS' | 'INSTRUMENT_ENDS' | 'REPEALED' | 'AMENDED' | 'HELD_INVALID' | 'SUSPENDED' | 'CONDITIONED';
  /** What the limit leaves of the grant on D: 0 it ends it, 1 uncertain, 2 nothing taken. */
  state: Tri;
  /** For restrictions: whether the restriction itself is in force on D. */
  active?: Tri;
  on: string | null;
  onLast: string | null;
  to?: string | null;
  target: string;
  targetLabel: 'Grant' | 'Provision' | 'Instrument';
  by?: string;
  byInstrument?: string | null;
  retroactive?: boolean;
  conditions?: string | null;
  citations?: string | null;
  unsourced?: boolean;
}

// ---------------------------------------------------------------- the rule

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const least = (values: Tri[]): Tri => values.reduce<Tri>((m, v) => (v < m ? v : m), 2);

/** A start (first day `x`, last day `last`) reached by `at`; absent = always. */
export function started(x: string | null | undefined, last: string | null | undefined, at: string): Tri {
  if (!x) return 2;
  if ((last ?? x) <= at) return 2;
  if (x > at) return 0;
  return 1;
}
/** An end not yet passed on `at`; absent = open. */
export function notOver(x: string | null | undefined, last: string | null | undefined, at: string): Tri {
  if (!x) return 2;
  if (at <= x) return 2;
  if ((last ?? x) < at) return 0;
  return 1;
}
const notYet = (x: string | null | undefined, last: string | null | undefined, at: string): Tri => (2 - started(x, last, at)) as Tri;

/** An instrument's start: effectiveFrom, else issuedOn (with its last day). */
export function instrumentStart(i: Dated): { on: string | null; onLast: string | null; effective: boolean } {
  if (str(i.effectiveFrom)) return { on: str(i.effectiveFrom), onLast: str(i.effectiveFromLast), effective: true };
  return { on: str(i.issuedOn), onLast: str(i.issuedOnLast), effective: false };
}

function instrumentLimits(i: Dated, at: string): Limit[] {
  const start = instrumentStart(i);
  return [
    {
      kind: 'INSTRUMENT_STARTS',
      state: started(start.on, start.onLast, at),
      on: start.on,
      onLast: start.onLast,
      target: i.id,
      targetLabel: 'Instrument',
    },
    {
      kind: 'INSTRUMENT_ENDS',
      state: notOver(str(i.effectiveTo), str(i.effectiveToLast), at),
      on: str(i.effectiveTo),
      onLast: str(i.effectiveToLast),
      target: i.id,
      targetLabel: 'Instrument',
    },
  ];
}

/** Repeals, amendments and holdings: what each leaves of its target on `at` under `reading`. */
function changeLimits(changes: Change[], at: string, reading: Reading): Limit[] {
  return changes.map((c) => ({
    kind: c.type === 'REPEALS' ? 'REPEALED' : c.type === 'AMENDS' ? 'AMENDED' : 'HELD_INVALID',
    // AS_IT_STOOD counts a holding from its date; AS_LATER_HELD counts every holding, a retroactive one from the start.
    state: c.type === 'HOLDS_INVALID' && reading === 'AS_LATER_HELD' && c.retroactive ? 0 : notYet(c.from, c.fromLast, at),
    on: c.from,
    onLast: c.fromLast,
    target: c.target,
    targetLabel: c.targetLabel,
    by: c.by,
    byInstrument: c.byInstrument,
    retroactive: c.retroactive,
    citations: c.citations,
    unsourced: c.unsourced,
  }));
}

/** Whether an instrument (and a provision of it) is in force on `at`: its dates, repeals, amendments, holdings. */
export function instrumentState(facts: InstrumentFacts, at: string, reading: Reading = 'AS_IT_STOOD'): Tri {
  return least([...instrumentLimits(facts.instrument, at), ...changeLimits(facts.changes ?? [], at, reading)].map((l) => l.state));
}

/**
 * The limits on a grant on `at`: those that bite or might (state < 2), and every restriction
 * in force or possibly in force (SUSPENDED takes the grant away; CONDITIONED adds conditions).
 */
export function grantLimits(facts: LawFacts, at: string, reading: Reading = 'AS_IT_STOOD'): Limit[] {
  const g = facts.grant;
  const own: Limit[] = [
    {
      kind: 'GRANT_STARTS',
      state: started(str(g.validFrom), str(g.validFromLast), at),
      on: str(g.validFrom),
      onLast: str(g.validFromLast),
      target: g.id,
      targetLabel: 'Grant',
    },
    {
      kind: 'GRANT_ENDS',
      state: notOver(str(g.validTo), str(g.validToLast), at),
      on: str(g.validTo),
      onLast: str(g.validToLast),
      target: g.id,
      targetLabel: 'Grant',
    },
    ...instrumentLimits(facts.instrument, at),
    ...changeLimits(facts.changes ?? [], at, reading),
  ];
  const restrictions: Limit[] = [];
  for (const r of facts.restrictions ?? []) {
    const active = least([
      instrumentState({ instrument: r.instrument, changes: r.changes }, at, reading),
      started(r.from, r.fromLast, at),
      notOver(r.to, r.toLast, at),
    ]);
    if (active === 0) continue;
    const start = r.from ? { on: r.from, onLast: r.fromLast } : instrumentStart(r.instrument);
    restrictions.push({
      kind: r.effect === 'SUSPENDS' ? 'SUSPENDED' : 'CONDITIONED',
      active,
      state: r.effect === 'SUSPENDS' ? ((2 - active) as Tri) : 2,
      on: start.on,
      onLast: start.onLast,
      to: r.to,
      target: g.id,
      targetLabel: 'Grant',
      by: r.by,
      byInstrument: r.instrument.id,
      conditions: r.conditions,
      citations: r.citations,
      unsourced: r.unsourced,
    });
  }
  return [...own.filter((l) => l.state < 2), ...restrictions];
}

/** The state of a grant from its limits: the smallest. */
export const limitsState = (limits: Limit[]): Tri => least(limits.map((l) => l.state));

/** Whether a body exists on `at`: its own dates, and not yet succeeded (renamed, merged, replaced). */
export function bodyState(b: BodyFacts, at: string): Tri {
  return least([
    started(b.validFrom, b.validFromLast, at),
    notOver(b.validTo, b.validToLast, at),
    ...(b.successions ?? []).map((s) => notYet(s.on, s.onLast, at)),
  ]);
}

/** Whether a relation with from/to (a position, ACTS_FOR) covers `at`. */
export function coversState(r: { from?: string | null; fromLast?: string | null; to?: string | null; toLast?: string | null }, at: string): Tri {
  return least([started(r.from, r.fromLast, at), notOver(r.to, r.toLast, at)]);
}

// ---------------------------------------------------------------- dates at their precision
// An interval [first, last] as the fragments return it, written and said by server/dates.ts.

/** The precision of a stored interval [first, last]: a whole year, a whole month, or a day. */
export function intervalPrecision(first: string, last: string | null | undefined): DatePrecision {
  if (!last || last === first) return 'DAY';
  if (first.endsWith('-01-01') && last.slice(0, 4) === first.slice(0, 4) && last.endsWith('-12-31')) return 'YEAR';
  return 'MONTH';
}

/** A date as an API value at its precision: "2022", "2022-04" or "2022-04-01". */
export function dateValue(first: string | null, last?: string | null): string | null {
  return first ? dateAtPrecision(first, intervalPrecision(first, last)) : null;
}

/** "on 13 June 2022", "in April 2022", "in 2022". */
export function onDate(first: string, last?: string | null): string {
  return phraseOn(dateValue(first, last));
}

/** "2022年6月13日", "2022年4月", "2022年". */
export function dateZh(first: string, last?: string | null): string {
  return formatDate(dateValue(first, last), 'zh');
}
