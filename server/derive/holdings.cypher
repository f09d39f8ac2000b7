// holdings — the derived layer (docs/analyses.md, "Derived holdings"): for each grant in
// $grants, every candidate holding at ANY date, as whoCan needs it, written as one
// (:Holding) node each. Only the graph expansion is done here (who the grant reaches by
// name, by succession, by type and place, and which issuers could have delegated it); the
// dated facts are read again by id when a question is asked, and judged by inForce.ts.
//
// Parameters:
//   $grants  ids of the grants to derive (their old holdings are deleted by the caller)
//
// One (:Holding) per grant × granted power × body (or type) × route, with:
//   grantId, powerId, grantPlaceId, provisionId, instrumentId   the grant and where it is read from
//   bodyId, via (DIRECT | BY_SUCCESSION | BY_TYPE), typeLevel   who holds it and how
//   successionIds   the named body, then each successor up to bodyId (BY_SUCCESSION)
//   bodyTypeId, jurisdictionId, jurisdictionUp   BY_TYPE: the type, the body's place, and the
//                   places from it up to the grant's place (for "serves the asked place")
//   delegationIssuers, delegationGrants   the issuers of the grant's instrument that hold the
//                   power (or a broader one) under a grant of another instrument, pairwise
//                   with that grant, ordered by issuer then grant (BY_DELEGATION is judged on D)
UNWIND $grants AS grantId
MATCH (g:Grant {id: grantId})-[:OF]->(granted:Power)
WHERE g.modality IN ['POWER', 'DUTY', 'PERMISSION']
MATCH (g)-[:CONFERRED_BY]->(prov:Provision)-[:PART_OF]->(ins:Instrument)
MATCH (g)-[:WITHIN]->(gp:Place)

// The delegation search, once per grant (it does not depend on the holder but for the
// issuer being the holder itself, which is left to the question). It starts from the places
// at or above the grant's place, which are few, and reads the grants within each.
//
// Why the patterns below name no label on the nodes they reach (the labels are checked after):
// an import's first derive is planned inside its switch-over, where the statistics still say
// the database has no grants, places or bodies (its nodes are staged under other labels until
// that transaction commits). With a label, the planner then starts from an index or a label
// scan it believes empty, e.g. every grant by modality for each place, and the derive grows
// with the square of the case (most of an hour at a million actions). Without one, the only
// start is the node already in hand.
CALL (g, gp, ins, granted) {
  OPTIONAL MATCH (ins)-[:ISSUED_BY]->(issuer:Body)
  CALL (gp, ins, granted, issuer) {
    MATCH (gp)-[:WITHIN*0..]->(up)
    WITH DISTINCT up AS gp1
    WHERE gp1:Place
    CALL (gp1) {
      MATCH (gp1)<-[:WITHIN]-(within)
      RETURN within AS g1
    }
    WITH gp1, g1
    WHERE g1:Grant AND g1.modality IN ['POWER', 'DUTY', 'PERMISSION']
    MATCH (g1)-[:OF]->(p1:Power)
    MATCH (granted)-[:NARROWER_THAN*0..]->(p1)
    MATCH (g1)-[:CONFERRED_BY]->(:Provision)-[:PART_OF]->(ins1:Instrument)
    WHERE ins1 <> ins
      AND (
        EXISTS { (g1)-[:TO]->(issuer) }
        OR EXISTS { (issuer)-[:IS_A]->(:BodyType)<-[:TO]-(g1) WHERE EXISTS { (issuer)-[:JURISDICTION]->(:Place)-[:WITHIN*0..]->(gp1) } }
        OR EXISTS { (g1)-[:TO]->(:Body)-[:SUCCEEDED_BY*1..]->(issuer) }
      )
    RETURN g1
  }
  WITH issuer, g1 ORDER BY issuer.id, g1.id
  WITH collect(CASE WHEN g1 IS NULL THEN null ELSE [issuer.id, g1.id] END) AS pairs
  RETURN [p IN pairs | p[0]] AS delegationIssuers, [p IN pairs | p[1]] AS delegationGrants
}

CALL (g, gp) {
  // DIRECT: the grant names the body.
  MATCH (g)-[:TO]->(b:Body)
  RETURN b.id AS bodyId, 'DIRECT' AS via, null AS bodyTypeId, null AS jurisdictionId, [] AS jurisdictionUp,
         [] AS successionIds, false AS typeLevel
  UNION
  // BY_SUCCESSION: every successor of a named body (which ones had taken over by D is judged on D).
  MATCH (g)-[:TO]->(named:Body)
  MATCH path = (named)-[:SUCCEEDED_BY*1..]->(b:Body)
  RETURN b.id AS bodyId, 'BY_SUCCESSION' AS via, null AS bodyTypeId, null AS jurisdictionId, [] AS jurisdictionUp,
         [n IN nodes(path) | n.id] AS successionIds, false AS typeLevel
  UNION
  // BY_TYPE: the bodies of the named type serving a place inside the grant's place, read
  // down from that place (from the type, every body of it in the country would be read).
  MATCH (g)-[:TO]->(t:BodyType)
  MATCH down = (gp)<-[:WITHIN*0..]-(jp)
  MATCH (jp)<-[:JURISDICTION]-(b)
  WITH t, down, jp, b
  WHERE jp:Place AND b:Body AND EXISTS { (b)-[:IS_A]->(t) }
  RETURN b.id AS bodyId, 'BY_TYPE' AS via, t.id AS bodyTypeId, jp.id AS jurisdictionId, reverse([n IN nodes(down) | n.id]) AS jurisdictionUp,
         [] AS successionIds, false AS typeLevel
  UNION
  // The type itself, for when no body of it answers.
  MATCH (g)-[:TO]->(t:BodyType)
  RETURN t.id AS bodyId, 'BY_TYPE' AS via, t.id AS bodyTypeId, null AS jurisdictionId, [] AS jurisdictionUp,
         [] AS successionIds, true AS typeLevel
}
CREATE (h:Holding {
  grantId: g.id, powerId: granted.id, grantPlaceId: gp.id, provisionId: prov.id, instrumentId: ins.id,
  bodyId: bodyId, via: via, typeLevel: typeLevel, bodyTypeId: bodyTypeId, jurisdictionId: jurisdictionId,
  jurisdictionUp: jurisdictionUp, successionIds: successionIds,
  delegationIssuers: delegationIssuers, delegationGrants: delegationGrants
})
RETURN count(h) AS holdings
