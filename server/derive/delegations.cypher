// delegations — the second step of affected.cypher: a grant's holdings record which issuers
// of its instrument hold the power themselves (BY_DELEGATION), so when what a body holds may
// change (a grant to it, to its type or to a predecessor changed; the body itself changed),
// the grants of the instruments it (or a successor of it) issued are derived again.
//
// Parameters:
//   $grants  ids of grants whose holders may have changed
//   $bodies  ids of bodies that changed
//
// One row: grants (ids) of the instruments those holders issued.
CALL () {
  UNWIND $grants AS grantId
  MATCH (:Grant {id: grantId})-[:TO]->(x)
  CALL (x) {
    MATCH (x:Body)-[:SUCCEEDED_BY*0..]->(issuer:Body)
    RETURN issuer
    UNION
    MATCH (x:BodyType)<-[:IS_A]-(issuer:Body)
    RETURN issuer
  }
  RETURN issuer
  UNION
  UNWIND $bodies AS bodyId
  MATCH (:Body {id: bodyId})-[:SUCCEEDED_BY*0..]->(issuer:Body)
  RETURN issuer
}
WITH DISTINCT issuer
MATCH (issuer)<-[:ISSUED_BY]-(:Instrument)<-[:PART_OF]-(:Provision)<-[:CONFERRED_BY]-(g:Grant)
RETURN collect(DISTINCT g.id) AS grants
