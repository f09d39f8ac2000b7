// whoDid (whoDid.cypher): the actions that exercised a power in a place and period, with
// their actors, the body each person acted through, and the evidence of each.
import { ACTOR_ROLES } from '../model/model.js';
import type { Database } from '../neo4j/database.js';
import { citationEvidence, citationSourceIds, describeNodes, refOf, requireNode } from './evidence.js';
import { LIST_LIMIT, runAnalysis } from './run.js';
import { BASIS_WORDS, weakestBasis, type Basis } from './basis.js';
import { formatDate } from '../dates.js';
import { SPAN_DAYS } from '../derive/actionSpans.js';
import type { ActionResult, Actor, ActorRole, WhoDidAnswer } from './types.js';

export interface WhoDidParams {
  power: string;
  place?: string | null;
  /** YYYY-MM-DD, open when absent */
  from?: string | null;
  to?: string | null;
  limit?: number;
  /** Which side whoDid.cypher reads from; the tests ask each way, the API always 'auto'. */
  side?: 'auto' | 'place' | 'power' | 'days';
}

interface ActorRow {
  id: string;
  role: ActorRole;
  basis: Basis;
  citations: string | null;
  unsourced: boolean;
  through: { bodyId: string; title: string | null; titleZh: string | null; citations: string | null; unsourced: boolean } | null;
}

interface ActionRow {
  id: string;
  summary: string | null;
  summaryZh: string | null;
  startedAt: string;
  endedAt: string | null;
  startedFirst: string;
  startedLast: string;
  endedFirst: string | null;
  endedLast: string | null;
  purpose: string | null;
  purposeBasis: Basis;
  purposeLabel: string | null;
  purposeLabelZh: string | null;
  affectedCount: number | null;
  placeId: string;
  powerIds: string[];
  actors: ActorRow[];
}

const ROW_CAP = 10_000;

export async function whoDid(db: Database, params: WhoDidParams): Promise<WhoDidAnswer> {
  const limit = params.limit ?? LIST_LIMIT;
  // The asked nodes and the actions at once: neither needs the other (an unknown id finds no actions).
  const [asked, rows] = await Promise.all([
    describeNodes(db, [], { Power: [params.power], Place: params.place ? [params.place] : [] }),
    runAnalysis<ActionRow>(db, 'whoDid', {
      power: params.power,
      place: params.place ?? null,
      from: params.from ?? null,
      to: params.to ?? null,
      // One more than shown, to tell whether the list was cut (never more than the row cap).
      rowCap: Math.min(limit + 1, ROW_CAP),
      spanDays: SPAN_DAYS,
      side: params.side ?? 'auto',
    }),
  ]);
  const power = requireNode(asked, 'Power', params.power);
  const place = params.place ? requireNode(asked, 'Place', params.place) : null;
  const shown = rows.slice(0, limit);
  // Each id under the label its relationship gives it: an actor is a body or a person.
  const actors = shown.flatMap((r) => r.actors);
  const described = await describeNodes(db, [], {
    Action: shown.map((r) => r.id),
    Place: shown.map((r) => r.placeId),
    Power: shown.flatMap((r) => r.powerIds),
    Body: [...actors.map((a) => a.id), ...actors.flatMap((a) => (a.through ? [a.through.bodyId] : []))],
    Person: actors.map((a) => a.id),
    Source: actors.flatMap((a) => [...citationSourceIds(a.citations), ...citationSourceIds(a.through?.citations)]),
  });

  const actions: ActionResult[] = shown.map((r) => ({
    ...basisOf(r, described),
    ...dateUncertainty(r, params.from ?? null, params.to ?? null),
    purposeLabel: r.purpose ? (r.purposeLabel ?? r.purposeLabelZh ?? 'a purpose the case does not describe') : null,
    purposeLabelZh: r.purpose ? (r.purposeLabelZh ?? r.purposeLabel ?? '案例未说明的用途') : null,
    id: r.id,
    // A case written in one language has one summary; the other falls back to it.
    summary: r.summary ?? r.summaryZh!,
    summaryZh: r.summaryZh ?? r.summary!,
    affectedCount: r.affectedCount,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    purpose: r.purpose,
    place: refOf(described, r.placeId, 'Place'),
    powers: [...r.powerIds].sort().map((id) => refOf(described, id, 'Power')),
    actors: r.actors
      .map((a): Actor => ({
        who: refOf(described, a.id),
        role: a.role,
        basis: a.basis,
        through: a.through ? refOf(described, a.through.bodyId, 'Body') : null,
        position: a.through?.title ?? null,
        positionZh: a.through?.titleZh ?? null,
        // What shows the actor took part, then what shows the position it acted in.
        evidence: [
          ...citationEvidence(a.citations, a.unsourced, described),
          ...(a.through ? citationEvidence(a.through.citations, a.through.unsourced, described) : []),
        ],
      }))
      .sort((x, y) => ACTOR_ROLES.indexOf(x.role) - ACTOR_ROLES.indexOf(y.role) || x.who.id.localeCompare(y.who.id)),
    evidence: described.get(r.id)?.evidence ?? [],
  }));
  return {
    power,
    place,
    from: params.from ?? null,
    to: params.to ?? null,
    actions,
    incomplete: rows.length > limit || rows.length >= ROW_CAP,
  };
}

/**
 * How the action's record is known: the weakest of its purpose's basis (when it has one) and
 * its actors' basis, said in words when it is not STATED.
 */
function basisOf(r: ActionRow, described: Awaited<ReturnType<typeof describeNodes>>): Pick<ActionResult, 'basis' | 'basisNote' | 'basisNoteZh'> {
  const basis = weakestBasis(r.purpose ? r.purposeBasis : null, ...r.actors.map((a) => a.basis));
  if (basis === 'STATED') return { basis, basisNote: null, basisNoteZh: null };
  const en: string[] = [];
  const zh: string[] = [];
  if (r.purpose && r.purposeBasis !== 'STATED') {
    en.push(`The purpose recorded for this action is ${BASIS_WORDS[r.purposeBasis].en}.`);
    zh.push(`此行动所记录的用途是${BASIS_WORDS[r.purposeBasis].zh}。`);
  }
  for (const actor of r.actors.filter((a) => a.basis !== 'STATED')) {
    const who = refOf(described, actor.id);
    en.push(`That ${who.name ?? who.nameZh ?? who.id} took part is ${BASIS_WORDS[actor.basis as Exclude<Basis, 'STATED'>].en}.`);
    zh.push(`${who.nameZh ?? who.name ?? who.id}参与此行动，是${BASIS_WORDS[actor.basis as Exclude<Basis, 'STATED'>].zh}。`);
  }
  return { basis, basisNote: en.join(' '), basisNoteZh: zh.join('') };
}

/**
 * When the action is dated only to the month or the year and its days may fall outside the
 * asked period, a sentence saying so (the action is listed, not silently dropped or kept).
 */
function dateUncertainty(r: ActionRow, from: string | null, to: string | null): Pick<ActionResult, 'dateUncertain' | 'dateUncertainZh'> {
  const single = r.endedFirst === null;
  // Certainly within: the latest possible start is by `to`, and the earliest possible end (or day) is from `from` on.
  const certainlyStartedBy = to === null || r.startedLast <= to;
  const certainlyNotOverBefore = from === null || (single ? r.startedFirst >= from : (r.endedFirst as string) >= from);
  if (certainlyStartedBy && certainlyNotOverBefore) return { dateUncertain: null, dateUncertainZh: null };
  const when = r.endedAt ? `${formatDate(r.startedAt, 'en')} to ${formatDate(r.endedAt, 'en')}` : formatDate(r.startedAt, 'en');
  const whenZh = r.endedAt ? `${formatDate(r.startedAt, 'zh')}至${formatDate(r.endedAt, 'zh')}` : formatDate(r.startedAt, 'zh');
  const period = `${from ? formatDate(from, 'en') : 'the beginning'} to ${to ? formatDate(to, 'en') : 'now'}`;
  const periodZh = `${from ? formatDate(from, 'zh') : '最早'}至${to ? formatDate(to, 'zh') : '今'}`;
  return {
    dateUncertain: `The action is dated only to ${when}, so the sources do not say whether it fell within ${period}.`,
    dateUncertainZh: `此行动的日期只精确到${whenZh}，来源未能说明它是否在${periodZh}之间。`,
  };
}
