// dormantPower — what DORMANT_POWER needs: for each power exercised by the actions of a
// case, in each place, the days it was exercised and every body that took part (in any
// role; a person through the body of the position held that day). gaps asks whoCan for
// the bodies that held a DUTY or POWER for it there on those days; a holder that never
// took part while others did is dormant.
//
// Parameters:
//   $case  id of the Case
//   $at    YYYY-MM-DD or null: only actions started on or before this date
//
// One row per (power, place):
//   power {id, name, nameZh}, powerChain  ids of the power and every broader power; root  the broadest
//   place {id, name, nameZh}
//   dates  the distinct first days of the actions, ascending
//   days  the same with the precision each was stored at [{day, precision}] (for the wording)
//   actions  ids of the actions
//   actors  [{id, label, name, nameZh}] bodies that took part, distinct
//   parts  [{body {id, label, name, nameZh}, role}] each actor as recorded (a Body, or a Person
//           named as such rather than every body it held a post in) with its actual part
//           (DECIDED, EXECUTED, REQUESTED, COMMUNICATED): a body that passed a request on did
//           not exercise the power
//   actedThrough  ids of those bodies and of every body they are PART_OF: a body whose part
//           (or an official posted in it or in one of its parts) acted is not dormant
MATCH (a:Action)-[:IN_CASE]->(:Case {id: $case})
WHERE $at IS NULL OR a.startedAt <= date($at)
MATCH (a)-[:EXERCISED]->(power:Power)
MATCH (a)-[:IN]->(place:Place)
OPTIONAL CALL (a) {
  MATCH (a)-[pb:PERFORMED_BY]->(body:Body)
  RETURN body, body AS who, pb.role AS role
  UNION
  MATCH (a)-[pb:PERFORMED_BY]->(who:Person)-[hp:HOLDS_POSITION]->(body:Body)
  WHERE (hp.from IS NULL OR hp.from <= a.startedAt) AND (hp.to IS NULL OR hp.to >= a.startedAt)
  RETURN body, who, pb.role AS role
}
WITH power, place, a, collect(body) AS bodies, collect(CASE WHEN body IS NOT NULL THEN {who: who, role: role} END) AS parts
UNWIND CASE WHEN bodies = [] THEN [null] ELSE bodies END AS body
WITH power, place, collect(DISTINCT a) AS actions, collect(DISTINCT body) AS actors, collect(parts) AS partLists
RETURN power {.id, .name, .nameZh} AS power,
       [(power)-[:NARROWER_THAN*0..]->(broader:Power) | broader.id] AS powerChain,
       head([(power)-[:NARROWER_THAN*0..]->(top:Power) WHERE NOT (top)-[:NARROWER_THAN]->() | top.id]) AS root,
       place {.id, .name, .nameZh} AS place,
       COLLECT { UNWIND actions AS x WITH DISTINCT x.startedAt AS day RETURN day ORDER BY day } AS dates,
       COLLECT { UNWIND actions AS x WITH DISTINCT x.startedAt AS day, x.startedAtPrecision AS precision ORDER BY day RETURN {day: day, precision: precision} } AS days,
       [x IN actions | x.id] AS actions,
       [b IN actors | b {.id, label: 'Body', .name, .nameZh}] AS actors,
       COLLECT { UNWIND partLists AS ps UNWIND ps AS p WITH DISTINCT p.who AS w, p.role AS role
                 RETURN {body: {id: w.id, label: head(labels(w)), name: w.name, nameZh: w.nameZh}, role: role} } AS parts,
       COLLECT { UNWIND actors AS b MATCH (b)-[:PART_OF*0..]->(whole:Body) RETURN DISTINCT whole.id } AS actedThrough
ORDER BY power.id, place.id
