// conflictingAttribution — CONFLICTING_ATTRIBUTION: powers about which the statements of a
// case name two or more different holders. A statement names a holder when it ATTRIBUTES
// the power to a body or REFERS the asker to one (the bodies it NAMES), or when its speaker
// CLAIMS_SELF (a person speaks for the body of the position held that day). A body renamed
// or succeeded on or before the day of the statement counts as its successor, so "the
// big-data bureau" and its renamed self are one holder, not a conflict.
//
// Parameters:
//   $case  id of the Case
//   $at    YYYY-MM-DD or null: only statements made on or before this date
//
// One row per power with two or more holders:
//   power {id, name, nameZh}
//   holders [{body {id, label, name, nameZh}, statements [{id, stance}]}] ordered by body id
MATCH (s:Statement)-[:IN_CASE]->(:Case {id: $case})
WHERE s.stance IN ['ATTRIBUTES', 'REFERS', 'CLAIMS_SELF'] AND ($at IS NULL OR s.saidOn <= date($at))
MATCH (s)-[:ABOUT]->(power:Power)
CALL (s) {
  MATCH (s)-[:NAMES]->(named:Body) WHERE s.stance IN ['ATTRIBUTES', 'REFERS']
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
WITH power, holder, collect(DISTINCT s {.id, .stance}) AS statements
ORDER BY holder.id
WITH power, collect({body: holder {.id, label: 'Body', .name, .nameZh}, statements: statements}) AS holders
WHERE size(holders) >= 2
RETURN power {.id, .name, .nameZh} AS power, holders
ORDER BY power.id
