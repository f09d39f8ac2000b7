// inForceFacts — the dated facts the shared rule of inForce.ts reads, for any nodes by id:
// for the graph, which greys out what is not in force (or does not exist) at a date.
//
// Parameters:
//   $ids  node ids
//
// One row per Grant, Instrument, Provision or Body among them: id, label, and
//   law (Grant: lawFacts), instrument (Instrument, Provision: {instrument, changes}),
//   body (Body: bodyFacts).
UNWIND $ids AS id
MATCH (n {id: id})
WHERE n:Grant OR n:Instrument OR n:Provision OR n:Body
CALL (n) {
  MATCH (n:Grant)-[:CONFERRED_BY]->(prov:Provision)-[:PART_OF]->(ins:Instrument)
  RETURN 'Grant' AS label, {{lawFacts(n, prov, ins)}} AS law, null AS instrument, null AS body
  UNION
  MATCH (n:Instrument)
  RETURN 'Instrument' AS label, null AS law, {{instrumentFacts(n)}} AS instrument, null AS body
  UNION
  MATCH (n:Provision)-[:PART_OF]->(ins:Instrument)
  RETURN 'Provision' AS label, null AS law, {{provisionFacts(n, ins)}} AS instrument, null AS body
  UNION
  MATCH (n:Body)
  RETURN 'Body' AS label, null AS law, null AS instrument, {{bodyFacts(n)}} AS body
}
RETURN n.id AS id, label, law, instrument, body
