// heldUnlawful — HELD_UNLAWFUL: actions of a case that an instrument (a court's judgment, a
// later law) HOLDS_INVALID, with the holding's date, whether it is void from the start, and
// the holding's own citations.
//
// Parameters:
//   $case  id of the Case
//   $actions  ids of the actions to judge: every action of the case (caseActions.cypher), or one
//             batch of them (the derive); each is found through the index on Action.id
//   $at    YYYY-MM-DD or null: only actions started, and (as it stood) holdings made, on or before this date
//   $laterHeld  true for the reading AS_LATER_HELD: every holding in the data counts, whenever made
//
// One row per (action, holding instrument): action {…} as in the other action kinds,
// instrument {id, title, titleZh, docType, kind {label, labelZh} or null}, holding {from,
// fromPrecision, retroactive, citations (JSON), unsourced}, issuers [{id, label, name, nameZh}]
UNWIND $actions AS actionId
MATCH (a:Action {id: actionId})-[:IN_CASE]->(:Case {id: $case})
WHERE $at IS NULL OR a.startedAt <= date($at)
MATCH (i:Instrument)-[h:HOLDS_INVALID]->(a)
WHERE $laterHeld OR $at IS NULL OR h.from <= date($at)
RETURN {{actionFacts(a)}} AS action,
       i {.id, .title, .titleZh, .docType, kind: head(COLLECT { MATCH (t:Term {vocabulary: 'DOC_TYPE'}) WHERE t.value = i.docType RETURN t {.label, .labelZh} })} AS instrument,
       h {.from, .fromPrecision, .retroactive, .citations, .unsourced} AS holding,
       [(i)-[:ISSUED_BY]->(b:Body) | b {.id, label: 'Body', .name, .nameZh}] AS issuers
ORDER BY action.startedAt, action.id, instrument.id
