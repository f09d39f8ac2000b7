// whoCan — de jure: which bodies hold a power (or a narrower one) in a place at a date,
// and by which route. Conditions are returned raw; whoCan.ts evaluates them against the
// caller's context. See DOMAIN.md "Semantics of the analyses".
//
// Parameters:
//   $power   id of the asked Power
//   $place   id of the asked Place, or null for anywhere
//   $at      the date D, 'YYYY-MM-DD'
//   $rowCap  most rows to return (the wrapper marks the answer incomplete when reached)
//
// One row per holding (body + via + grant):
//   bodyId, via (DIRECT | BY_TYPE | BY_SUCCESSION | BY_DELEGATION), grantId, modality,
//   conditions (JSON text), note, powerId (the granted power), grantPlaceId,
//   provision {id, text, textZh}, instrument {id, officialId, from, to}, higher [{id, depth, officialId}],
//   bodyTypeId + jurisdictionId (BY_TYPE), successions [{from, to, on, how, citations, unsourced}],
//   delegation {issuerId, grantId, modality, powerId, placeId, note, provision, instrument, higher}
//     (the delegator's own holding, for BY_DELEGATION) or null.
//
// In force at D: the Grant (validFrom/validTo) and its Instrument (effectiveFrom, else
// issuedOn, to effectiveTo). A Body exists at D: validFrom ≤ D ≤ validTo and not
// succeeded on or before D.
WITH date($at) AS d
MATCH (asked:Power {id: $power})
OPTIONAL MATCH (place:Place {id: $place})
// A grant of a narrower power (health-code.assign) answers a question about the broader one.
MATCH (granted:Power)-[:NARROWER_THAN*0..]->(asked)
WITH DISTINCT d, place, granted
MATCH (g:Grant)-[:OF]->(granted)
WHERE g.modality IN ['POWER', 'DUTY', 'PERMISSION']
  AND (g.validFrom IS NULL OR g.validFrom <= d) AND (g.validTo IS NULL OR d <= g.validTo)
MATCH (g)-[:CONFERRED_BY]->(prov:Provision)-[:PART_OF]->(ins:Instrument)
WHERE (coalesce(ins.effectiveFrom, ins.issuedOn) IS NULL OR coalesce(ins.effectiveFrom, ins.issuedOn) <= d)
  AND (ins.effectiveTo IS NULL OR d <= ins.effectiveTo)
// The grant's place must contain the asked place.
MATCH (g)-[:WITHIN]->(gp:Place)
WHERE place IS NULL OR EXISTS { (place)-[:WITHIN*0..]->(gp) }

CALL (g, gp, d, place) {
  // DIRECT: the grant names the body, which exists at D.
  MATCH (g)-[:TO]->(b:Body)
  WHERE (b.validFrom IS NULL OR b.validFrom <= d) AND (b.validTo IS NULL OR d <= b.validTo)
    AND NOT EXISTS { (b)-[s:SUCCEEDED_BY]->() WHERE s.on <= d }
  RETURN b AS body, 'DIRECT' AS via, null AS bodyType, null AS jurisdiction, [] AS successions
  UNION
  // BY_SUCCESSION: the named body was renamed, merged or replaced on or before D; the
  // grant passes along the successions to the body that exists at D.
  MATCH (g)-[:TO]->(named:Body)
  MATCH path = (named)-[:SUCCEEDED_BY*1..]->(b:Body)
  WHERE all(s IN relationships(path) WHERE s.on <= d)
    AND (b.validFrom IS NULL OR b.validFrom <= d) AND (b.validTo IS NULL OR d <= b.validTo)
    AND NOT EXISTS { (b)-[s:SUCCEEDED_BY]->() WHERE s.on <= d }
  RETURN DISTINCT b AS body, 'BY_SUCCESSION' AS via, null AS bodyType, null AS jurisdiction,
         [s IN relationships(path) | {from: startNode(s).id, to: endNode(s).id, on: s.on, how: s.how,
                                      citations: s.citations, unsourced: coalesce(s.unsourced, false)}] AS successions
  UNION
  // BY_TYPE: the grant names a type of body (各级大数据管理部门); the bodies of that type
  // that exist at D, serve a place inside the grant's place, and serve the asked place:
  // either a body of the asked place or below it, or a body above it whose jurisdiction
  // covers it (a provincial bureau is one of "all levels" in a city of its province).
  MATCH (g)-[:TO]->(t:BodyType)<-[:IS_A]-(b:Body)-[:JURISDICTION]->(jp:Place)
  WHERE (b.validFrom IS NULL OR b.validFrom <= d) AND (b.validTo IS NULL OR d <= b.validTo)
    AND NOT EXISTS { (b)-[s:SUCCEEDED_BY]->() WHERE s.on <= d }
    AND EXISTS { (jp)-[:WITHIN*0..]->(gp) }
    AND (place IS NULL OR EXISTS { (jp)-[:WITHIN*0..]->(place) } OR EXISTS { (place)-[:WITHIN*1..]->(jp) })
  RETURN b AS body, 'BY_TYPE' AS via, t AS bodyType, jp AS jurisdiction, [] AS successions
}

// BY_DELEGATION: the grant's instrument was issued by a body that itself holds the power
// (or a broader one) at D under a grant of another instrument, for the grant's place or a
// wider one: that holder passed the power down by a grant of its own. One level deep.
OPTIONAL CALL (g, gp, ins, granted, body, d) {
  MATCH (ins)-[:ISSUED_BY]->(issuer:Body)
  WHERE issuer <> body
    AND (issuer.validFrom IS NULL OR issuer.validFrom <= d) AND (issuer.validTo IS NULL OR d <= issuer.validTo)
    AND NOT EXISTS { (issuer)-[s:SUCCEEDED_BY]->() WHERE s.on <= d }
  MATCH (granted)-[:NARROWER_THAN*0..]->(power1:Power)<-[:OF]-(g1:Grant)-[:CONFERRED_BY]->(prov1:Provision)-[:PART_OF]->(ins1:Instrument),
        (g1)-[:WITHIN]->(gp1:Place)
  WHERE ins1 <> ins
    AND g1.modality IN ['POWER', 'DUTY', 'PERMISSION']
    AND (g1.validFrom IS NULL OR g1.validFrom <= d) AND (g1.validTo IS NULL OR d <= g1.validTo)
    AND (coalesce(ins1.effectiveFrom, ins1.issuedOn) IS NULL OR coalesce(ins1.effectiveFrom, ins1.issuedOn) <= d)
    AND (ins1.effectiveTo IS NULL OR d <= ins1.effectiveTo)
    AND EXISTS { (gp)-[:WITHIN*0..]->(gp1) }
    AND (
      EXISTS { (g1)-[:TO]->(issuer) }
      OR EXISTS { (g1)-[:TO]->(:BodyType)<-[:IS_A]-(issuer)-[:JURISDICTION]->(:Place)-[:WITHIN*0..]->(gp1) }
      OR EXISTS { MATCH p = (g1)-[:TO]->(:Body)-[:SUCCEEDED_BY*1..]->(issuer) WHERE all(s IN relationships(p)[1..] WHERE s.on <= d) }
    )
  RETURN {
    issuerId: issuer.id, grantId: g1.id, modality: g1.modality, powerId: power1.id, placeId: gp1.id, note: g1.note,
    provision: prov1 {.id, .text, .textZh},
    instrument: ins1 {.id, .officialId, from: coalesce(ins1.effectiveFrom, ins1.issuedOn), to: ins1.effectiveTo},
    higher: [p = (ins1)-[:IMPLEMENTS*1..]->(h:Instrument) | {id: h.id, depth: length(p), officialId: h.officialId}]
  } AS delegation
  ORDER BY issuer.id, g1.id
  LIMIT 1
}

RETURN body.id AS bodyId,
       CASE WHEN delegation IS NULL THEN via ELSE 'BY_DELEGATION' END AS via,
       g.id AS grantId, g.modality AS modality, g.conditions AS conditions, g.note AS note,
       granted.id AS powerId, gp.id AS grantPlaceId,
       prov {.id, .text, .textZh} AS provision,
       ins {.id, .officialId, from: coalesce(ins.effectiveFrom, ins.issuedOn), to: ins.effectiveTo} AS instrument,
       // The instruments this one implements, nearest first (national measure above a provincial one).
       [p = (ins)-[:IMPLEMENTS*1..]->(h:Instrument) | {id: h.id, depth: length(p), officialId: h.officialId}] AS higher,
       bodyType.id AS bodyTypeId, jurisdiction.id AS jurisdictionId, successions, delegation
ORDER BY CASE via WHEN 'DIRECT' THEN 0 WHEN 'BY_SUCCESSION' THEN 1 WHEN 'BY_TYPE' THEN 2 ELSE 3 END, bodyId, grantId
LIMIT toInteger($rowCap)
