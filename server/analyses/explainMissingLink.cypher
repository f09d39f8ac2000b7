// explainMissingLink — when a body does not hold a power at a date (whoCan found no
// holding), the facts from which explain.ts picks the nearest missing link: does the body
// exist, which grants reach it and how each one fails (dates, place), the bodies it is a
// part of, whether the power is granted to anyone at all, and what was said about it.
//
// Parameters:
//   $body   id of the Body
//   $power  id of the Power (grants of narrower powers count)
//   $place  id of the Place the body must hold it for, or null
//   $at     the date D, 'YYYY-MM-DD'
//
// One row:
//   exists, validFrom, validTo
//   successor {id, on, how} — the body that took over by D (end of the SUCCEEDED_BY chain), or null
//   candidates [{grantId, route: DIRECT | BY_TYPE | BY_SUCCESSION, grantPlaceId, bodyTypeId,
//                grantFrom, grantTo, instrumentId, instrumentFrom, instrumentTo,
//                placeOk, jurisdictionOk, successionOn}]
//   prohibitions [grantId]   in-force prohibitions of the power that name the body, its type, or no one
//   ancestors [{id, depth}]  bodies it is PART_OF, nearest first
//   grantedAnywhere          number of POWER/DUTY/PERMISSION grants of the power at any date
//   statements [{id, stance, saidByBody, namesBody}]  statements about the power by or naming the body
WITH date($at) AS d
MATCH (b:Body {id: $body})
MATCH (asked:Power {id: $power})
OPTIONAL MATCH (place:Place {id: $place})
WITH d, b, asked, place,
     (b.validFrom IS NULL OR b.validFrom <= d) AND (b.validTo IS NULL OR d <= b.validTo)
       AND NOT EXISTS { (b)-[s:SUCCEEDED_BY]->() WHERE s.on <= d } AS exists
// The body that carries on after it: the last of its successions on or before D.
OPTIONAL CALL (b, d) {
  MATCH path = (b)-[:SUCCEEDED_BY*1..]->(next:Body)
  WHERE all(s IN relationships(path) WHERE s.on <= d)
  WITH next, last(relationships(path)) AS s, length(path) AS hops
  ORDER BY hops DESC
  LIMIT 1
  RETURN {id: next.id, on: s.on, how: s.how} AS successor
}
// Every non-prohibition grant of the power or a narrower one that reaches this body, at any date.
CALL (b, d, asked, place) {
  MATCH (granted:Power)-[:NARROWER_THAN*0..]->(asked)
  MATCH (g:Grant)-[:OF]->(granted)
  WHERE g.modality IN ['POWER', 'DUTY', 'PERMISSION']
  MATCH (g)-[:CONFERRED_BY]->(:Provision)-[:PART_OF]->(ins:Instrument), (g)-[:WITHIN]->(gp:Place)
  CALL (g, b) {
    MATCH (g)-[:TO]->(b)
    RETURN 'DIRECT' AS route, null AS bodyTypeId, null AS successionOn, true AS jurisdictionOk
    UNION
    // A grant to a predecessor: it reaches this body when the successions have happened.
    MATCH path = (g)-[:TO]->(:Body)-[:SUCCEEDED_BY*1..]->(b)
    RETURN 'BY_SUCCESSION' AS route, null AS bodyTypeId,
           reduce(latest = null, s IN relationships(path)[1..] | CASE WHEN latest IS NULL OR s.on > latest THEN s.on ELSE latest END) AS successionOn,
           true AS jurisdictionOk
    UNION
    MATCH (g)-[:TO]->(t:BodyType)<-[:IS_A]-(b)
    RETURN 'BY_TYPE' AS route, t.id AS bodyTypeId, null AS successionOn,
           // A type-level grant reaches only the bodies of that type serving a place inside the grant's place.
           EXISTS { (b)-[:JURISDICTION]->(:Place)-[:WITHIN*0..]->(:Place)<-[:WITHIN]-(g) } AS jurisdictionOk
  }
  RETURN collect({
    grantId: g.id, route: route, grantPlaceId: gp.id, bodyTypeId: bodyTypeId,
    grantFrom: g.validFrom, grantTo: g.validTo,
    instrumentId: ins.id, instrumentFrom: coalesce(ins.effectiveFrom, ins.issuedOn), instrumentTo: ins.effectiveTo,
    placeOk: place IS NULL OR EXISTS { (place)-[:WITHIN*0..]->(gp) },
    jurisdictionOk: jurisdictionOk AND (route <> 'BY_TYPE' OR place IS NULL
      OR EXISTS { (b)-[:JURISDICTION]->(jp:Place) WHERE EXISTS { (jp)-[:WITHIN*0..]->(place) } OR EXISTS { (place)-[:WITHIN*1..]->(jp) } }),
    successionOn: successionOn
  }) AS candidates
}
RETURN exists, b.validFrom AS validFrom, b.validTo AS validTo, successor, candidates,
       [(asked)<-[:NARROWER_THAN*0..]-(:Power)<-[:OF]-(g:Grant {modality: 'PROHIBITION'})
          WHERE (g.validFrom IS NULL OR g.validFrom <= d) AND (g.validTo IS NULL OR d <= g.validTo)
            AND (NOT EXISTS { (g)-[:TO]->() } OR EXISTS { (g)-[:TO]->(b) } OR EXISTS { (g)-[:TO]->(:BodyType)<-[:IS_A]-(b) })
          | g.id] AS prohibitions,
       [p = (b)-[:PART_OF*1..]->(parent:Body) | {id: parent.id, depth: length(p)}] AS ancestors,
       COUNT { (asked)<-[:NARROWER_THAN*0..]-(:Power)<-[:OF]-(g:Grant) WHERE g.modality IN ['POWER', 'DUTY', 'PERMISSION'] } AS grantedAnywhere,
       [(s:Statement)-[:ABOUT]->(:Power)-[:NARROWER_THAN*0..]->(asked)
          WHERE EXISTS { (s)-[:SAID_BY]->(b) } OR EXISTS { (s)-[:NAMES]->(b) }
          | {id: s.id, stance: s.stance, saidByBody: EXISTS { (s)-[:SAID_BY]->(b) }, namesBody: EXISTS { (s)-[:NAMES]->(b) }}] AS statements
