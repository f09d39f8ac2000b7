// Schema migrations, run at every start. Each statement is idempotent (IF NOT EXISTS), so
// running them twice leaves the same schema; a test checks that.
import { NODES } from '../model/model.js';
import type { Database } from './database.js';
import { stampMissingSpans } from '../derive/actionSpans.js';

export const FULLTEXT_INDEX = 'nameText';
/** Full-text over what was said and done and where it was reported: statements, actions, sources. */
export const TEXT_INDEX = 'recordText';
const TEXT_LABELS = ['Statement', 'Action', 'Source'];
const TEXT_PROPERTIES = ['quote', 'quoteZh', 'speaker', 'summary', 'summaryZh', 'title', 'titleEn', 'outlet'];

/** Labels whose names are searched, and the properties that hold those names. */
const SEARCHED_LABELS = ['Body', 'BodyType', 'Person', 'Instrument', 'Power', 'Place'];
const SEARCHED_PROPERTIES = ['name', 'nameZh', 'aliases', 'pinyin', 'title', 'titleZh', 'officialId'];

export function migrationStatements(): string[] {
  const constraints = [...NODES.map((n) => n.label), 'Meta'].map(
    (label) => `CREATE CONSTRAINT ${label.toLowerCase()}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
  );
  const indexes = [
    'CREATE INDEX action_started IF NOT EXISTS FOR (n:Action) ON (n.startedAt)',
    // whoDid's seek of the actions on the asked days, class by class (server/derive/actionSpans.ts).
    'CREATE INDEX action_span_started IF NOT EXISTS FOR (n:Action) ON (n.spanClass, n.startedAt)',
    'CREATE INDEX statement_said IF NOT EXISTS FOR (n:Statement) ON (n.saidOn)',
    'CREATE INDEX statement_stance IF NOT EXISTS FOR (n:Statement) ON (n.stance)',
    'CREATE INDEX grant_modality IF NOT EXISTS FOR (n:Grant) ON (n.modality)',
    'CREATE INDEX instrument_effective IF NOT EXISTS FOR (n:Instrument) ON (n.effectiveFrom)',
    'CREATE INDEX body_pinyin IF NOT EXISTS FOR (n:Body) ON (n.pinyin)',
    'CREATE INDEX person_pinyin IF NOT EXISTS FOR (n:Person) ON (n.pinyin)',
    // The stored findings (server/analyses/derived/findingsStore.ts): one set per case and reading, paged by rank.
    'CREATE CONSTRAINT findingset_key IF NOT EXISTS FOR (n:FindingSet) REQUIRE n.key IS UNIQUE',
    'CREATE INDEX stored_finding_rank IF NOT EXISTS FOR (n:StoredFinding) ON (n.set, n.rank)',
    'CREATE INDEX stored_finding_id IF NOT EXISTS FOR (n:StoredFinding) ON (n.set, n.findingId)',
    // The derived holdings (server/derive/): read by power, replaced by grant.
    'CREATE INDEX holding_power IF NOT EXISTS FOR (n:Holding) ON (n.powerId)',
    // whoCan in a place: the holdings of a power granted in the place or one above it.
    'CREATE INDEX holding_power_place IF NOT EXISTS FOR (n:Holding) ON (n.powerId, n.grantPlaceId)',
    'CREATE INDEX holding_grant IF NOT EXISTS FOR (n:Holding) ON (n.grantId)',
  ];
  // The cjk analyzer indexes Chinese as bigrams; search pairs it with a contains match for one-character queries.
  const fulltext =
    `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (n:${SEARCHED_LABELS.join('|')}) ` +
    `ON EACH [${SEARCHED_PROPERTIES.map((p) => `n.${p}`).join(', ')}] ` +
    "OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false } }";
  const text =
    `CREATE FULLTEXT INDEX ${TEXT_INDEX} IF NOT EXISTS FOR (n:${TEXT_LABELS.join('|')}) ` +
    `ON EACH [${TEXT_PROPERTIES.map((p) => `n.${p}`).join(', ')}] ` +
    "OPTIONS { indexConfig: { `fulltext.analyzer`: 'cjk', `fulltext.eventually_consistent`: false } }";
  return [...constraints, ...indexes, fulltext, text];
}

export async function migrate(db: Database): Promise<void> {
  for (const statement of migrationStatements()) {
    await db.write((tx) => tx.run(statement));
  }
  await db.write((tx) => tx.run('CALL db.awaitIndexes(300)'));
  await stampMissingSpans(db);
}

/** The schema as Neo4j reports it, one line per constraint or index, for comparing before and after. */
export async function describeSchema(db: Database): Promise<string[]> {
  type Row = { name: string; type: string; labels: string[] | null; properties: string[] | null; analyzer: string | null };
  const constraints = await db.query<Row>(
    'SHOW CONSTRAINTS YIELD name, type, labelsOrTypes AS labels, properties RETURN name, type, labels, properties, null AS analyzer',
  );
  const indexes = await db.query<Row>(
    "SHOW INDEXES YIELD name, type, labelsOrTypes AS labels, properties, options RETURN name, type, labels, properties, options.indexConfig['fulltext.analyzer'] AS analyzer",
  );
  return [...constraints, ...indexes]
    .map((r) => `${r.name} ${r.type} ${JSON.stringify(r.labels)}${JSON.stringify(r.properties)}${r.analyzer ? ` ${r.analyzer}` : ''}`)
    .sort();
}
