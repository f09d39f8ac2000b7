// explainMissingLink — when a body does not hold a power at a date (whoCan found no
// holding), the facts from which explain.ts picks the nearest missing link: does the body
// exist, which grants reach it and how each one fails (dates, place), the bodies it is a
// part of, whether the power is granted to anyone at all, and what was said about it.
//
// Parameters:
//   $body   id of the Body
//   $power  id of the Power (grants of narrower powers count)
//   $place  id of the Place the body must hold it for, or null
//
// One row:
//   bodyFacts (inForce.ts), validFrom(Last), validTo(Last)
//   successors [{id, body (bodyFacts), steps [{from, to, on, onLast, how, citations, unsourced}]}], nearest first
//   candidates [{grantId, route: DIRECT | BY_TYPE | BY_SUCCESSION, grantPlaceId, bodyTypeId,
//                modality, conditions, note, basis, powerId, provision, instrument, higher,
//                law (lawFacts), instrumentId, placeOk, jurisdictionOk, successions [{on, onLast}]}]
// No date is asked: every fact is read whatever its dates, and explain.ts judges them at the
// date by the shared rule of inForce.ts.
//   prohibitions [{id, law}]  prohibitions (explain.ts keeps those in force) of the power that name the body, its type, or no one
//   ancestors [{id, depth}]  bodies it is PART_OF, nearest first
//   grantedAnywhere          number of POWER/DUTY/PERMISSION grants of the power at any date
//   statements [{id, stance, saidByBody, namesBody}]  statements about the power by or naming the body, by id
MATCH (b:Body {id: $body})
MATCH (asked:Power {id: $power})
OPTIONAL MATCH (place:Place {id: $place})
WITH b, asked, place, {{bodyFacts(b)}} AS bodyFacts
// The bodies that carry on after it, each with the succession steps to it (explain.ts keeps
// the last one whose steps took place by D, by the shared rule).
CALL (b) {
  OPTIONAL MATCH path = (b)-[:SUCCEEDED_BY*1..]->(next:Body)
  WITH next, path ORDER BY length(path)
  RETURN [x IN collect(CASE WHEN next IS NULL THEN null ELSE {id: next.id, body: {{bodyFacts(next)}},
          steps: [s IN relationships(path) | {from: startNode(s).id, to: endNode(s).id, on: s.on, onLast: s.onLast, how: s.how,
                                              citations: s.citations, unsourced: coalesce(s.unsourced, false)}]} END) WHERE x IS NOT NULL] AS successors
}
// Every non-prohibition grant of the power or a narrower one that reaches this body, at any date.
// Read from the body (the grants to it, to a predecessor, to its type), not from every grant of
// the power in the country; ordered by grant and route so that equals are picked alike.
CALL (b, asked, place) {
  CALL (b) {
    MATCH (g:Grant)-[:TO]->(b)
    RETURN g, 'DIRECT' AS route, null AS bodyTypeId, [] AS successionOn, true AS jurisdictionOk
    UNION
    // A grant to a predecessor: it reaches this body when the successions have happened.
    MATCH path = (g:Grant)-[:TO]->(:Body)-[:SUCCEEDED_BY*1..]->(b)
    RETURN g, 'BY_SUCCESSION' AS route, null AS bodyTypeId,
           [s IN relationships(path)[1..] | {on: s.on, onLast: s.onLast}] AS successionOn,
           true AS jurisdictionOk
    UNION
    MATCH (b)-[:IS_A]->(t:BodyType)<-[:TO]-(g:Grant)
    RETURN g, 'BY_TYPE' AS route, t.id AS bodyTypeId, [] AS successionOn,
           // A type-level grant reaches only the bodies of that type serving a place inside the grant's place.
           EXISTS { (b)-[:JURISDICTION]->(:Place)-[:WITHIN*0..]->(:Place)<-[:WITHIN]-(g) } AS jurisdictionOk
  }
  WITH * WHERE g.modality IN ['POWER', 'DUTY', 'PERMISSION']
  MATCH (g)-[:OF]->(granted:Power)-[:NARROWER_THAN*0..]->(asked)
  MATCH (g)-[:CONFERRED_BY]->(prov:Provision)-[:PART_OF]->(ins:Instrument), (g)-[:WITHIN]->(gp:Place)
  WITH * ORDER BY g.id, route
  RETURN collect({
    grantId: g.id, route: route, grantPlaceId: gp.id, bodyTypeId: bodyTypeId,
    modality: g.modality, conditions: g.conditions, note: g.note, basis: g.basis, powerId: granted.id,
    provision: prov {.id, .text, .textZh}, instrument: ins {.id, .officialId},
    higher: [p = (ins)-[:IMPLEMENTS*1..]->(h:Instrument) | {id: h.id, depth: length(p), officialId: h.officialId}],
    law: {{lawFacts(g, prov, ins)}}, instrumentId: ins.id,
    placeOk: place IS NULL OR EXISTS { (place)-[:WITHIN*0..]->(gp) },
    jurisdictionOk: jurisdictionOk AND (route <> 'BY_TYPE' OR place IS NULL
      OR EXISTS { (b)-[:JURISDICTION]->(jp:Place) WHERE EXISTS { (jp)-[:WITHIN*0..]->(place) } OR EXISTS { (place)-[:WITHIN*1..]->(jp) } }),
    successions: successionOn
  }) AS candidates
}
RETURN bodyFacts, b.validFrom AS validFrom, b.validFromLast AS validFromLast, b.validTo AS validTo, b.validToLast AS validToLast,
       successors, candidates,
       [(asked)<-[:NARROWER_THAN*0..]-(:Power)<-[:OF]-(g:Grant {modality: 'PROHIBITION'})-[:CONFERRED_BY]->(pp:Provision)-[:PART_OF]->(pi:Instrument)
          WHERE NOT EXISTS { (g)-[:TO]->() } OR EXISTS { (g)-[:TO]->(b) } OR EXISTS { (g)-[:TO]->(:BodyType)<-[:IS_A]-(b) }
          | {id: g.id, law: {{lawFacts(g, pp, pi)}}}] AS prohibitions,
       [p = (b)-[:PART_OF*1..]->(parent:Body) | {id: parent.id, depth: length(p)}] AS ancestors,
       COUNT { (asked)<-[:NARROWER_THAN*0..]-(:Power)<-[:OF]-(g:Grant) WHERE g.modality IN ['POWER', 'DUTY', 'PERMISSION'] } AS grantedAnywhere,
       // Read from the body: the statements about the power number in the hundreds of thousands at
       // national scale, those by or naming one body a few.
       COLLECT {
         MATCH (b)<-[:SAID_BY|NAMES]-(s:Statement)
         WHERE EXISTS { (s)-[:ABOUT]->(:Power)-[:NARROWER_THAN*0..]->(asked) }
         WITH DISTINCT s ORDER BY s.id
         RETURN {id: s.id, stance: s.stance, saidByBody: EXISTS { (s)-[:SAID_BY]->(b) }, namesBody: EXISTS { (s)-[:NAMES]->(b) }}
       } AS statements
