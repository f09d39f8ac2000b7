// whoDid (whoDid.cypher): the actions that exercised a power in a place and period, with
// their actors, the body each person acted through, and the evidence of each.
import { ACTOR_ROLES } from '../model/model.js';
import type { Database } from '../neo4j/database.js';
import { citationEvidence, citationSourceIds, describeNodes, refOf, requireNode } from './evidence.js';
import { LIST_LIMIT, runAnalysis } from './run.js';
import type { ActionResult, Actor, ActorRole, WhoDidAnswer } from './types.js';

export interface WhoDidParams {
  power: string;
  place?: string | null;
  /** YYYY-MM-DD, open when absent */
  from?: string | null;
  to?: string | null;
  limit?: number;
}

interface ActorRow {
  id: string;
  role: ActorRole;
  citations: string | null;
  unsourced: boolean;
  through: { bodyId: string; title: string | null; titleZh: string | null; citations: string | null; unsourced: boolean } | null;
}

interface ActionRow {
  id: string;
  summary: string;
  summaryZh: string;
  startedAt: string;
  endedAt: string | null;
  purpose: string | null;
  affectedCount: number | null;
  placeId: string;
  powerIds: string[];
  actors: ActorRow[];
}

const ROW_CAP = 10_000;

export async function whoDid(db: Database, params: WhoDidParams): Promise<WhoDidAnswer> {
  const limit = params.limit ?? LIST_LIMIT;
  const asked = await describeNodes(db, [params.power, ...(params.place ? [params.place] : [])]);
  const power = requireNode(asked, 'Power', params.power);
  const place = params.place ? requireNode(asked, 'Place', params.place) : null;

  const rows = await runAnalysis<ActionRow>(db, 'whoDid', {
    power: params.power, place: params.place ?? null, from: params.from ?? null, to: params.to ?? null, rowCap: ROW_CAP,
  });
  const shown = rows.slice(0, limit);
  const ids = shown.flatMap((r) => [
    r.id, r.placeId, ...r.powerIds,
    ...r.actors.flatMap((a) => [
      a.id, ...citationSourceIds(a.citations),
      ...(a.through ? [a.through.bodyId, ...citationSourceIds(a.through.citations)] : []),
    ]),
  ]);
  const described = await describeNodes(db, ids);

  const actions: ActionResult[] = shown.map((r) => ({
    id: r.id,
    summary: r.summary,
    summaryZh: r.summaryZh,
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
