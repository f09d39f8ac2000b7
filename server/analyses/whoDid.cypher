// whoDid — de facto: the actions that exercised a power (or a narrower one) in a place
// (or a place within it) during a period, with their actors. A person acts through the
// body in which the person held a position on the day the action started.
//
// Parameters:
//   $power   id of the asked Power
//   $place   id of the asked Place, or null for anywhere
//   $from    first day of the period 'YYYY-MM-DD', or null (open)
//   $to      last day of the period 'YYYY-MM-DD', or null (open)
//   $rowCap  most actions to return (the wrapper marks the answer incomplete when reached)
//
// One row per action, earliest first:
//   id, summary, summaryZh, startedAt, endedAt, purpose, affectedCount, placeId, powerIds,
//   actors [{id, role, citations, unsourced, through {bodyId, title, titleZh, citations, unsourced} or null}]
MATCH (asked:Power {id: $power})
MATCH (power:Power)-[:NARROWER_THAN*0..]->(asked)
MATCH (a:Action)-[:EXERCISED]->(power)
WITH DISTINCT a
MATCH (a)-[:IN]->(ap:Place)
WHERE ($place IS NULL OR EXISTS { (ap)-[:WITHIN*0..]->(:Place {id: $place}) })
  // The action's days [startedAt, endedAt] overlap the period; an action without an end lasted one day.
  AND ($to IS NULL OR a.startedAt <= date($to))
  AND ($from IS NULL OR coalesce(a.endedAt, a.startedAt) >= date($from))
CALL (a) {
  MATCH (a)-[r:PERFORMED_BY]->(who)
  // A person's position on the day the action started; open ends count as holding it.
  // A person may hold several posts at once (a party secretary who also heads an HQ
  // division): prefer a body that itself took part, then one that is, or is part of, a
  // body granted a power of the same family (directly or by type), then the latest taken.
  OPTIONAL CALL (a, who) {
    MATCH (who:Person)-[h:HOLDS_POSITION]->(b:Body)
    WHERE (h.from IS NULL OR h.from <= a.startedAt) AND (h.to IS NULL OR a.startedAt <= h.to)
    RETURN {bodyId: b.id, title: h.title, titleZh: h.titleZh, citations: h.citations, unsourced: coalesce(h.unsourced, false)} AS through
    ORDER BY CASE
        WHEN EXISTS { (a)-[:PERFORMED_BY]->(b) } THEN 0
        WHEN EXISTS { (a)-[:EXERCISED]->(:Power)-[:NARROWER_THAN*0..]-(:Power)<-[:OF]-(:Grant)-[:TO]->()<-[:IS_A*0..1]-(:Body)<-[:PART_OF*0..]-(b) } THEN 1
        ELSE 2
      END,
      h.from DESC, b.id
    LIMIT 1
  }
  RETURN collect({
    id: who.id, role: r.role, citations: r.citations, unsourced: coalesce(r.unsourced, false), through: through
  }) AS actors
}
RETURN a.id AS id, a.summary AS summary, a.summaryZh AS summaryZh, a.startedAt AS startedAt, a.endedAt AS endedAt,
       a.purpose AS purpose, a.affectedCount AS affectedCount, ap.id AS placeId,
       [(a)-[:EXERCISED]->(p:Power) | p.id] AS powerIds,
       actors
ORDER BY a.startedAt, a.id
LIMIT toInteger($rowCap)
