// whoCan — de jure: which bodies hold a power (or a narrower one) in a place at a date,
// and by which route. Reads the derived holdings (server/derive/holdings.cypher: who each
// grant reaches by name, succession, type and place, and which issuers could have
// delegated it), and gathers by id the dated facts each one rests on; whoCan.ts judges
// them on D by the rule of inForce.ts and evaluates the conditions against the caller's
// context. See docs/analyses.md "Who can" and "Derived holdings".
//
// Parameters:
//   $power   id of the asked Power
//   $place   id of the asked Place, or null for anywhere
//   $at      the date D, 'YYYY-MM-DD' (unused here: dates are judged in whoCan.ts)
//   $skip    holdings to pass over, in answer order (0 for the first page)
//   $rowCap  most rows to return: a page (whoCan.ts reads pages until it has the holders it
//            shows, so a country-wide first page reads a few hundred holdings, not all)
//   $grants  null, or only the holdings of these grants (whoCan.ts asks for the bodies that
//            answer for a type-level grant whose other holdings fall on later pages)
//
// Paging: the holdings are put in answer order and sliced BEFORE their facts are read, on
// what each holding stores (the same order as the RETURN below: via, body, grant, succession
// chain, power; then type and place, so that the order is total and pages never overlap).
// Holdings whose grant no longer reads as derived (its modality, provision or instrument
// changed behind the import's back) are left out before the slice, once per grant, so a page
// is never cut short by them: fewer rows than $rowCap means there are no more.
//
// One row per candidate holding (body + via + grant), at any date: whoCan.ts keeps those in
// force on D by the shared rule of inForce.ts, from the facts each row carries:
//   bodyId, via (DIRECT | BY_TYPE | BY_SUCCESSION), grantId, modality, conditions (JSON text),
//   note, basis, powerId (the granted power), grantPlaceId, provision {id, text, textZh},
//   instrument {id, officialId}, higher [{id, depth, officialId}], law (lawFacts: the grant's
//   and instrument's dates, repeals, amendments, holdings, restrictions), body (bodyFacts),
//   bodyTypeId + jurisdictionId (BY_TYPE), typeLevel (BY_TYPE: the type itself, one row per
//   typed grant, kept only when no body of the type answers), successions [{from, to, on,
//   onLast, how, citations, unsourced}], delegations [{issuerId, issuer (bodyFacts), grantId,
//   modality, powerId, placeId, note, basis, law, provision, instrument, higher}] (the
//   issuer's own holdings, for BY_DELEGATION), agents [{id, body (bodyFacts), from, fromLast,
//   to, toLast, basis, citations, unsourced}] (bodies that ACT_FOR this one).
MATCH (asked:Power {id: $power})
OPTIONAL MATCH (place:Place {id: $place})
// The asked place and every place above it: a grant's place must be one of them.
WITH asked, place, CASE WHEN place IS NULL THEN [] ELSE [(place)-[:WITHIN*0..]->(p:Place) | p.id] END AS up
// A grant of a narrower power (health-code.assign) answers a question about the broader one.
MATCH (granted:Power)-[:NARROWER_THAN*0..]->(asked)
// Anywhere: every holding of the power. In a place: those of grants in the place or a place
// above it, sought by (power, grant place) rather than read for the whole country and sifted.
CALL (granted, place, up) {
  // (A list rather than a WHERE, so that no row reaches this seek when a place is asked.)
  UNWIND CASE WHEN place IS NULL THEN [granted.id] ELSE [] END AS powerId
  MATCH (h:Holding {powerId: powerId})
  RETURN h
  UNION ALL
  UNWIND up AS gp
  WITH DISTINCT granted, gp
  MATCH (h:Holding {powerId: granted.id, grantPlaceId: gp})
  RETURN h
}
// BY_TYPE: the body serves the asked place or a place within it, or covers it from above.
WITH place, up, h
WHERE ($grants IS NULL OR h.grantId IN $grants)
  AND (place IS NULL
   OR h.jurisdictionId IS NULL OR place.id IN h.jurisdictionUp OR (h.jurisdictionId IN up AND h.jurisdictionId <> place.id))
WITH collect(h) AS candidates
// The grants still read as they were derived, checked once each.
CALL (candidates) {
  UNWIND candidates AS c
  WITH DISTINCT c.grantId AS grantId, c.provisionId AS provisionId, c.instrumentId AS instrumentId
  MATCH (g:Grant {id: grantId})-[:CONFERRED_BY]->(:Provision {id: provisionId})-[:PART_OF]->(:Instrument {id: instrumentId})
  WHERE g.modality IN ['POWER', 'DUTY', 'PERMISSION']
  RETURN collect(grantId + ' ' + provisionId + ' ' + instrumentId) AS sound
}
UNWIND candidates AS h
WITH h WHERE h.grantId + ' ' + h.provisionId + ' ' + h.instrumentId IN sound
WITH h ORDER BY CASE h.via WHEN 'DIRECT' THEN 0 WHEN 'BY_SUCCESSION' THEN 1 WHEN 'BY_TYPE' THEN 2 ELSE 3 END, h.bodyId, h.grantId,
                size(h.successionIds), h.successionIds, h.powerId, h.typeLevel, h.bodyTypeId, h.jurisdictionId
SKIP toInteger($skip) LIMIT toInteger($rowCap)
MATCH (g:Grant {id: h.grantId})-[:CONFERRED_BY]->(prov:Provision {id: h.provisionId})-[:PART_OF]->(ins:Instrument {id: h.instrumentId})
OPTIONAL MATCH (b:Body {id: h.bodyId}) WHERE NOT h.typeLevel

// The successions from the named body, each with its date and evidence.
WITH h, g, prov, ins, b,
     [i IN range(0, size(h.successionIds) - 2) |
       head([(x:Body {id: h.successionIds[i]})-[s:SUCCEEDED_BY]->(y:Body {id: h.successionIds[i + 1]}) |
         {from: x.id, to: y.id, on: s.on, onLast: s.onLast, how: s.how, citations: s.citations, unsourced: coalesce(s.unsourced, false)}])] AS successions

// BY_DELEGATION: the issuers of the grant's instrument that hold the power themselves (found
// when derived), other than the holder, with the facts of their own grants.
CALL (h) {
  UNWIND range(0, size(h.delegationGrants) - 1) AS i
  WITH h, i
  WHERE NOT h.typeLevel AND h.delegationIssuers[i] <> h.bodyId
  MATCH (issuer:Body {id: h.delegationIssuers[i]})
  MATCH (g1:Grant {id: h.delegationGrants[i]})-[:OF]->(power1:Power)
  MATCH (g1)-[:CONFERRED_BY]->(prov1:Provision)-[:PART_OF]->(ins1:Instrument)
  MATCH (g1)-[:WITHIN]->(gp1:Place)
  WITH i, issuer, g1, power1, prov1, ins1, gp1 ORDER BY i
  RETURN collect({
    issuerId: issuer.id, issuer: {{bodyFacts(issuer)}},
    grantId: g1.id, modality: g1.modality, powerId: power1.id, placeId: gp1.id, note: g1.note, basis: g1.basis,
    law: {{lawFacts(g1, prov1, ins1)}},
    provision: prov1 {.id, .text, .textZh},
    instrument: ins1 {.id, .officialId},
    higher: [p = (ins1)-[:IMPLEMENTS*1..]->(hi:Instrument) | {id: hi.id, depth: length(p), officialId: hi.officialId}]
  }) AS delegations
}

RETURN h.bodyId AS bodyId, h.via AS via,
       g.id AS grantId, g.modality AS modality, g.conditions AS conditions, g.note AS note, g.basis AS basis,
       h.powerId AS powerId, h.grantPlaceId AS grantPlaceId,
       prov {.id, .text, .textZh} AS provision,
       ins {.id, .officialId} AS instrument,
       // The instruments this one implements, nearest first (national measure above a provincial one).
       [p = (ins)-[:IMPLEMENTS*1..]->(hi:Instrument) | {id: hi.id, depth: length(p), officialId: hi.officialId}] AS higher,
       {{lawFacts(g, prov, ins)}} AS law,
       CASE WHEN h.typeLevel THEN null ELSE {{bodyFacts(b)}} END AS body,
       h.bodyTypeId AS bodyTypeId, h.jurisdictionId AS jurisdictionId, h.typeLevel AS typeLevel, successions, delegations,
       // Bodies acting for this one (a contractor under its direction): judged through it.
       CASE WHEN h.typeLevel THEN [] ELSE
         [(agent:Body)-[af:ACTS_FOR]->(b) | {id: agent.id, body: {{bodyFacts(agent)}}, from: af.from, fromLast: af.fromLast,
            to: af.to, toLast: af.toLast, basis: af.basis, citations: af.citations, unsourced: coalesce(af.unsourced, false)}] END AS agents
// The page's order. Ties (a successor reached from two named bodies) by the nearer named body
// first: the succession chain (named body first, this body last) orders as its `from`s would.
ORDER BY CASE h.via WHEN 'DIRECT' THEN 0 WHEN 'BY_SUCCESSION' THEN 1 WHEN 'BY_TYPE' THEN 2 ELSE 3 END, h.bodyId, h.grantId,
         size(h.successionIds), h.successionIds, h.powerId, h.typeLevel, h.bodyTypeId, h.jurisdictionId
