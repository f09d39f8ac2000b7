// evidence — how every answer shows a node: its NodeRef, the citations that evidence it,
// and, when it is a Source, the source itself (so the `citations` JSON that cited
// relationships carry can be resolved by source id). Shared by all analyses.
//
// Parameters:
//   $byLabel  {label: [id, ...]} for each label of the model: the ids to look for under that label.
//             An id whose label the caller knows is in its label's list only (one index seek);
//             one it does not know is in every list. Ids that match no node are left out.
//
// One row per node found:
//   id, label, name, nameZh       the NodeRef (see below for how each label is named)
//   unsourced                     true when an editor asserted the node without a source
//   citations                     [{quoteZh, quote, locator, source: {id, title, titleEn, outlet, author, publishedAt, url, kind}}]
//                                 (publishedAt as text at its precision: '2022-06-15', '2022-06' or '2022')
//   source                        the Source's own fields when the node is a Source, else null
//
// Naming: Instrument and Case by title; Source by its English title when it has one;
// Provision by its ref (refZh in Chinese) and its instrument's title; Grant by power, modality and provision;
// Action by summary; Statement by quote; everything else by name/nameZh.
// Ids are unique per label (migrations): an index seek per id and label, never a label-less scan.
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
}
WITH DISTINCT n
WITH n, head(labels(n)) AS label,
     head([(n)-[:PART_OF]->(i:Instrument) | i]) AS instrument,
     head([(n)-[:OF]->(p:Power) | p]) AS power,
     head([(n)-[:CONFERRED_BY]->(pv:Provision)-[:PART_OF]->(i:Instrument) | {ref: pv.ref, refZh: pv.refZh, title: i.title, titleZh: i.titleZh}]) AS conferral
WITH n, label,
     CASE label
       WHEN 'Instrument' THEN [n.title, n.titleZh]
       WHEN 'Case' THEN [n.title, n.titleZh]
       WHEN 'Source' THEN [coalesce(n.titleEn, n.title), n.title]
       // Chinese text takes the Chinese reference (refZh); a reference written in English
       // ("local rules clause") stays out of it. A title missing in one language is the other's.
       WHEN 'Provision' THEN [
         n.ref + ' of ' + coalesce(instrument.title, instrument.titleZh),
         '《' + coalesce(instrument.titleZh, instrument.title) + '》' + coalesce(n.refZh, CASE WHEN n.ref =~ '.*[A-Za-z]{3,}.*' THEN '' ELSE n.ref END)
       ]
       WHEN 'Grant' THEN [
         toLower(n.modality) + ' to ' + coalesce(power.name, power.nameZh, power.id) + ' (' + conferral.ref + ' of ' + coalesce(conferral.title, conferral.titleZh) + ')',
         '《' + coalesce(conferral.titleZh, conferral.title) + '》' + coalesce(conferral.refZh, CASE WHEN conferral.ref =~ '.*[A-Za-z]{3,}.*' THEN '' ELSE conferral.ref END) + '：' + coalesce(power.nameZh, power.name, power.id) + '（' +
           CASE n.modality WHEN 'POWER' THEN '职权' WHEN 'DUTY' THEN '职责' WHEN 'PERMISSION' THEN '许可' ELSE '禁止' END + '）'
       ]
       WHEN 'Action' THEN [n.summary, n.summaryZh]
       WHEN 'Statement' THEN [coalesce(n.quote, n.quoteZh), coalesce(n.quoteZh, n.quote)]
       ELSE [n.name, n.nameZh]
     END AS names
RETURN n.id AS id, label, names[0] AS name, names[1] AS nameZh,
       coalesce(n.unsourced, false) AS unsourced,
       [(n)-[e:EVIDENCED_BY]->(s:Source) | {
         quoteZh: e.quoteZh, quote: e.quote, locator: e.locator,
         source: s {.id, .title, .titleEn, .outlet, .author, publishedAt: CASE s.publishedAtPrecision WHEN 'YEAR' THEN left(toString(s.publishedAt), 4) WHEN 'MONTH' THEN left(toString(s.publishedAt), 7) ELSE toString(s.publishedAt) END, .url, .kind}
       }] AS citations,
       CASE label WHEN 'Source' THEN n {.id, .title, .titleEn, .outlet, .author, publishedAt: CASE n.publishedAtPrecision WHEN 'YEAR' THEN left(toString(n.publishedAt), 4) WHEN 'MONTH' THEN left(toString(n.publishedAt), 7) ELSE toString(n.publishedAt) END, .url, .kind} END AS source
