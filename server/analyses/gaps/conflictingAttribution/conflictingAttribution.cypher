// conflictingAttribution — CONFLICTING_ATTRIBUTION: powers about which the statements of a
// case disagree on who holds them: two or more different holders are named, or a body named
// as the holder is said by another statement not to hold it (DENIES_OTHER). A statement names
// a holder when it ATTRIBUTES the power to a body (the bodies it NAMES), or when its speaker
// CLAIMS_SELF (a person speaks for the body of the position held that day); an ATTRIBUTES that
// names its own speaker is a claim too. A REFERS ("ask them over there") is not a claim about
// who holds the power: it names a holder only when the same speaker also ATTRIBUTES the power
// to that body, and then it is one more statement for that holder, never a holder of its own.
// A body renamed or succeeded on or before the day of a statement counts as its successor, so
// a bureau and its renamed self are one holder.
//
// Parameters:
//   $case  id of the Case
//   $at    YYYY-MM-DD or null: only statements made on or before this date
//
// One row per power in dispute:
//   power {id, name, nameZh}
//   holders [{body {id, label, name, nameZh}, statements [{id, stance, saidOn, saidOnPrecision, basis, by}],
//             deniedBy [{id, stance, saidOn, saidOnPrecision, basis, by}]}] ordered by body id; `by` {id, label,
//     name, nameZh} is who spoke; `stance` is CLAIMS_SELF for a speaker naming itself; `basis`
//     the statement's stanceBasis, or the NAMES relation's when that is an editor's reading
MATCH (s:Statement)-[:IN_CASE]->(:Case {id: $case})
WHERE s.stance IN ['ATTRIBUTES', 'REFERS', 'CLAIMS_SELF', 'DENIES_OTHER'] AND ($at IS NULL OR s.saidOn <= date($at))
MATCH (s)-[:ABOUT]->(power:Power)
MATCH (s)-[:SAID_BY]->(speaker)
// The body that spoke: the speaker, or a person's body that day.
OPTIONAL CALL (s, speaker) {
  MATCH (speaker:Person)-[hp:HOLDS_POSITION]->(body:Body)
  WHERE (hp.from IS NULL OR hp.from <= s.saidOn) AND (hp.to IS NULL OR hp.to >= s.saidOn)
  RETURN body ORDER BY body.id LIMIT 1
}
WITH s, power, speaker, coalesce(body, speaker) AS asker
CALL (s, power, speaker, asker) {
  MATCH (s)-[n:NAMES]->(named:Body) WHERE s.stance IN ['ATTRIBUTES', 'DENIES_OTHER']
  RETURN named, n.basis AS namesBasis
  UNION
  MATCH (s)-[n:NAMES]->(named:Body)
  WHERE s.stance = 'REFERS' AND EXISTS {
    MATCH (speaker)<-[:SAID_BY]-(said:Statement {stance: 'ATTRIBUTES'})-[:NAMES]->(named)
    WHERE (said)-[:ABOUT]->(power) AND (said)-[:IN_CASE]->(:Case {id: $case})
      AND ($at IS NULL OR said.saidOn <= date($at))
  }
  RETURN named, n.basis AS namesBasis
  UNION
  MATCH (asker:Body) WHERE s.stance = 'CLAIMS_SELF'
  RETURN asker AS named, null AS namesBasis
}
// The latest successor as of the day of the statement (the body itself when none).
CALL (s, named) {
  OPTIONAL MATCH path = (named)-[:SUCCEEDED_BY*1..]->(:Body)
  WHERE all(r IN relationships(path) WHERE r.on <= s.saidOn)
  WITH named, path ORDER BY length(path) DESC LIMIT 1
  RETURN CASE WHEN path IS NULL THEN named ELSE last(nodes(path)) END AS holder
}
WITH power, holder, s, speaker, asker, namesBasis ORDER BY s.saidOn, s.id
WITH power, holder,
     [x IN collect({s: s, speaker: speaker, asker: asker, namesBasis: namesBasis}) |
       {id: x.s.id, saidOn: x.s.saidOn, saidOnPrecision: x.s.saidOnPrecision,
        stance: CASE WHEN x.s.stance = 'ATTRIBUTES' AND x.asker = holder THEN 'CLAIMS_SELF' ELSE x.s.stance END,
        basis: CASE WHEN x.namesBasis IS NOT NULL AND x.namesBasis <> 'STATED' THEN x.namesBasis ELSE x.s.stanceBasis END,
        by: {id: x.speaker.id, label: head(labels(x.speaker)), name: x.speaker.name, nameZh: x.speaker.nameZh}}] AS said
WITH power, holder,
     [x IN said WHERE x.stance <> 'DENIES_OTHER'] AS statements,
     [x IN said WHERE x.stance = 'DENIES_OTHER'] AS deniedBy
ORDER BY holder.id
WITH power, collect({body: holder {.id, label: 'Body', .name, .nameZh}, statements: statements, deniedBy: deniedBy}) AS entries
WITH power, [h IN entries WHERE size(h.statements) > 0] AS holders
WHERE size(holders) >= 2 OR any(h IN holders WHERE size(h.deniedBy) > 0)
RETURN power {.id, .name, .nameZh} AS power, holders
ORDER BY power.id
