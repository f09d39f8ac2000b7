// search — bodies, body types, persons, instruments, powers and places by any of their
// names: Chinese or English name, title, alias or former name, official document number,
// pinyin; and statements, actions and sources by their words (a quote, a summary, a title,
// an outlet). Full-text over the `nameText` and `recordText` indexes (cjk analyzer: Chinese as
// bigrams; a hit on words ranks below a hit on a name of the same score), plus a
// case-insensitive CONTAINS match where bigrams cannot help: one-character queries, and
// pinyin typed with or without spaces ("Feng Xianbin" finds "fengxianbin").
//
// Parameters:
//   $lucene    the query for the full-text index with Lucene's special characters escaped,
//              or null when the text has nothing to index (only punctuation)
//   $text      the text, trimmed and lowercased
//   $contains  $text when a CONTAINS match should run over all names (one character), else null
//   $pinyin    the text lowercased without spaces when it is Latin letters only, else null
//   $tokens    the lowercased words of the text, to tell which name matched
//   $phrase    $lucene as a phrase that must match and adds nothing to the score, beside $lucene
//              itself: the hits that hold the text in order, scored as $lucene scores them
//   $take      how many hits to take from each full-text query, best first (an integer)
//   $limit     how many rows to return (an integer; the caller asks one more than it shows, to tell whether the list was cut)
//
// One row per node, best first: id, label, score, matched (the name that matched), successor id
// (the body that finally succeeded it, following SUCCEEDED_BY to its end; null if none), and
// bound: the best score a hit beyond the $take taken from any query could still reach, or null
// when every query was read to its end. search.ts takes more hits while bound is not below the
// last row's score.
//
// Bounded: Lucene returns its hits best first, so a hit not taken scores at most the last one
// taken. A name that equals or contains the text (+10, +5 below) holds the text in order, so it
// is a hit of the phrase query: those are taken by themselves, and a hit of neither list taken
// gets no boost. The hits are ranked once, not every hit of a common bigram.
// The best hit each full-text query leaves out (its number $take + 1), plus the boost it can
// get: nothing scores more among the hits not taken. Null when every query was read to its end.
CALL () {
  UNWIND CASE WHEN $lucene IS NULL THEN [] ELSE [
    {index: 'nameText', query: $lucene, weight: 1.0, boost: 0.0}, {index: 'recordText', query: $lucene, weight: 0.5, boost: 0.0},
    {index: 'nameText', query: $phrase, weight: 1.0, boost: 10.0}, {index: 'recordText', query: $phrase, weight: 0.5, boost: 10.0}
  ] END AS list
  CALL db.index.fulltext.queryNodes(list.index, list.query, {skip: $take, limit: 1}) YIELD score
  RETURN max(score * list.weight + list.boost) AS bound
}
CALL () {
  WITH $lucene AS query WHERE query IS NOT NULL
  CALL db.index.fulltext.queryNodes('nameText', query, {limit: $take}) YIELD node, score
  RETURN node, score
  UNION
  WITH $lucene AS query WHERE query IS NOT NULL
  CALL db.index.fulltext.queryNodes('recordText', query, {limit: $take}) YIELD node, score
  RETURN node, score * 0.5 AS score
  UNION
  WITH $phrase AS query WHERE query IS NOT NULL
  CALL db.index.fulltext.queryNodes('nameText', query, {limit: $take}) YIELD node, score
  RETURN node, score
  UNION
  WITH $phrase AS query WHERE query IS NOT NULL
  CALL db.index.fulltext.queryNodes('recordText', query, {limit: $take}) YIELD node, score
  RETURN node, score * 0.5 AS score
  UNION
  // The scans run only when their parameter is set (a WHERE on the parameter alone, before the MATCH).
  WITH $contains AS contains WHERE contains IS NOT NULL
  MATCH (node)
  WHERE (node:Body OR node:BodyType OR node:Person OR node:Instrument OR node:Power OR node:Place)
    AND any(name IN [node.name, node.nameZh, node.title, node.titleZh, node.officialId] + coalesce(node.aliases, [])
            WHERE toLower(name) CONTAINS contains)
  RETURN node, 1.0 AS score
  UNION
  WITH $pinyin AS pinyin WHERE pinyin IS NOT NULL
  MATCH (node)
  WHERE (node:Body OR node:BodyType OR node:Person OR node:Instrument OR node:Power OR node:Place)
    AND node.pinyin CONTAINS pinyin
  RETURN node, 1.0 AS score
}
WITH bound, node, max(score) AS score
WITH bound, node, score,
     [name IN [node.nameZh, node.name, node.titleZh, node.title] + coalesce(node.aliases, []) + [node.officialId, node.pinyin]
        + [node.quoteZh, node.quote, node.summaryZh, node.summary, node.titleEn, node.outlet]
      WHERE name IS NOT NULL] AS names
// An exact name, alias or pinyin ranks above any partial match.
WITH bound, node, names,
     score + CASE
       WHEN any(name IN names WHERE toLower(name) = $text) OR node.pinyin = $pinyin THEN 10.0
       WHEN any(name IN names WHERE toLower(name) CONTAINS $text) OR node.pinyin STARTS WITH $pinyin THEN 5.0
       ELSE 0.0 END AS score
WITH bound, node, score,
     coalesce(
       head([name IN names WHERE toLower(name) = $text]),
       head([name IN names WHERE toLower(name) CONTAINS $text]),
       head([name IN names WHERE $pinyin IS NOT NULL AND replace(toLower(name), ' ', '') CONTAINS $pinyin]),
       head([name IN names WHERE any(t IN $tokens WHERE toLower(name) CONTAINS t)]),
       head(names)
     ) AS matched
ORDER BY score DESC, node.id
LIMIT $limit
OPTIONAL CALL (node) {
  MATCH path = (node:Body)-[:SUCCEEDED_BY*1..]->(last:Body)
  WHERE NOT (last)-[:SUCCEEDED_BY]->(:Body)
  RETURN last.id AS successor ORDER BY length(path) DESC LIMIT 1
}
RETURN node.id AS id, head(labels(node)) AS label, score, matched, successor, bound
ORDER BY score DESC, id
