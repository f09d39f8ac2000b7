// The live derivation of whoCan, kept as the reference ("oracle") of the differential test
// (test/derive/*.test.ts): server/analyses/whoCan.cypher reads the same rows from the derived
// layer (server/derive/). This is the query whoCan ran before that layer, expanding the raw
// graph at every question; nothing in server/ runs it.
//
// whoCan — de jure: which bodies hold a power (or a narrower one) in a place at a date,
// and by which route. Conditions are returned raw; whoCan.ts evaluates them against the
// caller's context. See docs/analyses.md "Who can".
//
// Parameters:
//   $power   id of the asked Power
//   $place   id of the asked Place, or null for anywhere
//   $at      the date D, 'YYYY-MM-DD' (unused here: dates are judged in whoCan.ts)
//   $rowCap  most rows to return (the wrapper marks the answer incomplete when reached)
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
WITH $at AS at
MATCH (asked:Power {id: $power})
OPTIONAL MATCH (place:Place {id: $place})
// A grant of a narrower power (health-code.assign) answers a question about the broader one.
MATCH (granted:Power)-[:NARROWER_THAN*0..]->(asked)
WITH DISTINCT place, granted
MATCH (g:Grant)-[:OF]->(granted)
WHERE g.modality IN ['POWER', 'DUTY', 'PERMISSION']
MATCH (g)-[:CONFERRED_BY]->(prov:Provision)-[:PART_OF]->(ins:Instrument)
// The grant's place must contain the asked place.
MATCH (g)-[:WITHIN]->(gp:Place)
WHERE place IS NULL OR EXISTS { (place)-[:WITHIN*0..]->(gp) }

CALL (g, gp, place) {
  // DIRECT: the grant names the body.
  MATCH (g)-[:TO]->(b:Body)
  RETURN b AS body, 'DIRECT' AS via, null AS bodyType, null AS jurisdiction, [] AS successions, false AS typeLevel
  UNION
  // BY_SUCCESSION: the named body was renamed, merged or replaced; the grant passes along
  // the successions (those that happened by D) to the body that exists at D.
  MATCH (g)-[:TO]->(named:Body)
  MATCH path = (named)-[:SUCCEEDED_BY*1..]->(b:Body)
  RETURN b AS body, 'BY_SUCCESSION' AS via, null AS bodyType, null AS jurisdiction,
         [s IN relationships(path) | {from: startNode(s).id, to: endNode(s).id, on: s.on, onLast: s.onLast, how: s.how,
                                      citations: s.citations, unsourced: coalesce(s.unsourced, false)}] AS successions, false AS typeLevel
  UNION
  // BY_TYPE: the grant names a type of body (各级大数据管理部门); the bodies of that type
  // that serve a place inside the grant's place, and serve the asked place: either a body of
  // the asked place or below it, or a body above it whose jurisdiction covers it (a
  // provincial bureau is one of "all levels" in a city of its province).
  MATCH (g)-[:TO]->(t:BodyType)<-[:IS_A]-(b:Body)-[:JURISDICTION]->(jp:Place)
  WHERE EXISTS { (jp)-[:WITHIN*0..]->(gp) }
    AND (place IS NULL OR EXISTS { (jp)-[:WITHIN*0..]->(place) } OR EXISTS { (place)-[:WITHIN*1..]->(jp) })
  RETURN b AS body, 'BY_TYPE' AS via, t AS bodyType, jp AS jurisdiction, [] AS successions, false AS typeLevel
  UNION
  // The type itself: the rule names a holder even where the case records no body of it.
  MATCH (g)-[:TO]->(t:BodyType)
  RETURN t AS body, 'BY_TYPE' AS via, t AS bodyType, null AS jurisdiction, [] AS successions, true AS typeLevel
}

// BY_DELEGATION: the grant's instrument was issued by a body that itself holds the power
// (or a broader one) under a grant of another instrument, for the grant's place or a wider
// one: that holder passed the power down by a grant of its own. One level deep.
CALL (g, gp, ins, granted, body, typeLevel) {
  OPTIONAL MATCH (ins)-[:ISSUED_BY]->(issuer:Body)
  WHERE issuer <> body AND NOT typeLevel
  OPTIONAL MATCH (granted)-[:NARROWER_THAN*0..]->(power1:Power)<-[:OF]-(g1:Grant)-[:CONFERRED_BY]->(prov1:Provision)-[:PART_OF]->(ins1:Instrument),
        (g1)-[:WITHIN]->(gp1:Place)
  WHERE ins1 <> ins
    AND g1.modality IN ['POWER', 'DUTY', 'PERMISSION']
    AND EXISTS { (gp)-[:WITHIN*0..]->(gp1) }
    AND (
      EXISTS { (g1)-[:TO]->(issuer) }
      OR EXISTS { (g1)-[:TO]->(:BodyType)<-[:IS_A]-(issuer)-[:JURISDICTION]->(:Place)-[:WITHIN*0..]->(gp1) }
      OR EXISTS { (g1)-[:TO]->(:Body)-[:SUCCEEDED_BY*1..]->(issuer) }
    )
  WITH issuer, power1, g1, prov1, ins1, gp1 ORDER BY issuer.id, g1.id
  RETURN [x IN collect(CASE WHEN g1 IS NULL THEN null ELSE {
    issuerId: issuer.id, issuer: {{bodyFacts(issuer)}},
    grantId: g1.id, modality: g1.modality, powerId: power1.id, placeId: gp1.id, note: g1.note, basis: g1.basis,
    law: {{lawFacts(g1, prov1, ins1)}},
    provision: prov1 {.id, .text, .textZh},
    instrument: ins1 {.id, .officialId},
    higher: [p = (ins1)-[:IMPLEMENTS*1..]->(h:Instrument) | {id: h.id, depth: length(p), officialId: h.officialId}]
  } END) WHERE x IS NOT NULL] AS delegations
}

RETURN body.id AS bodyId, via,
       g.id AS grantId, g.modality AS modality, g.conditions AS conditions, g.note AS note, g.basis AS basis,
       granted.id AS powerId, gp.id AS grantPlaceId,
       prov {.id, .text, .textZh} AS provision,
       ins {.id, .officialId} AS instrument,
       // The instruments this one implements, nearest first (national measure above a provincial one).
       [p = (ins)-[:IMPLEMENTS*1..]->(h:Instrument) | {id: h.id, depth: length(p), officialId: h.officialId}] AS higher,
       {{lawFacts(g, prov, ins)}} AS law,
       CASE WHEN typeLevel THEN null ELSE {{bodyFacts(body)}} END AS body,
       bodyType.id AS bodyTypeId, jurisdiction.id AS jurisdictionId, typeLevel, successions, delegations,
       // Bodies acting for this one (a contractor under its direction): judged through it.
       CASE WHEN typeLevel THEN [] ELSE
         [(agent:Body)-[af:ACTS_FOR]->(body) | {id: agent.id, body: {{bodyFacts(agent)}}, from: af.from, fromLast: af.fromLast,
            to: af.to, toLast: af.toLast, basis: af.basis, citations: af.citations, unsourced: coalesce(af.unsourced, false)}] END AS agents
// Ties (a successor reached from two named bodies) by the nearer named body first.
ORDER BY CASE via WHEN 'DIRECT' THEN 0 WHEN 'BY_SUCCESSION' THEN 1 WHEN 'BY_TYPE' THEN 2 ELSE 3 END, bodyId, grantId,
         size(successions), [s IN successions | s.from], powerId, typeLevel
LIMIT toInteger($rowCap)
