// actorsOfActions — the actors who DECIDED or EXECUTED each action of a case, as the bodies
// they acted through, with what the legal test of the action needs. gaps asks whoCan
// whether those bodies (or the bodies they are part of) held the exercised power, and
// derives UNAUTHORIZED_ACTION, AUTHORITY_VIA_PARENT_ONLY and CONDITION_NOT_MET from it.
//
// Parameters:
//   $case  id of the Case
//   $actions  ids of the actions to judge: every action of the case (caseActions.cypher), or one
//             batch of them (the derive); each is found through the index on Action.id
//   $at    YYYY-MM-DD or null: only actions started on or before this date
//
// One row per (action, exercised power, actor):
//   action {id, summary, summaryZh, title, titleZh, startedAt, startedAtPrecision, endedAt, purpose, purposeBasis,
//           purposeLabel, affectedCount, groups [{name, nameZh}], powers [{id, name, nameZh,
//           affectsPeople}], conditionsMet (JSON string)}: what gaps needs to name and weigh it
//   power {id, name, nameZh}, powerChain  ids of the exercised power and every broader power; root  the broadest
//   place {id, name, nameZh}
//   actor {id, label, name, nameZh}, roles  (DECIDED and/or EXECUTED)
//   performed  [{citations, unsourced}] of the PERFORMED_BY relations: who says the actor did it
//   acting  [{body, parents}]: the body itself, or for a person the bodies of the positions
//           held on the action's first day; parents are the bodies it is PART_OF, nearest first
//   coActors  [{id, label, name, nameZh}] the bodies the action's other actors (any role) acted
//           through: an actor that only EXECUTED acts for a co-actor that holds the power
//   principals  [{id, label, name, nameZh}] the bodies the actor is the BUILT_BY/OPERATED_BY
//           contractor of: it acts for them when they hold the power
//   actsFor  [{body {id, label, name, nameZh}, citations, unsourced, basis}] the bodies the actor
//           ACTS_FOR on the action's first day: it is judged through them, as a person is
//           judged through the body of its position
UNWIND $actions AS actionId
MATCH (a:Action {id: actionId})-[:IN_CASE]->(:Case {id: $case})
WHERE $at IS NULL OR a.startedAt <= date($at)
MATCH (a)-[:EXERCISED]->(power:Power)
MATCH (a)-[:IN]->(place:Place)
MATCH (a)-[pb:PERFORMED_BY]->(actor)
WHERE pb.role IN ['DECIDED', 'EXECUTED']
WITH a, power, place, actor, collect(DISTINCT pb.role) AS roles,
     [r IN collect(pb) | {citations: r.citations, unsourced: r.unsourced}] AS performed
// A person acts through the body in which the person held a position at the time.
OPTIONAL CALL (a, actor) {
  MATCH (actor:Body)
  RETURN actor AS body
  UNION
  MATCH (actor:Person)-[hp:HOLDS_POSITION]->(body:Body)
  WHERE (hp.from IS NULL OR hp.from <= a.startedAt) AND (hp.to IS NULL OR hp.to >= a.startedAt)
  RETURN body
}
// The bodies it is part of, nearest first (PART_OF points at one parent, so this is a chain).
OPTIONAL CALL (body) {
  MATCH path = (body)-[:PART_OF*1..]->(:Body)
  WITH path ORDER BY length(path) DESC LIMIT 1
  RETURN [p IN nodes(path)[1..] | p {.id, label: 'Body', .name, .nameZh}] AS parents
}
// A person with no position on that day acts through no body: acting stays empty.
WITH a, power, place, actor, roles, performed,
     collect(CASE WHEN body IS NOT NULL THEN {body: body {.id, label: 'Body', .name, .nameZh}, parents: coalesce(parents, [])} END) AS acting
RETURN {{actionFacts(a, .conditionsMet)}} AS action,
       power {.id, .name, .nameZh} AS power,
       [(power)-[:NARROWER_THAN*0..]->(broader:Power) | broader.id] AS powerChain,
       head([(power)-[:NARROWER_THAN*0..]->(top:Power) WHERE NOT (top)-[:NARROWER_THAN]->() | top.id]) AS root,
       place {.id, .name, .nameZh} AS place,
       actor {.id, label: head(labels(actor)), .name, .nameZh} AS actor,
       roles, performed, acting,
       COLLECT {
         MATCH (a)-[:PERFORMED_BY]->(other) WHERE other <> actor
         OPTIONAL MATCH (other:Person)-[hp:HOLDS_POSITION]->(post:Body)
         WHERE (hp.from IS NULL OR hp.from <= a.startedAt) AND (hp.to IS NULL OR hp.to >= a.startedAt)
         WITH coalesce(post, other) AS co WHERE co:Body
         RETURN DISTINCT co {.id, label: 'Body', .name, .nameZh}
       } AS coActors,
       [(principal:Body)-[:BUILT_BY|OPERATED_BY]->(actor:Body) | principal {.id, label: 'Body', .name, .nameZh}] AS principals,
       [(actor:Body)-[af:ACTS_FOR]->(principal:Body)
        WHERE (af.from IS NULL OR af.from <= a.startedAt) AND (af.to IS NULL OR af.to >= a.startedAt)
        | {body: principal {.id, label: 'Body', .name, .nameZh}, citations: af.citations, unsourced: af.unsourced, basis: af.basis}] AS actsFor
ORDER BY action.startedAt, action.id, power.id, actor.id
