// prohibitedAction — PROHIBITED_ACTION: actions of a case that an in-force PROHIBITION
// forbids. A prohibition of a power forbids the power and every narrower one; it applies
// in its place and every place within it; it forbids use outside its `purposes` (all use
// when it lists none). A prohibition with TO binds only those bodies (and their divisions,
// and bodies of those types); without TO it binds everyone. An action whose purpose is not
// recorded is not reported: nothing shows it was outside the allowed purposes.
//
// Parameters:
//   $case  id of the Case
//   $actions  ids of the actions to judge: every action of the case (caseActions.cypher), or one
//             batch of them (the derive); each is found through the index on Action.id
//   $at    YYYY-MM-DD or null: only actions started on or before this date
//
// One row per (action, prohibition): action {id, summary, summaryZh, title, titleZh, startedAt, startedAtPrecision,
// endedAt, purpose, purposeBasis, purposeLabel {label, labelZh} (the PURPOSE term, or null),
// affectedCount, groups, powers [{id, name, nameZh, affectsPeople}]} (what gaps needs to name
// and weigh it), power exercised, forbidden power (the prohibition's own scope), grant {id,
// purposes, allowed [{label, labelZh} or null per purpose]}, grantPlace, provision, and the
// instrument {id, title, titleZh, docType, kind {label, labelZh} of a DOC_TYPE term or null}.
UNWIND $actions AS actionId
MATCH (a:Action {id: actionId})-[:IN_CASE]->(:Case {id: $case})
WHERE ($at IS NULL OR a.startedAt <= date($at)) AND a.purpose IS NOT NULL
MATCH (a)-[:EXERCISED]->(power:Power)-[:NARROWER_THAN*0..]->(forbidden:Power)<-[:OF]-(g:Grant {modality: 'PROHIBITION'})
MATCH (a)-[:IN]->(:Place)-[:WITHIN*0..]->(grantPlace:Place)<-[:WITHIN]-(g)
MATCH (g)-[:CONFERRED_BY]->(pv:Provision)-[:PART_OF]->(i:Instrument)
// In force on the action's first day: the grant and its instrument.
WHERE (g.validFrom IS NULL OR g.validFrom <= a.startedAt)
  AND (g.validTo IS NULL OR g.validTo >= a.startedAt)
  AND (coalesce(i.effectiveFrom, i.issuedOn) IS NULL OR coalesce(i.effectiveFrom, i.issuedOn) <= a.startedAt)
  AND (i.effectiveTo IS NULL OR i.effectiveTo >= a.startedAt)
  AND NOT a.purpose IN coalesce(g.purposes, [])
  AND (NOT EXISTS { (g)-[:TO]->() } OR EXISTS {
    MATCH (a)-[:PERFORMED_BY]->(actor)-[hp:HOLDS_POSITION*0..1]->(b:Body)
    WHERE all(h IN hp WHERE (h.from IS NULL OR h.from <= a.startedAt) AND (h.to IS NULL OR h.to >= a.startedAt))
    MATCH (b)-[:PART_OF*0..]->(:Body)-[:IS_A*0..1]->(bound)<-[:TO]-(g)
  })
RETURN DISTINCT
       {{actionFacts(a)}} AS action,
       power {.id, .name, .nameZh} AS power,
       forbidden {.id, .name, .nameZh} AS forbidden,
       g {.id, .purposes, .basis, allowed: [p IN coalesce(g.purposes, []) | head(COLLECT { MATCH (t:Term {vocabulary: 'PURPOSE'}) WHERE t.value = p RETURN t {.label, .labelZh} })]} AS grant,
       grantPlace {.id, .name, .nameZh} AS grantPlace,
       pv {.id, .ref, .refZh} AS provision,
       i {.id, .title, .titleZh, .docType, kind: head(COLLECT { MATCH (t:Term {vocabulary: 'DOC_TYPE'}) WHERE t.value = i.docType RETURN t {.label, .labelZh} })} AS instrument
ORDER BY action.startedAt, action.id, grant.id
