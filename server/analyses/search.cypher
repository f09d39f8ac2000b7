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
CALL () {
  UNWIND CASE WHEN $lucene IS NULL THEN [] ELSE [$lucene] END AS query
  CALL db.index.fulltext.queryNodes('nameText', query, {limit: $take}) YIELD node, score
  RETURN collect({node: node, score: score}) AS byName
}
CALL () {
  UNWIND CASE WHEN $lucene IS NULL THEN [] ELSE [$lucene] END AS query
  CALL db.index.fulltext.queryNodes('recordText', query, {limit: $take}) YIELD node, score
  RETURN collect({node: node, score: score * 0.5}) AS byWords
}
CALL () {
  UNWIND CASE WHEN $phrase IS NULL THEN [] ELSE [$phrase] END AS query
  CALL db.index.fulltext.queryNodes('nameText', query, {limit: $take}) YIELD node, score
  RETURN collect({node: node, score: score}) AS byNamePhrase
}
CALL () {
  UNWIND CASE WHEN $phrase IS NULL THEN [] ELSE [$phrase] END AS query
  CALL db.index.fulltext.queryNodes('recordText', query, {limit: $take}) YIELD node, score
  RETURN collect({node: node, score: score * 0.5}) AS byWordsPhrase
}
// A list cut at $take may hold more: a hit beyond it scores at most its last, plus the boost it can get.
WITH byName + byWords + byNamePhrase + byWordsPhrase AS hits,
     reduce(best = null, b IN [
         CASE WHEN size(byName) = $take THEN last(byName).score END,
         CASE WHEN size(byWords) = $take THEN last(byWords).score END,
         CASE WHEN size(byNamePhrase) = $take THEN last(byNamePhrase).score + 10.0 END,
         CASE WHEN size(byWordsPhrase) = $take THEN last(byWordsPhrase).score + 10.0 END
       ] | CASE WHEN b IS NULL OR (best IS NOT NULL AND best >= b) THEN best ELSE b END) AS bound
CALL (hits) {
  UNWIND hits AS hit
  RETURN hit.node AS node, hit.score AS score
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
