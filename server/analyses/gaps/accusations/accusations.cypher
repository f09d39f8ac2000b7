// accusations — the ACCUSES statements of a case that name the actions they concern
// (CONCERNS): a speaker accusing a body of acting without authority. gaps quotes each on
// every finding about one of those actions.
//
// Parameters:
//   $case  id of the Case
//   $at    YYYY-MM-DD or null: only statements made on or before this date
//
// One row per statement: statement {id, saidOn, saidOnPrecision, quote, quoteZh, stanceBasis}, by {id, label,
// name, nameZh} (who spoke), accused [{id, label, name, nameZh}] (the bodies it NAMES),
// actions [ids of the actions it CONCERNS]
MATCH (s:Statement {stance: 'ACCUSES'})-[:IN_CASE]->(:Case {id: $case})
WHERE $at IS NULL OR s.saidOn <= date($at)
MATCH (s)-[:CONCERNS]->(:Action)
MATCH (s)-[:SAID_BY]->(speaker)
RETURN s {.id, .saidOn, .saidOnPrecision, .quote, .quoteZh, .stanceBasis} AS statement,
       speaker {.id, label: head(labels(speaker)), .name, .nameZh} AS by,
       [(s)-[:NAMES]->(b:Body) | b {.id, label: 'Body', .name, .nameZh}] AS accused,
       [(s)-[:CONCERNS]->(x:Action) | x.id] AS actions
ORDER BY statement.saidOn, statement.id
