// timeline — the dated events of a case: actions, statements, instruments issued / in force
// / ended, bodies created, renamed or succeeded (SUCCEEDED_BY.on) and dissolved, sources
// published. A body's validFrom that is the day it succeeded another is told once, as the
// succession; a validTo followed by a successor likewise.
//
// Parameters:
//   $case  id of the Case
//
// One row per event, in date order (then by kind, then id); an event known only to the month
// or year sorts at its first day:
//   kind, date, endDate (first days), datePrecision, endPrecision ('MONTH'/'YEAR' or null), id
//   docType (instruments issued)
//   saidBy, about, names  ids (statements only), successor and how (successions only)
//   citations, unsourced  of the SUCCEEDED_BY relation (successions only)
MATCH (c:Case {id: $case})
CALL (c) {
  MATCH (a:Action)-[:IN_CASE]->(c)
  RETURN 'ACTION' AS kind, a.startedAt AS date, a.startedAtPrecision AS datePrecision, a.endedAt AS endDate, a.endedAtPrecision AS endPrecision, a.id AS id, {} AS extra
  UNION ALL
  MATCH (s:Statement)-[:IN_CASE]->(c)
  RETURN 'STATEMENT' AS kind, s.saidOn AS date, s.saidOnPrecision AS datePrecision, null AS endDate, null AS endPrecision, s.id AS id,
         {stance: s.stance, saidBy: head([(s)-[:SAID_BY]->(x) | x.id]),
          about: [(s)-[:ABOUT]->(p:Power) | p.id], names: [(s)-[:NAMES]->(b:Body) | b.id]} AS extra
  UNION ALL
  MATCH (i:Instrument)-[:IN_CASE]->(c) WHERE i.issuedOn IS NOT NULL
  RETURN 'INSTRUMENT_ISSUED' AS kind, i.issuedOn AS date, i.issuedOnPrecision AS datePrecision, null AS endDate, null AS endPrecision, i.id AS id, {docType: i.docType} AS extra
  UNION ALL
  // Coming into force is its own event only when it is not the day of issue.
  MATCH (i:Instrument)-[:IN_CASE]->(c) WHERE i.effectiveFrom IS NOT NULL
    AND (i.issuedOn IS NULL OR i.effectiveFrom <> i.issuedOn OR coalesce(i.effectiveFromPrecision, 'DAY') <> coalesce(i.issuedOnPrecision, 'DAY'))
  RETURN 'INSTRUMENT_IN_FORCE' AS kind, i.effectiveFrom AS date, i.effectiveFromPrecision AS datePrecision, i.effectiveTo AS endDate, i.effectiveToPrecision AS endPrecision, i.id AS id, {} AS extra
  UNION ALL
  MATCH (i:Instrument)-[:IN_CASE]->(c) WHERE i.effectiveTo IS NOT NULL
  RETURN 'INSTRUMENT_ENDED' AS kind, i.effectiveTo AS date, i.effectiveToPrecision AS datePrecision, null AS endDate, null AS endPrecision, i.id AS id, {} AS extra
  UNION ALL
  MATCH (b:Body)-[:IN_CASE]->(c)
  WHERE b.validFrom IS NOT NULL AND NOT EXISTS { (:Body)-[r:SUCCEEDED_BY]->(b) WHERE r.on = b.validFrom }
  RETURN 'BODY_CREATED' AS kind, b.validFrom AS date, b.validFromPrecision AS datePrecision, null AS endDate, null AS endPrecision, b.id AS id, {} AS extra
  UNION ALL
  MATCH (b:Body)-[:IN_CASE]->(c)
  MATCH (b)-[r:SUCCEEDED_BY]->(n:Body)
  RETURN 'BODY_RENAMED' AS kind, r.on AS date, r.onPrecision AS datePrecision, null AS endDate, null AS endPrecision, b.id AS id,
         {successor: n.id, how: r.how, citations: r.citations, unsourced: r.unsourced} AS extra
  UNION ALL
  MATCH (b:Body)-[:IN_CASE]->(c)
  WHERE b.validTo IS NOT NULL AND NOT EXISTS { (b)-[:SUCCEEDED_BY]->(:Body) }
  RETURN 'BODY_DISSOLVED' AS kind, b.validTo AS date, b.validToPrecision AS datePrecision, null AS endDate, null AS endPrecision, b.id AS id, {} AS extra
  UNION ALL
  MATCH (s:Source)-[:IN_CASE]->(c)
  RETURN 'SOURCE_PUBLISHED' AS kind, s.publishedAt AS date, s.publishedAtPrecision AS datePrecision, null AS endDate, null AS endPrecision, s.id AS id, {} AS extra
}
WITH kind, date, datePrecision, endDate, endPrecision, id, extra
WHERE date IS NOT NULL
RETURN kind, date, datePrecision, endDate, endPrecision, id, extra
ORDER BY date, CASE kind
  WHEN 'INSTRUMENT_ISSUED' THEN 0 WHEN 'INSTRUMENT_IN_FORCE' THEN 1 WHEN 'BODY_CREATED' THEN 2 WHEN 'BODY_RENAMED' THEN 3
  WHEN 'ACTION' THEN 4 WHEN 'STATEMENT' THEN 5 WHEN 'SOURCE_PUBLISHED' THEN 6 ELSE 7 END, id
