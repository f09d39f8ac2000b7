// referralPaths — the "ask them" graph of a case: every statement about who holds a power,
// with the body that spoke (a person speaks for the body of the position held that day)
// and the bodies it names. referralPaths.ts walks the graph from the bodies that were
// asked and marks each path LOOP, DEAD_END, CLAIMED or ATTRIBUTED.
//
// Parameters:
//   $case   id of the Case
//   $power  id of a Power, or null for every power; statements about narrower powers count
//   $at     YYYY-MM-DD or null: only statements made on or before this date
//
// One row per statement, oldest first:
//   statement {id, saidOn, stance, speaker, quote, quoteZh}
//   saidBy {id, label, name, nameZh}   who spoke (Body or Person)
//   asker  {id, label, name, nameZh}   the body that answered: saidBy, or a person's body that day
//   names  [{id, label, name, nameZh}] bodies attributed or referred to; a body renamed or
//          succeeded on or before the day of the statement is its latest successor then (the
//          one that could be asked), with `formerly` {id, name, nameZh} the body named
//   powers [{id, label, name, nameZh}] the powers it is about
//   families [{id, label, name, nameZh}] the power asked for when $power is given, else the
//            broadest powers of those it is about: statements are walked per family, so a
//            referral about codes and one about discipline never make one loop
MATCH (s:Statement)-[:IN_CASE]->(:Case {id: $case})
WHERE $at IS NULL OR s.saidOn <= date($at)
MATCH (s)-[:ABOUT]->(p:Power)
WHERE $power IS NULL OR EXISTS { (p)-[:NARROWER_THAN*0..]->(:Power {id: $power}) }
WITH s, collect(p) AS powers
MATCH (s)-[:SAID_BY]->(speaker)
OPTIONAL CALL (s, speaker) {
  MATCH (speaker:Person)-[hp:HOLDS_POSITION]->(body:Body)
  WHERE (hp.from IS NULL OR hp.from <= s.saidOn) AND (hp.to IS NULL OR hp.to >= s.saidOn)
  RETURN body ORDER BY body.id LIMIT 1
}
WITH s, powers, speaker, coalesce(body, speaker) AS asker
CALL (powers) {
  UNWIND powers AS p
  MATCH (p)-[:NARROWER_THAN*0..]->(top:Power)
  WHERE ($power IS NULL AND NOT (top)-[:NARROWER_THAN]->()) OR top.id = $power
  WITH DISTINCT top ORDER BY top.id
  RETURN collect(top {.id, label: 'Power', .name, .nameZh}) AS families
}
CALL (s) {
  OPTIONAL MATCH (s)-[:NAMES]->(b:Body)
  OPTIONAL CALL (s, b) {
    MATCH path = (b)-[:SUCCEEDED_BY*1..]->(:Body)
    WHERE all(r IN relationships(path) WHERE r.on <= s.saidOn)
    RETURN last(nodes(path)) AS successor ORDER BY length(path) DESC LIMIT 1
  }
  WITH b, coalesce(successor, b) AS named WHERE b IS NOT NULL
  RETURN collect(named {.id, label: 'Body', .name, .nameZh, formerly: CASE WHEN named <> b THEN b {.id, .name, .nameZh} END}) AS names
}
RETURN s {.id, .saidOn, .stance, .speaker, .quote, .quoteZh} AS statement,
       speaker {.id, label: head(labels(speaker)), .name, .nameZh} AS saidBy,
       asker {.id, label: head(labels(asker)), .name, .nameZh} AS asker,
       names,
       [p IN powers | p {.id, label: 'Power', .name, .nameZh}] AS powers,
       families
ORDER BY statement.saidOn, statement.id
