// affected — the grants whose derived holdings (holdings.cypher) may change when the nodes
// $ids change, are added or go: every grant whose expansion reads one of them or one of
// their outgoing relationships (an import rewrites a node with its outgoing relationships,
// so a changed relationship is always seen through its start node). Run on the graph before
// an import's switch-over (what the old relationships reached) and after it (the new ones).
//
// Parameters:
//   $ids  ids of the nodes an import creates, changes or drops (any label)
//
// One row: grants (ids), and sources: the grants among them (and of changed bodies' powers)
// whose holders may issue instruments, for the second step (delegations.cypher).
UNWIND $ids AS id
CALL (id) {
  // The grant itself.
  MATCH (g:Grant {id: id})
  RETURN g
  UNION
  // The provision or instrument it is read from (and who issued that).
  MATCH (g:Grant)-[:CONFERRED_BY]->(:Provision {id: id})
  RETURN g
  UNION
  MATCH (g:Grant)-[:CONFERRED_BY]->(:Provision)-[:PART_OF]->(:Instrument {id: id})
  RETURN g
  UNION
  // A body it names, or one along the successions from a body it names.
  MATCH (g:Grant)-[:TO]->(:Body)-[:SUCCEEDED_BY*0..]->(:Body {id: id})
  RETURN g
  UNION
  // A body of a type it names, or the type.
  MATCH (:Body {id: id})-[:IS_A]->(:BodyType)<-[:TO]-(g:Grant)
  RETURN g
  UNION
  MATCH (g:Grant)-[:TO]->(:BodyType {id: id})
  RETURN g
  UNION
  // A place above or below its place (containment of jurisdictions and of grants' places).
  MATCH (p:Place {id: id})
  MATCH (g:Grant)-[:WITHIN]->(gp:Place)
  WHERE EXISTS { (p)-[:WITHIN*0..]->(gp) } OR EXISTS { (gp)-[:WITHIN*1..]->(p) }
  RETURN g
  UNION
  // A power it grants, or one above it (the powers a delegating grant may confer).
  MATCH (g:Grant)-[:OF]->(:Power)-[:NARROWER_THAN*0..]->(:Power {id: id})
  RETURN g
}
RETURN collect(DISTINCT g.id) AS grants
