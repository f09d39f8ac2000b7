// storyLead — the actions among some ids, with what the story view needs to choose its lead
// action: the powers each exercised, where and from when.
//
// Parameters:
//   $ids  node ids (those the findings concern); ids of other kinds are passed over
//
// One row per action:
//   id, startedAt (first day of its start, a date), powers (ids, in id order), place (id or null)
MATCH (a:Action) WHERE a.id IN $ids
RETURN a.id AS id,
       toString(a.startedAt) AS startedAt,
       [p IN [(a)-[:EXERCISED]->(p:Power) | p.id] WHERE p IS NOT NULL] AS powers,
       head([(a)-[:IN]->(pl:Place) | pl.id]) AS place
ORDER BY id
