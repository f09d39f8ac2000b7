// Every reader-facing string of every answer (whoCan, whoDid, accountability, explain, compare,
// gaps, timeline, referral paths, search, the case graph), on the three seed cases, in both
// languages, through the real Apollo server over the real Neo4j. The selection of each question
// is built from the schema itself (every field, nested), so a string added to an answer later is
// walked too. A string is checked in the language its field is written in (`…Zh` Chinese, the
// rest English) by the rules of ./gaps/wordingCheck.ts.
//
// Not checked, because they are the sources' or the bundle's own words, not the answers' prose:
// ids, quotes, a Source's original title/outlet/author, aliases, pinyin, URLs and locators,
// dates, the name a search matched and the search text echoed back. The case's own data shown in the other language because the asked one is missing (a
// body with only an English name in a Chinese sentence) is the documented fallback, not a leak.
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { readBundleFile } from '../../server/bundle/parse.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { wordingProblems, type WordingContext } from './gaps/wordingCheck.js';

const SEEDS = [
  { file: 'henan-red-code-2022.yaml', case: 'henan-red-code-2022' },
  { file: 'illustrative-millbrook-demolition-permit.yaml', case: 'illustrative-millbrook-demolition-permit' },
  { file: 'uk-prorogation-2019.yaml', case: 'uk-prorogation-2019' },
];

/** Fields whose strings are not the answers' own prose: the sources' words, and codes for programs (a node's label, a kind, a slug). */
const NOT_PROSE = new Set([
  ...['id', 'matched', 'quote', 'quoteZh', 'quoteEn', 'url', 'locator', 'aliases', 'pinyin', 'officialId', 'endCursor'],
  ...['computedAt', 'from', 'kind', 'label', 'type', 'layer', 'key', 'param', 'outcome', 'purpose'],
]);
/** A Source's fields are the source's own metadata (a Chinese report's title is Chinese). */
const SOURCE_METADATA = new Set(['title', 'outlet', 'author']);
const SOURCE_TYPES = new Set(['Source', 'EvidenceSource']);

interface IntrospectedType {
  name: string;
  kind: string;
  fields: { name: string; args: { type: TypeRef; defaultValue: string | null }[]; type: TypeRef }[] | null;
  enumValues: { name: string }[] | null;
  possibleTypes: { name: string }[] | null;
}
interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}

const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);
const required = (t: TypeRef) => t.kind === 'NON_NULL';

let db: Database;
let server: TestServer;
let types = new Map<string, IntrospectedType>();
const context: { en: WordingContext; zh: WordingContext } = { en: { ids: [], enums: [] }, zh: { ids: [], enums: [] } };

/** The full selection of a type: every field without required arguments, nested up to a depth. */
function selection(typeName: string, depth: number, path: string[] = []): string {
  const type = types.get(typeName)!;
  if (type.kind === 'UNION' || type.kind === 'INTERFACE') {
    return `__typename ${type.possibleTypes!.map((p) => `... on ${p.name} { ${selection(p.name, depth, path)} }`).join(' ')}`;
  }
  const fields: string[] = ['__typename'];
  for (const field of type.fields ?? []) {
    if (field.args.some((a) => required(a.type) && a.defaultValue === null)) continue;
    const target = types.get(named(field.type).name!)!;
    if (target.kind === 'SCALAR' || target.kind === 'ENUM') fields.push(field.name);
    else if (depth > 0 && path.filter((p) => p === target.name).length < 2) {
      fields.push(`${field.name} { ${selection(target.name, depth - 1, [...path, target.name])} }`);
    }
  }
  return fields.join(' ');
}

/** Every String leaf of an answer, with where it is and in which language it is written. */
function strings(value: unknown, typeName: string, at: string, out: { at: string; text: string; language: 'en' | 'zh' }[]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => strings(v, typeName, `${at}[${i}]`, out));
    return;
  }
  const object = value as Record<string, unknown>;
  const concrete = typeof object.__typename === 'string' ? object.__typename : typeName;
  const type = types.get(concrete);
  for (const field of type?.fields ?? []) {
    if (!(field.name in object) || NOT_PROSE.has(field.name)) continue;
    if (SOURCE_TYPES.has(concrete) && SOURCE_METADATA.has(field.name)) continue;
    if (concrete === 'SearchAnswer' && field.name === 'text') continue; // the reader's own words, echoed
    const target = named(field.type).name!;
    const v = object[field.name];
    if (target === 'String') {
      const texts = Array.isArray(v) ? v : [v];
      for (const text of texts) {
        if (typeof text === 'string') out.push({ at: `${at}.${field.name}`, text, language: field.name.endsWith('Zh') ? 'zh' : 'en' });
      }
    } else if (types.get(target)?.kind === 'OBJECT' || types.get(target)?.kind === 'UNION' || types.get(target)?.kind === 'INTERFACE') {
      strings(v, target, `${at}.${field.name}`, out);
    }
  }
}

interface Question {
  label: string;
  field: string;
  args: string;
}

/** What a reader can ask of one case: every power and place it holds at the dates its first actions took place, every body about the powers its actions exercised. */
async function questionsOf(caseId: string): Promise<Question[]> {
  const [facts] = await db.query<{ powers: string[]; exercised: string[]; bodies: string[]; places: string[]; dates: string[]; words: string[] }>(
    `MATCH (c:Case {id: $case})
     RETURN [(p:Power)-[:IN_CASE]->(c) | p.id] AS powers,
            collect { MATCH (a:Action)-[:IN_CASE]->(c) MATCH (a)-[:EXERCISED]->(p:Power) RETURN DISTINCT p.id ORDER BY p.id } AS exercised,
            [(b:Body)-[:IN_CASE]->(c) | b.id] + [(b:Person)-[:IN_CASE]->(c) | b.id] AS bodies,
            [(pl:Place)-[:IN_CASE]->(c) | pl.id] AS places,
            collect { MATCH (a:Action)-[:IN_CASE]->(c) WHERE a.startedAt IS NOT NULL RETURN DISTINCT toString(a.startedAt) AS d ORDER BY d }[..2] AS dates,
            [(p:Power)-[:IN_CASE]->(c) | coalesce(p.name, p.nameZh)] + [(p:Power)-[:IN_CASE]->(c) WHERE p.nameZh IS NOT NULL | p.nameZh] AS words`,
    { case: caseId },
  );
  const q = (s: string) => JSON.stringify(s);
  const asks: Question[] = [
    { label: `gaps(${caseId})`, field: 'gaps', args: `case: ${q(caseId)}` },
    { label: `timeline(${caseId})`, field: 'timeline', args: `case: ${q(caseId)}` },
    { label: `referralPaths(${caseId})`, field: 'referralPaths', args: `case: ${q(caseId)}` },
    { label: `caseGraph(${caseId})`, field: 'caseGraph', args: `case: ${q(caseId)}` },
  ];
  const places = facts.places.map(q).join(', ');
  for (const power of facts.powers) {
    asks.push({ label: `whoDid(${power})`, field: 'whoDid', args: `power: ${q(power)}` });
    asks.push({ label: `accountability(${power})`, field: 'accountability', args: `case: ${q(caseId)}, power: ${q(power)}` });
    asks.push({ label: `referralPaths(${power})`, field: 'referralPaths', args: `case: ${q(caseId)}, power: ${q(power)}` });
    asks.push({ label: `compare(${power})`, field: 'compare', args: `power: ${q(power)}, places: [${places}], at: ${q(facts.dates[0])}` });
    for (const at of facts.dates) asks.push({ label: `whoCan(${power}, ${at})`, field: 'whoCan', args: `power: ${q(power)}, at: ${q(at)}` });
    asks.push({
      label: `whoCan(${power}, later held)`,
      field: 'whoCan',
      args: `power: ${q(power)}, at: ${q(facts.dates[0])}, reading: AS_LATER_HELD`,
    });
  }
  // Every body (and person) asked about each power the case's actions exercised.
  for (const power of facts.exercised) {
    for (const body of facts.bodies) {
      asks.push({ label: `explain(${body}, ${power})`, field: 'explain', args: `body: ${q(body)}, power: ${q(power)}, at: ${q(facts.dates[0])}` });
    }
  }
  for (const word of facts.words) asks.push({ label: `search(${word})`, field: 'search', args: `text: ${q(word)}` });
  return asks;
}

beforeAll(async () => {
  db = await testDatabase();
  await clearDatabase(db);
  for (const seed of SEEDS) {
    const result = await importBundle(db, await readBundleFile(path.join(projectRoot, 'seed', seed.file)));
    expect(result.problems).toEqual([]);
  }
  server = await startTestServer(db);
  const introspection = await server.post(`{ __schema { types { name kind enumValues { name } possibleTypes { name }
    fields { name args { defaultValue type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }
             type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }`);
  expect(introspection.errors).toBeUndefined();
  types = new Map((introspection.data!.__schema.types as IntrospectedType[]).map((t) => [t.name, t]));
  const enums = [...types.values()].filter((t) => t.kind === 'ENUM' && !t.name.startsWith('__')).flatMap((t) => t.enumValues!.map((v) => v.name));
  const [data] = await db.query<{ ids: string[]; en: string[]; zh: string[] }>(
    `MATCH (n) WHERE n.id IS NOT NULL
     WITH collect(n) AS nodes
     RETURN [n IN nodes | n.id] + [n IN nodes WHERE n.purpose IS NOT NULL | n.purpose] + [n IN nodes WHERE n.value IS NOT NULL | n.value] AS ids,
            // A node's own words in one language, shown in the other's text because it has none in that one.
            [n IN nodes WHERE n.nameZh IS NULL AND n.name IS NOT NULL | n.name] + [n IN nodes WHERE n.titleZh IS NULL AND n.title IS NOT NULL | n.title]
              + [n IN nodes WHERE n.summaryZh IS NULL AND n.summary IS NOT NULL | n.summary] + [n IN nodes WHERE n.labelZh IS NULL AND n.label IS NOT NULL | n.label]
              + [n IN nodes WHERE n.quoteZh IS NULL AND n.quote IS NOT NULL | n.quote] + [n IN nodes WHERE n.titleEn IS NOT NULL | n.titleEn]
              + [n IN nodes WHERE n.outlet IS NOT NULL | n.outlet] AS zh,
            [n IN nodes WHERE n.name IS NULL AND n.nameZh IS NOT NULL | n.nameZh] + [n IN nodes WHERE n.title IS NULL AND n.titleZh IS NOT NULL | n.titleZh]
              + [n IN nodes WHERE n.summary IS NULL AND n.summaryZh IS NOT NULL | n.summaryZh] + [n IN nodes WHERE n.label IS NULL AND n.labelZh IS NOT NULL | n.labelZh]
              + [n IN nodes WHERE n.quote IS NULL AND n.quoteZh IS NOT NULL | n.quoteZh] + [n IN nodes WHERE n.outlet IS NOT NULL | n.outlet] AS en`,
    {},
  );
  const [names] = await db.query<{ names: string[] }>(
    `MATCH (n) WITH [x IN collect(n.name) + collect(n.nameZh) + collect(n.title) + collect(n.titleZh) WHERE x IS NOT NULL] AS names RETURN names`,
    {},
  );
  // Conditions (on grants and restrictions) are stored as JSON; their descriptions are the case's words too.
  // So are the notes on how an action met them.
  const [stored] = await db.query<{ conditions: string[]; outcomes: string[] }>(
    `RETURN COLLECT { MATCH (g:Grant) WHERE g.conditions IS NOT NULL RETURN g.conditions }
          + COLLECT { MATCH ()-[r:RESTRICTS]->() WHERE r.conditions IS NOT NULL RETURN r.conditions } AS conditions,
            COLLECT { MATCH (a:Action) WHERE a.conditionsMet IS NOT NULL RETURN a.conditionsMet } AS outcomes`,
    {},
  );
  type Words = { description?: string; descriptionZh?: string; note?: string; noteZh?: string };
  const parse = (json: string) => JSON.parse(json) as Words[];
  const conditions = [...stored.conditions.flatMap(parse), ...stored.outcomes.flatMap(parse)];
  const phrase = (t: string) => t.trim().replace(/[.。;；]+$/, '');
  const onlyEn = conditions.flatMap((c) => [
    ...(c.description && !c.descriptionZh ? [phrase(c.description)] : []),
    ...(c.note && !c.noteZh ? [phrase(c.note)] : []),
  ]);
  const onlyZh = conditions.flatMap((c) => [
    ...(c.descriptionZh && !c.description ? [phrase(c.descriptionZh)] : []),
    ...(c.noteZh && !c.note ? [phrase(c.noteZh)] : []),
  ]);
  context.en = { ids: data.ids, enums, names: names.names, otherLanguage: [...data.en, ...onlyZh] };
  context.zh = { ids: data.ids, enums, names: names.names, otherLanguage: [...data.zh, ...onlyEn] };
}, 600_000);
afterAll(async () => {
  await server?.close();
  await closeTestDatabase();
});

describe('every reader-facing string of every answer, in both languages', () => {
  for (const seed of SEEDS) {
    it(`reads as one language at a time, with no raw enum, id or doubled punctuation (${seed.case})`, async () => {
      if (process.env.QUANZE_WALK_ONLY && process.env.QUANZE_WALK_ONLY !== seed.case) return;
      const asks = await questionsOf(seed.case);
      if (process.env.QUANZE_WALK_DUMP) appendFileSync(process.env.QUANZE_WALK_DUMP, asks.map((a) => `ASK\t${a.field}(${a.args})\n`).join(''));
      expect(asks.length).toBeGreaterThan(10);
      const problems: string[] = [];
      let walked = 0;
      // One question per request: a full selection costs about half of the API's query-cost limit.
      for (const ask of asks) {
        const query = `{ answer: ${ask.field}(${ask.args}) { ${selection(answerType(ask.field), 7)} } }`;
        // A kept-alive connection the server has just closed resets once in a while; the question is asked again.
        const body = await server.post(query).catch(() => server.post(query));
        for (const error of body.errors ?? []) problems.push(`${ask.label}: error: ${error.message}`);
        const found: { at: string; text: string; language: 'en' | 'zh' }[] = [];
        strings(body.data?.answer, answerType(ask.field), ask.label, found);
        walked += found.length;
        if (process.env.QUANZE_WALK_DUMP) appendFileSync(process.env.QUANZE_WALK_DUMP, found.map((f) => `${f.at}\t${f.text}\n`).join(''));
        for (const s of found) for (const p of wordingProblems(s.text, s.language, context[s.language])) problems.push(`${s.at}: ${p} — ${s.text}`);
      }
      expect(walked).toBeGreaterThan(100);
      expect([...new Set(problems)]).toEqual([]);
    }, 600_000);
  }
});

function answerType(field: string): string {
  return named(types.get('Query')!.fields!.find((f) => f.name === field)!.type).name!;
}
