// unattributedAction — UNATTRIBUTED_ACTION: actions of a case with no known decider (no
// PERFORMED_BY with role DECIDED), such as an act the record says was "pushed" from somewhere unnamed.
//
// Parameters:
//   $case  id of the Case
//   $actions  ids of the actions to judge: every action of the case (caseActions.cypher), or one
//             batch of them (the derive); each is found through the index on Action.id
//   $at    YYYY-MM-DD or null: only actions started on or before this date
//
// One row per action: action {id, summary, summaryZh, title, titleZh, startedAt, startedAtPrecision, endedAt,
// purpose, purposeBasis, purposeLabel, affectedCount, groups, powers [{id, name, nameZh,
// affectsPeople}]} (to name it and weigh it), powers, place, and the actors
// known in other roles.
UNWIND $actions AS actionId
MATCH (a:Action {id: actionId})-[:IN_CASE]->(:Case {id: $case})
WHERE ($at IS NULL OR a.startedAt <= date($at))
  AND NOT EXISTS { (a)-[:PERFORMED_BY {role: 'DECIDED'}]->() }
RETURN {{actionFacts(a)}} AS action,
       [(a)-[:EXERCISED]->(p:Power) | p {.id, .name, .nameZh}] AS powers,
       head([(a)-[:IN]->(pl:Place) | pl {.id, .name, .nameZh}]) AS place,
       [(a)-[r:PERFORMED_BY]->(x) | {role: r.role, who: x {.id, label: head(labels(x)), .name, .nameZh}}] AS otherActors
ORDER BY action.startedAt, action.id
