// whoCan (whoCan.cypher): the de jure holders of a power in a place at a date, each with
// the chain that justifies it and its conditions evaluated against the caller's context.
import type { Database } from '../neo4j/database.js';
import { citationSourceIds, describeNodes, refOf, requireNode, UnknownNodeError, type DescribedNode } from './evidence.js';
import { positionsOn, positionStep, positionWords, type HeldPosition } from './positions.js';
import { bodyState, coversState, grantLimits, instrumentStart, limitsState, started, type LawFacts, type Tri } from './inForce.js';
import { LIST_LIMIT, runAnalysis } from './run.js';
import { derivedCurrent, rebuildDerived } from '../derive/derive.js';
import type { ConditionContext, Holder, NodeRef, Reading, WhoCanAnswer } from './types.js';

import type { HoldingRow, InstrumentRow, Outcome } from './holdingRows.js';
import { parseConditions, parseOutcomes } from './grantConditions.js';
import { uncertainSentence } from './chainSteps.js';

import { agentHolderOf, holderOf } from './holderOf.js';

export type { HoldingRow, Outcome, StoredCondition } from './holdingRows.js';
export { conditionStatus, outcomeOf, parseConditions, parseOutcomes } from './grantConditions.js';
export { basisOf, basisWords, changeStep, lawSteps, step, uncertaintiesOf, uncertainSentence, weakest } from './chainSteps.js';
export interface WhoCanParams {
  power: string;
  place?: string | null;
  /** YYYY-MM-DD */
  at: string;
  context?: ConditionContext | null;
  limit?: number;
  /** AS_IT_STOOD (default) or AS_LATER_HELD (every later holding of invalidity applied). */
  reading?: Reading | null;
  /**
   * Only this holder: a Body, or a Person answered through the bodies of the positions the
   * person held on `at` (acting and interim ones included), each holding led by a POSITION step.
   */
  holder?: string | null;
}

export const ROW_CAP = 10_000;

// ---------------------------------------------------------------- the analysis

/** Every id a holding row mentions, to describe them all in one query. */
export function idsOfHoldings(rows: HoldingRow[], outcomes: Outcome[] = []): string[] {
  const ids: string[] = [];
  for (const r of rows) {
    ids.push(r.bodyId, r.grantId, r.powerId, r.grantPlaceId, r.provision.id, r.instrument.id, ...r.higher.map((h) => h.id));
    if (r.bodyTypeId) ids.push(r.bodyTypeId);
    if (r.jurisdictionId) ids.push(r.jurisdictionId);
    for (const s of r.successions) ids.push(s.from, s.to, ...citationSourceIds(s.citations));
    for (const c of parseConditions(r.conditions)) if (c.body) ids.push(c.body);
    for (const l of r.limits ?? []) {
      ids.push(l.target, ...(l.by ? [l.by] : []), ...(l.byInstrument ? [l.byInstrument] : []), ...citationSourceIds(l.citations));
      for (const c of parseConditions(l.conditions)) if (c.body) ids.push(c.body);
    }
    for (const a of r.agents ?? []) ids.push(a.id, ...citationSourceIds(a.citations));
    for (const c of r.law?.changes ?? []) ids.push(c.target, c.by, ...(c.byInstrument ? [c.byInstrument] : []));
    const d = r.delegation;
    if (d) ids.push(d.issuerId, d.grantId, d.powerId, d.placeId, d.provision.id, d.instrument.id, ...d.higher.map((h) => h.id));
  }
  for (const o of outcomes) for (const e of o.evidence ?? []) if (typeof e?.source === 'string') ids.push(e.source);
  return ids;
}

/** An instrument as lawSteps shows it: its number and its dates from the law facts. */
function instrumentRowOf(instrument: { id: string; officialId: string | null }, law: LawFacts | undefined): InstrumentRow {
  if (!law) return { ...instrument, from: null, to: null };
  const start = instrumentStart(law.instrument);
  const i = law.instrument as Record<string, string | null>;
  return {
    ...instrument,
    effective: start.effective,
    from: start.on,
    fromLast: start.onLast,
    to: i.effectiveTo ?? null,
    toLast: i.effectiveToLast ?? null,
  };
}

/**
 * Keeps the candidate holdings in force on `at` by the shared rule (inForce.ts): the grant
 * in force (or uncertain), the body existing (or uncertain), the successions taken place by
 * then; the first delegation certainly in force; the agents acting for the body then. A
 * type-level row is kept only when no body of its type answers for that grant.
 */
export function judgeRows(rows: HoldingRow[], at: string, reading: Reading): HoldingRow[] {
  return typeLevelRule(judgeEach(rows, at, reading));
}

/** A type-level row is kept only when no body of its type answers for that grant (among `kept`, or a grant in `answered`). */
export function typeLevelRule(kept: HoldingRow[], answered: Set<string> = new Set()): HoldingRow[] {
  const typed = new Set([...answered, ...typedGrants(kept)]);
  return kept.filter((r) => !r.typeLevel || !typed.has(r.grantId));
}

/** The grants some body answers for by type, among judged rows. */
function typedGrants(kept: HoldingRow[]): string[] {
  return kept.filter((r) => r.via === 'BY_TYPE' && !r.typeLevel).map((r) => r.grantId);
}

/** judgeRows without the type-level rule: each row judged on its own. */
export function judgeEach(rows: HoldingRow[], at: string, reading: Reading): HoldingRow[] {
  const kept: HoldingRow[] = [];
  for (const row of rows) {
    const limits = grantLimits(row.law, at, reading);
    const grantState = limitsState(limits);
    if (grantState === 0) continue;
    let state: Tri = row.typeLevel ? 2 : row.body ? bodyState(row.body, at) : 2;
    const successions = row.successions.map((s) => ({ ...s, state: started(s.on, s.onLast, at) }));
    for (const s of successions) if (s.state < state) state = s.state;
    if (state === 0) continue;
    const delegation =
      (row.delegations ?? []).find((d) => d.law && d.issuer && limitsState(grantLimits(d.law, at, reading)) === 2 && bodyState(d.issuer, at) === 2) ??
      null;
    const agents = (row.agents ?? [])
      .map((a) => ({ ...a, covers: coversState(a, at), exists: bodyState(a.body, at) }))
      .filter((a) => a.covers > 0 && a.exists > 0);
    kept.push({
      ...row,
      limits,
      grantState,
      bodyState: state,
      successions,
      agents,
      via: delegation ? 'BY_DELEGATION' : row.via,
      delegation: delegation ? { ...delegation, instrument: instrumentRowOf(delegation.instrument, delegation.law) } : null,
      instrument: instrumentRowOf(row.instrument, row.law),
    });
  }
  return kept;
}

/** Which holdings to read: a page of them in answer order, or those of some grants only. */
export interface HoldingPage {
  /** Holdings to pass over (0: the first page). */
  skip: number;
  /** Most holdings to read. */
  take: number;
  /** Only the holdings of these grants. */
  grants?: string[];
}

/**
 * Where the candidate holdings come from: the derived layer (holdingRows), or, in the
 * differential test only, the live derivation. A source may read a page only (`more` true
 * when it may have left holdings unread) or ignore the page and return every row.
 */
export type HoldingSource = (
  db: Database,
  params: { power: string; place?: string | null; at: string; reading?: Reading | null; page?: HoldingPage },
) => Promise<{ rows: HoldingRow[]; capped: boolean; more?: boolean }>;

/** One page of the candidate holdings, unjudged; the first page checks beside it that the holdings are current. */
async function derivedPage(db: Database, params: { power: string; place?: string | null }, page: HoldingPage): Promise<HoldingRow[]> {
  const read = () =>
    runAnalysis<HoldingRow>(db, 'whoCan', {
      power: params.power,
      place: params.place ?? null,
      skip: page.skip,
      rowCap: page.take,
      grants: page.grants ?? null,
    });
  if (page.skip > 0 || page.grants) return read();
  // The version check runs beside the read, not before it: the read is thrown away in the rare case the holdings were stale.
  const [current, rows] = await Promise.all([derivedCurrent(db), read()]);
  if (current) return rows;
  await rebuildDerived(db);
  return read();
}

/** The candidate holdings of whoCan.cypher at any date, read from the derived layer (server/derive/), not yet judged. */
export async function derivedRows(db: Database, params: { power: string; place?: string | null; at: string }): Promise<HoldingRow[]> {
  return derivedPage(db, params, { skip: 0, take: ROW_CAP });
}

/** The candidate holdings judged on `at` (judgeRows), a page of them when asked; `capped` is true when the row cap was reached. */
export const holdingRows: HoldingSource = async (db, params) => {
  const page = params.page ?? { skip: 0, take: ROW_CAP };
  const rows = await derivedPage(db, params, page);
  const full = rows.length >= page.take;
  return {
    // A page is judged row by row; whoCan applies the type-level rule over every page it read (typeLevelRule).
    rows: params.page ? judgeEach(rows, params.at, params.reading ?? 'AS_IT_STOOD') : judgeRows(rows, params.at, params.reading ?? 'AS_IT_STOOD'),
    capped: full && page.skip + page.take >= ROW_CAP,
    more: full && page.skip + page.take < ROW_CAP,
  };
};

/** The outcomes recorded by the context's `action` (empty without one). */
export async function outcomesOf(db: Database, context: ConditionContext | null | undefined): Promise<Outcome[]> {
  const id = context?.action;
  if (typeof id !== 'string' || !id) return [];
  const rows = await db.query<{ met: string | null }>('MATCH (a:Action {id: $id}) RETURN a.conditionsMet AS met', { id });
  return rows.length ? parseOutcomes(rows[0].met) : [];
}

/**
 * Holders from rows, one per body + via + grant, conditions evaluated; split by whether the
 * context rules them out. Bodies acting for a holder follow it (via ACTING_FOR).
 */
export function holdersOf(
  rows: HoldingRow[],
  context: ConditionContext | null | undefined,
  described: Map<string, DescribedNode>,
  options: { outcomes?: Outcome[]; at?: string } = {},
): { holders: Holder[]; excluded: Holder[] } {
  const seen = new Set<string>();
  const holders: Holder[] = [];
  const excluded: Holder[] = [];
  const at = options.at ?? '';
  for (const row of rows) {
    const key = `${row.bodyId}|${row.via}|${row.grantId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const holder = holderOf(row, context, options.outcomes ?? [], described, at);
    if (row.bodyState === 1 && !holder.dateUncertain) {
      const b = row.body;
      const [text, textZh] =
        b?.validFrom && started(b.validFrom, b.validFromLast, at) === 1
          ? uncertainSentence(['The body was set up', '该机构设立'], b.validFrom, b.validFromLast, at)
          : b?.validTo
            ? uncertainSentence(['The body ceased to exist', '该机构撤销'], b.validTo, b.validToLast, at)
            : uncertainSentence(['The body was succeeded', '该机构被承继'], b?.successions?.[0]?.on ?? at, b?.successions?.[0]?.onLast, at);
      Object.assign(holder, { dateUncertain: true, uncertainty: text, uncertaintyZh: textZh });
    }
    // The law is honoured: a grant whose condition the caller's case does not meet confers nothing here
    // — unless the condition comes only from a restriction that may or may not be in force yet (uncertain).
    const unsure = new Set(
      (row.limits ?? [])
        .filter((l) => l.kind === 'CONDITIONED' && l.active === 1)
        .flatMap((l) => parseConditions(l.conditions, l.by).map((c) => c.id)),
    );
    const out = holder.conditions.some((c) => c.status === 'NOT_MET' && !(c.from === 'RESTRICTION' && unsure.has(c.id)));
    (out ? excluded : holders).push(holder);
    for (const agent of row.agents ?? []) {
      const agentKey = `${agent.id}|ACTING_FOR|${row.bodyId}|${row.grantId}`;
      if (seen.has(agentKey)) continue;
      seen.add(agentKey);
      (out ? excluded : holders).push(agentHolderOf(holder, agent, described, at));
    }
  }
  return { holders, excluded };
}

/**
 * The holders on `at` of holding rows judged row by row (judgeEach), and those the context
 * rules out: the type-level rule applied (`answered`: type-level grants a body of the type
 * answers for in rows not among these), the rows' nodes described through `describe` (which
 * may remember them between calls), then holdersOf. whoCan, explain and the findings' lookups
 * (gaps/holderLookup.ts) all assemble holders here, so a change to it is made once.
 */
export async function holdersOn(
  judged: HoldingRow[],
  on: { at: string; context?: ConditionContext | null; outcomes?: Outcome[]; answered?: Set<string> },
  describe: (ids: string[]) => Promise<Map<string, DescribedNode>>,
): Promise<{ holders: Holder[]; excluded: Holder[]; described: Map<string, DescribedNode> }> {
  const rows = typeLevelRule(judged, on.answered);
  const outcomes = on.outcomes ?? [];
  const described = await describe(idsOfHoldings(rows, outcomes));
  return { ...holdersOf(rows, on.context, described, { outcomes, at: on.at }), described };
}

/** The holdings of a person, through the bodies of the positions held on `at`: the person is the holder, the body is `through`. */
function throughPositions(
  holders: Holder[],
  person: NodeRef,
  positions: HeldPosition[],
  described: Map<string, DescribedNode>,
  at: string,
): Holder[] {
  return holders.flatMap((h) =>
    positions
      .filter((p) => p.bodyId === h.body.id)
      .map((p) => {
        const office = positionWords(p, h.body);
        const startUnsure = p.from !== null && started(p.from, p.fromLast, at) === 1;
        const unsure: [string, string] | null =
          p.covers !== 1
            ? null
            : startUnsure
              ? uncertainSentence(['The person took up the position', '其就任该职务'], p.from!, p.fromLast, at)
              : uncertainSentence(['The person left the position', '其离任该职务'], p.to ?? at, p.toLast, at);
        return {
          ...h,
          body: person,
          through: h.body,
          chain: [positionStep(person, p, h.body, described, at), ...h.chain],
          note: `As ${office.en}: ${h.note ?? ''}`.trim(),
          noteZh: `以${office.zh}的身份：${h.noteZh ?? ''}`,
          dateUncertain: h.dateUncertain || unsure !== null,
          uncertainty: [h.uncertainty, unsure?.[0]].filter(Boolean).join(' ') || null,
          uncertaintyZh: [h.uncertaintyZh, unsure?.[1]].filter(Boolean).join('') || null,
        };
      }),
  );
}

/** The first page: room for `limit` holders and one more when a good share of the rows hold on D, and never tiny. */
const firstPage = (limit: number) => Math.max(2 * (limit + 1), 20);

/**
 * The type-level grants among `rows` whose bodies may lie on pages not read: each is settled by
 * reading that grant's holdings alone (a few, then all when none of those few answers), and
 * added to `answered` when a body of the type answers for it on D.
 */
async function settleTypeLevel(
  db: Database,
  source: HoldingSource,
  question: Parameters<HoldingSource>[1],
  rows: HoldingRow[],
  settled: Set<string>,
  answered: Set<string>,
): Promise<void> {
  const typed = new Set(typedGrants(rows));
  const open = [...new Set(rows.filter((r) => r.typeLevel && !typed.has(r.grantId) && !settled.has(r.grantId)).map((r) => r.grantId))];
  for (const grant of open) {
    settled.add(grant);
    for (const take of [20, ROW_CAP]) {
      const { rows: theirs, more } = await source(db, { ...question, page: { skip: 0, take, grants: [grant] } });
      if (typedGrants(theirs).length) answered.add(grant);
      if (answered.has(grant) || !more) break;
    }
  }
}

export async function whoCan(db: Database, params: WhoCanParams, source: HoldingSource = holdingRows): Promise<WhoCanAnswer> {
  const limit = params.limit ?? LIST_LIMIT;
  const reading: Reading = params.reading ?? 'AS_IT_STOOD';
  const question = { power: params.power, place: params.place, at: params.at, reading };
  let page: HoldingPage = { skip: 0, take: Math.min(firstPage(limit), ROW_CAP) };
  // One round trip for what does not depend on the holdings: the asked nodes, the first page, the outcomes, the positions.
  const [asked, first, outcomes, held] = await Promise.all([
    describeNodes(db, [], {
      Power: [params.power],
      Place: params.place ? [params.place] : [],
      Body: params.holder ? [params.holder] : [],
      Person: params.holder ? [params.holder] : [],
    }),
    source(db, { ...question, page }),
    outcomesOf(db, params.context),
    params.holder ? positionsOn(db, params.holder, params.at) : Promise.resolve([]),
  ]);
  const power = requireNode(asked, 'Power', params.power);
  const place = params.place ? requireNode(asked, 'Place', params.place) : null;
  const subject = params.holder ? asked.get(params.holder)?.ref : null;
  if (params.holder && (!subject || (subject.label !== 'Body' && subject.label !== 'Person'))) throw new UnknownNodeError('Body', params.holder);
  const positions = subject?.label === 'Person' ? held : [];

  const rows = [...first.rows];
  let { capped: rowCapped, more = false } = first;
  // Each page's new nodes are described once; the positions' bodies and sources with the first.
  const described = new Map<string, DescribedNode>();
  const asking = new Set<string>(); // ids asked for, found or not
  let alsoDescribe = positions.flatMap((p) => [p.bodyId, ...citationSourceIds(p.citations)]);
  const describe = async (ids: string[]) => {
    const fresh = [...ids, ...alsoDescribe].filter((id) => !asking.has(id));
    alsoDescribe = [];
    for (const id of fresh) asking.add(id);
    if (fresh.length) for (const [id, node] of await describeNodes(db, fresh)) described.set(id, node);
    return described;
  };
  const settled = new Set<string>();
  const answered = new Set<string>();
  for (;;) {
    if (more) await settleTypeLevel(db, source, question, rows, settled, answered);
    let { holders, excluded } = await holdersOn(rows, { at: params.at, context: params.context, outcomes, answered }, describe);
    let holderBodies: NodeRef[] = [];
    if (subject?.label === 'Person') {
      holderBodies = [...new Set(positions.map((p) => p.bodyId))].map((id) => refOf(described, id, 'Body'));
      holders = throughPositions(holders, subject, positions, described, params.at);
      excluded = throughPositions(excluded, subject, positions, described, params.at);
    } else if (subject) {
      holderBodies = [subject];
      holders = holders.filter((h) => h.body.id === subject.id);
      excluded = excluded.filter((h) => h.body.id === subject.id);
    }
    // Enough read: one holder more than shown (and, when the context can rule some out, one excluded more), or nothing left.
    const enough = holders.length > limit && (excluded.length > limit || !params.context);
    if (!more || rowCapped || enough)
      return {
        power,
        place,
        at: params.at,
        reading,
        context: params.context ?? null,
        holders: holders.slice(0, limit),
        excludedByContext: excluded.slice(0, limit),
        holder: subject ?? null,
        holderBodies,
        incomplete: rowCapped || holders.length > limit || excluded.length > limit,
      };
    const skip = page.skip + page.take;
    page = { skip, take: Math.min(page.take * 2, ROW_CAP - skip) };
    const next = await source(db, { ...question, page });
    rows.push(...next.rows);
    ({ capped: rowCapped, more = false } = next);
  }
}
