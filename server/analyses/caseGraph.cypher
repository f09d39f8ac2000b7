// caseGraph — everything of a case, for drawing: the nodes that belong to it (IN_CASE) and
// their outgoing relationships, with the node at the other end (which may be shared
// vocabulary, a Place or a Power, that the case points at without owning).
//
// Parameters:
//   $case  id of the Case
//   $hide  relationship types left out of the drawing (EVIDENCED_BY and IN_CASE by default)
//
// One row per node of the case, by id:
//   node   {id, labels, props, instrument, parent} (as in neighborhood.cypher)
//   edges  [{type, from, to, props, node}]: outgoing relationships and the node they reach
MATCH (:Case {id: $case})<-[:IN_CASE]-(n)
WITH n ORDER BY n.id
RETURN {id: n.id, labels: labels(n), props: properties(n),
        instrument: head([(n)-[:CONFERRED_BY|PART_OF*1..2]->(i:Instrument) | i {.issuedOn, .effectiveFrom, .effectiveTo}]),
        parent: head([(n:Body)-[:PART_OF]->(p:Body) | p.id])} AS node,
       [(n)-[r]->(m) WHERE NOT type(r) IN $hide AND m.id IS NOT NULL | {
         type: type(r), from: n.id, to: m.id, props: properties(r),
         node: {id: m.id, labels: labels(m), props: properties(m),
                instrument: head([(m)-[:CONFERRED_BY|PART_OF*1..2]->(i:Instrument) | i {.issuedOn, .effectiveFrom, .effectiveTo}]),
                parent: head([(m:Body)-[:PART_OF]->(p:Body) | p.id])}
       }] AS edges
