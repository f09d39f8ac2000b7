// conflictingAttribution — CONFLICTING_ATTRIBUTION: powers about which the statements of a
// case name two or more different holders. A statement names a holder when it ATTRIBUTES
// the power to a body (the bodies it NAMES), or when its speaker CLAIMS_SELF (a person
// speaks for the body of the position held that day). A REFERS ("ask them over there") is
// not a claim about who holds the power: it names a holder only when the same speaker also
// ATTRIBUTES the power to that body, and then it is one more statement for that holder, never
// a holder of its own. A body renamed or succeeded on or before the day of the statement
// counts as its successor, so "the big-data bureau" and its renamed self are one holder.
//
// Parameters:
//   $case  id of the Case
//   $at    YYYY-MM-DD or null: only statements made on or before this date
//
// One row per power with two or more holders:
//   power {id, name, nameZh}
//   holders [{body {id, label, name, nameZh}, statements [{id, stance, saidOn, by {id, label, name, nameZh}}]}]
//     ordered by body id; `by` is who spoke (Body or Person)
MATCH (s:Statement)-[:IN_CASE]->(:Case {id: $case})
WHERE s.stance IN ['ATTRIBUTES', 'REFERS', 'CLAIMS_SELF'] AND ($at IS NULL OR s.saidOn <= date($at))
MATCH (s)-[:ABOUT]->(power:Power)
MATCH (s)-[:SAID_BY]->(speaker)
CALL (s, power, speaker) {
  MATCH (s)-[:NAMES]->(named:Body) WHERE s.stance = 'ATTRIBUTES'
  RETURN named
  UNION
  MATCH (s)-[:NAMES]->(named:Body)
  WHERE s.stance = 'REFERS' AND EXISTS {
    MATCH (speaker)<-[:SAID_BY]-(said:Statement {stance: 'ATTRIBUTES'})-[:NAMES]->(named)
    WHERE (said)-[:ABOUT]->(power) AND (said)-[:IN_CASE]->(:Case {id: $case})
      AND ($at IS NULL OR said.saidOn <= date($at))
  }
  RETURN named
  UNION
  MATCH (s)-[:SAID_BY]->(named:Body) WHERE s.stance = 'CLAIMS_SELF'
  RETURN named
  UNION
  MATCH (s)-[:SAID_BY]->(:Person)-[hp:HOLDS_POSITION]->(named:Body)
  WHERE s.stance = 'CLAIMS_SELF'
    AND (hp.from IS NULL OR hp.from <= s.saidOn) AND (hp.to IS NULL OR hp.to >= s.saidOn)
  RETURN named
}
// The latest successor as of the day of the statement (the body itself when none).
CALL (s, named) {
  OPTIONAL MATCH path = (named)-[:SUCCEEDED_BY*1..]->(:Body)
  WHERE all(r IN relationships(path) WHERE r.on <= s.saidOn)
  WITH named, path ORDER BY length(path) DESC LIMIT 1
  RETURN CASE WHEN path IS NULL THEN named ELSE last(nodes(path)) END AS holder
}
WITH power, holder, s, speaker ORDER BY s.saidOn, s.id
WITH power, holder,
     collect(DISTINCT s {.id, .stance, .saidOn, by: speaker {.id, label: head(labels(speaker)), .name, .nameZh}}) AS statements
ORDER BY holder.id
WITH power, collect({body: holder {.id, label: 'Body', .name, .nameZh}, statements: statements}) AS holders
WHERE size(holders) >= 2
RETURN power {.id, .name, .nameZh} AS power, holders
ORDER BY power.id
