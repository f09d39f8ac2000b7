// accountability — what the bodies and persons of a case said about who holds a power:
// every statement about the power or a narrower one (a statement about a narrower power is
// about the broader one too), for gathering per stance.
//
// Parameters:
//   $case   id of the Case
//   $power  id of the Power
//
// One row per statement, oldest first:
//   statement {id, saidOn, stance, speaker, quote, quoteZh}
//   saidBy {id, label, name, nameZh}   the Body or Person that spoke
//   names  [{id, label, name, nameZh}] the bodies it attributes the power to or refers to
//   powers [{id, label, name, nameZh}] the powers it is about
MATCH (asked:Power {id: $power})
MATCH (s:Statement)-[:IN_CASE]->(:Case {id: $case})
WHERE EXISTS { (s)-[:ABOUT]->(:Power)-[:NARROWER_THAN*0..]->(asked) }
MATCH (s)-[:SAID_BY]->(speaker)
RETURN s {.id, .saidOn, .stance, .speaker, .quote, .quoteZh} AS statement,
       speaker {.id, label: head(labels(speaker)), .name, .nameZh} AS saidBy,
       [(s)-[:NAMES]->(b:Body) | b {.id, label: 'Body', .name, .nameZh}] AS names,
       [(s)-[:ABOUT]->(p:Power) | p {.id, label: 'Power', .name, .nameZh}] AS powers
ORDER BY statement.saidOn, statement.id
