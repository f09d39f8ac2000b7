// disclaimedAuthority — the statements of a case in which the speaker said it does not hold
// a power (DENIES_SELF) or did not know (UNKNOWN), with the body that spoke. gaps asks
// whoCan whether that body held the power by law on the day it spoke: if it did, the
// statement is a DISCLAIMED_AUTHORITY.
//
// Parameters:
//   $case  id of the Case
//   $at    YYYY-MM-DD or null: only statements made on or before this date
//
// One row per (statement, power it is about, speaking body):
//   statement {id, saidOn, saidOnPrecision, stance, quote, quoteZh, speaker, stanceBasis}
//   power {id, name, nameZh}, related  ids of the power, its broader and its narrower powers
//     (holding any of them is holding part of what was disclaimed); root  the broadest
//   body {id, label, name, nameZh}: the Body that spoke, or for a Person the body of the
//     position held that day; person {…} when a person spoke
//   place {id, name, nameZh}: the body's jurisdiction, where its holding is tested (or null)
MATCH (s:Statement)-[:IN_CASE]->(:Case {id: $case})
WHERE s.stance IN ['DENIES_SELF', 'UNKNOWN'] AND ($at IS NULL OR s.saidOn <= date($at))
MATCH (s)-[:ABOUT]->(power:Power)
MATCH (s)-[:SAID_BY]->(speaker)
CALL (s, speaker) {
  MATCH (speaker:Body)
  RETURN speaker AS body
  UNION
  MATCH (speaker:Person)-[hp:HOLDS_POSITION]->(body:Body)
  WHERE (hp.from IS NULL OR hp.from <= s.saidOn) AND (hp.to IS NULL OR hp.to >= s.saidOn)
  RETURN body
}
RETURN s {.id, .saidOn, .saidOnPrecision, .stance, .quote, .quoteZh, .speaker, .stanceBasis} AS statement,
       power {.id, .name, .nameZh} AS power,
       [(power)-[:NARROWER_THAN*0..]->(b:Power) | b.id] + [(power)<-[:NARROWER_THAN*1..]-(n:Power) | n.id] AS related,
       head([(power)-[:NARROWER_THAN*0..]->(top:Power) WHERE NOT (top)-[:NARROWER_THAN]->() | top.id]) AS root,
       body {.id, label: 'Body', .name, .nameZh} AS body,
       CASE WHEN speaker:Person THEN speaker {.id, label: 'Person', .name, .nameZh} END AS person,
       head([(body)-[:JURISDICTION]->(pl:Place) | pl {.id, .name, .nameZh}]) AS place
ORDER BY statement.saidOn, statement.id, power.id
