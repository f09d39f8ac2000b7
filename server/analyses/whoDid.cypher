// whoDid — de facto: the actions that exercised a power (or a narrower one) in a place
// (or a place within it) during a period, with their actors. A person acts through the
// body in which the person held a position on the day the action started.
//
// Parameters:
//   $power   id of the asked Power
//   $place   id of the asked Place, or null for anywhere
//   $from    first day of the period 'YYYY-MM-DD', or null (open)
//   $to      last day of the period 'YYYY-MM-DD', or null (open)
//   $rowCap  most actions to return: one more than the answer shows, to tell whether the list was cut
//   $spanDays the longest span, in days, of each span class but the last (server/derive/actionSpans.ts)
//   $side    'auto', or the side to read from ('place', 'power', 'days'): the tests read each way
//
// One row per action, earliest first:
//   id, summary, summaryZh, startedAt, endedAt (text at their precision: '2022-06-13', '2022-06', '2022'),
//   startedFirst, startedLast, endedFirst, endedLast (the days an imprecise date covers),
//   purpose, purposeBasis, purposeLabel, purposeLabelZh (from a PURPOSE Term, when declared),
//   affectedCount, placeId, powerIds,
//   actors [{id, role, basis, citations, unsourced, through {bodyId, title, titleZh, citations, unsourced} or null}]
// An action given only to the month (or year) is listed when its days may overlap the period;
// whoDid.ts says when they may also fall outside it.
// Read from the side that reads fewest actions: the actions in the place and the places within
// it, or the actions of the power and its narrower ones (counted from the relationship counts
// each node keeps: no action is read to count), or the actions on the asked days in date order,
// through the index on (spanClass, startedAt), until the page is full. The days side reads
// about rowCap × (all actions / the smaller side) actions, so it wins when the smaller side
// holds many (a province, the whole country); a county reads its own. Each side is filtered on
// its days before anything else is read.
MATCH (asked:Power {id: $power})
OPTIONAL MATCH (top:Place {id: $place})
WITH top, COLLECT { MATCH (p:Power)-[:NARROWER_THAN*0..]->(asked) RETURN DISTINCT p } AS powers,
     CASE WHEN top IS NULL THEN [] ELSE COLLECT { MATCH (pl:Place)-[:WITHIN*0..]->(top) RETURN DISTINCT pl } END AS places
CALL (powers) { UNWIND powers AS p RETURN sum(COUNT { (p)<-[:EXERCISED]-() }) AS byPower }
CALL (places) { UNWIND places AS pl RETURN sum(COUNT { (pl)<-[:IN]-() }) AS byPlace }
// An asked place that does not exist holds no action: its side, empty, is read.
WITH powers, places, $place IS NOT NULL AND byPlace < byPower AS fromPlace,
     CASE WHEN $place IS NOT NULL AND byPlace < byPower THEN byPlace ELSE byPower END AS smaller
WITH powers, places,
     CASE
       WHEN $side <> 'auto' THEN $side
       WHEN toFloat(smaller) * smaller > toFloat($rowCap) * COUNT { (:Action) } THEN 'days'
       WHEN fromPlace THEN 'place'
       ELSE 'power'
     END AS side
CALL (powers, places, side) {
  WITH powers, places WHERE side = 'place'
  UNWIND places AS ap
  MATCH (ap)<-[:IN]-(a:Action)
  // The action's days [startedAt, endedAt] may overlap the period; an action without an end lasted
  // one day. An imprecise date is the interval [x, xLast] (docs/analyses.md, precision).
  WHERE ($to IS NULL OR a.startedAt <= date($to))
    AND ($from IS NULL OR coalesce(a.endedAtLast, a.endedAt, a.startedAtLast, a.startedAt) >= date($from))
    AND EXISTS { (a)-[:EXERCISED]->(p:Power) WHERE p IN powers }
  RETURN a, ap
  UNION
  WITH powers, places WHERE side = 'power'
  UNWIND powers AS power
  MATCH (power)<-[:EXERCISED]-(a:Action)
  WHERE ($to IS NULL OR a.startedAt <= date($to))
    AND ($from IS NULL OR coalesce(a.endedAtLast, a.endedAt, a.startedAtLast, a.startedAt) >= date($from))
  WITH DISTINCT a, places
  MATCH (a)-[:IN]->(ap:Place)
  WHERE $place IS NULL OR ap IN places
  RETURN a, ap
  UNION
  // Class by class: an action of class k that may touch the period started at most $spanDays[k]
  // days before it (the last class, unbounded, is the few longest), and none after its end.
  WITH powers, places WHERE side = 'days'
  UNWIND range(0, size($spanDays)) AS k
  WITH powers, places, k,
       CASE WHEN $from IS NULL OR k >= size($spanDays) THEN date('0000-01-01') ELSE date($from) - duration({days: $spanDays[k]}) END AS earliest,
       coalesce(date($to), date('9999-12-31')) AS latest
  // The day of the class's rowCap-th action, read in the index's order (the planner stops at the
  // limit); then the actions up to that day, ties on it included, for the order by id below.
  CALL (powers, places, k, earliest, latest) {
    MATCH (a:Action)
    WHERE a.spanClass = k AND a.startedAt >= earliest AND a.startedAt <= latest
      AND ($from IS NULL OR coalesce(a.endedAtLast, a.endedAt, a.startedAtLast, a.startedAt) >= date($from))
      AND EXISTS { (a)-[:EXERCISED]->(p:Power) WHERE p IN powers }
      AND ($place IS NULL OR EXISTS { (a)-[:IN]->(pl:Place) WHERE pl IN places })
    WITH a ORDER BY a.spanClass, a.startedAt
    LIMIT toInteger($rowCap)
    RETURN max(a.startedAt) AS through
  }
  CALL (powers, places, k, earliest, through) {
    MATCH (a:Action)
    WHERE a.spanClass = k AND a.startedAt >= earliest AND a.startedAt <= through
      AND ($from IS NULL OR coalesce(a.endedAtLast, a.endedAt, a.startedAtLast, a.startedAt) >= date($from))
      AND EXISTS { (a)-[:EXERCISED]->(p:Power) WHERE p IN powers }
      AND ($place IS NULL OR EXISTS { (a)-[:IN]->(pl:Place) WHERE pl IN places })
    RETURN a
  }
  MATCH (a)-[:IN]->(ap:Place)
  WHERE $place IS NULL OR ap IN places
  RETURN a, ap
}
// The page first, then the actors of the actions on it only.
WITH a, ap ORDER BY a.startedAt, a.id
LIMIT toInteger($rowCap)
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
    id: who.id, role: r.role, basis: coalesce(r.basis, 'STATED'), citations: r.citations, unsourced: coalesce(r.unsourced, false), through: through
  }) AS actors
}
WITH a, ap, actors, head(COLLECT { MATCH (t:Term) WHERE t.vocabulary = 'PURPOSE' AND t.value = a.purpose RETURN t }) AS purposeTerm
RETURN a.id AS id, a.summary AS summary, a.summaryZh AS summaryZh,
       CASE a.startedAtPrecision WHEN 'YEAR' THEN left(toString(a.startedAt), 4) WHEN 'MONTH' THEN left(toString(a.startedAt), 7) ELSE toString(a.startedAt) END AS startedAt,
       CASE a.endedAtPrecision WHEN 'YEAR' THEN left(toString(a.endedAt), 4) WHEN 'MONTH' THEN left(toString(a.endedAt), 7) ELSE toString(a.endedAt) END AS endedAt,
       a.startedAt AS startedFirst, coalesce(a.startedAtLast, a.startedAt) AS startedLast,
       a.endedAt AS endedFirst, coalesce(a.endedAtLast, a.endedAt) AS endedLast,
       a.purpose AS purpose, coalesce(a.purposeBasis, 'STATED') AS purposeBasis,
       purposeTerm.label AS purposeLabel, purposeTerm.labelZh AS purposeLabelZh,
       a.affectedCount AS affectedCount, ap.id AS placeId,
       [(a)-[:EXERCISED]->(p:Power) | p.id] AS powerIds,
       actors
ORDER BY a.startedAt, a.id
LIMIT toInteger($rowCap)
