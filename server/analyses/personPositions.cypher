// personPositions — the positions a person held, with their dates and capacity, for explain
// to answer about a person through the bodies of the positions held on the date (explain.ts
// keeps those covering it by the shared rule of inForce.ts).
//
// Parameters:
//   $person  id of the Person
//
// One row per position: bodyId, title, titleZh, capacity (SUBSTANTIVE | ACTING | INTERIM or
// null), from, fromLast, to, toLast, citations, unsourced.
MATCH (:Person {id: $person})-[h:HOLDS_POSITION]->(b:Body)
RETURN b.id AS bodyId, h.title AS title, h.titleZh AS titleZh, h.capacity AS capacity,
       h.from AS from, h.fromLast AS fromLast, h.to AS to, h.toLast AS toLast,
       h.citations AS citations, coalesce(h.unsourced, false) AS unsourced
ORDER BY h.from, b.id
