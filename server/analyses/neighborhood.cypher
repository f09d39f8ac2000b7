// neighborhood — one step out from a set of nodes: every relationship that touches them
// (either direction) and the node at its other end. graph.ts calls it once per level of
// depth (a level-by-level walk touches each relationship once, where a variable-length
// pattern would enumerate every path), and once more to draw the edges among the last ring.
//
// Parameters:
//   $byLabel {label: [id, ...]} for each label of the model: the nodes to step out from, each id in
//            its label's list when the caller knows it (one index seek), else in every list
//   $hide    relationship types left out of the drawing (EVIDENCED_BY and IN_CASE by default)
//   $within  null to reach any neighbour, or the ids the other end must be among
//
// One row per relationship (one row with edge and node null for a node with none):
//   origin  the node stepped out from
//   edge    {type, from, to, props}: from/to are node ids as stored (direction kept)
//   node    the other end
// Nodes are {id, labels, props, instrument, parent}: instrument holds the dates of the
// Instrument a Grant or Provision belongs to, parent the Body a Body is PART_OF.
// Ids are unique per label (migrations): an index seek per id and label, where a label-less
// `MATCH (n) WHERE n.id IN $ids` scans every node (a million actions at scale 1).
CALL () {
  UNWIND $byLabel.Body AS id MATCH (n:Body {id: id}) RETURN n
  UNION UNWIND $byLabel.Person AS id MATCH (n:Person {id: id}) RETURN n
  UNION UNWIND $byLabel.Place AS id MATCH (n:Place {id: id}) RETURN n
  UNION UNWIND $byLabel.BodyType AS id MATCH (n:BodyType {id: id}) RETURN n
  UNION UNWIND $byLabel.Power AS id MATCH (n:Power {id: id}) RETURN n
  UNION UNWIND $byLabel.Instrument AS id MATCH (n:Instrument {id: id}) RETURN n
  UNION UNWIND $byLabel.Provision AS id MATCH (n:Provision {id: id}) RETURN n
  UNION UNWIND $byLabel.Grant AS id MATCH (n:Grant {id: id}) RETURN n
  UNION UNWIND $byLabel.Action AS id MATCH (n:Action {id: id}) RETURN n
  UNION UNWIND $byLabel.Statement AS id MATCH (n:Statement {id: id}) RETURN n
  UNION UNWIND $byLabel.Group AS id MATCH (n:Group {id: id}) RETURN n
  UNION UNWIND $byLabel.Source AS id MATCH (n:Source {id: id}) RETURN n
  UNION UNWIND $byLabel.Case AS id MATCH (n:Case {id: id}) RETURN n
  UNION UNWIND $byLabel.Term AS id MATCH (n:Term {id: id}) RETURN n
}
WITH DISTINCT n
OPTIONAL MATCH (n)-[r]-(m)
WHERE NOT type(r) IN $hide AND m.id IS NOT NULL AND ($within IS NULL OR m.id IN $within)
RETURN DISTINCT
       {id: n.id, labels: labels(n), props: properties(n),
        instrument: head([(n)-[:CONFERRED_BY|PART_OF*1..2]->(i:Instrument) | i {.issuedOn, .effectiveFrom, .effectiveTo}]),
        parent: head([(n:Body)-[:PART_OF]->(p:Body) | p.id])} AS origin,
       CASE WHEN r IS NOT NULL THEN {type: type(r), from: startNode(r).id, to: endNode(r).id, props: properties(r)} END AS edge,
       CASE WHEN m IS NOT NULL THEN
         {id: m.id, labels: labels(m), props: properties(m),
          instrument: head([(m)-[:CONFERRED_BY|PART_OF*1..2]->(i:Instrument) | i {.issuedOn, .effectiveFrom, .effectiveTo}]),
          parent: head([(m:Body)-[:PART_OF]->(p:Body) | p.id])} END AS node
ORDER BY origin.id, edge.type, edge.from, edge.to
