// Reads one case back out of Neo4j as a bundle in the import format, so that importing
// the export gives the same graph. Shared vocabulary that the case points at but does not
// list (a Place from another case) stays a reference, as it was written.
import { stringify } from 'yaml';
import type { ManagedTransaction } from 'neo4j-driver';
import { CITATION, NODES, type NodeSpec, type PropertySpec, type RelationSpec } from '../model/model.js';
import type { Database } from '../neo4j/database.js';
import { BUNDLE_FORMAT, LISTED_NODES, bundleRelations, writtenProperties } from './bundleShape.js';
import { storedBundleValue } from './graphValues.js';

export class CaseNotFoundError extends Error {
  readonly code = 'CASE_NOT_FOUND';
  constructor(readonly caseId: string) {
    super(`There is no case "${caseId}" in the database: check the id (cases are listed by MATCH (c:Case) RETURN c.id).`);
  }
}

type Bundle = Record<string, unknown>;
type Item = Record<string, unknown>;

interface StoredRelation {
  from: string;
  type: string;
  to: string;
  toLabels: string[];
  props: Record<string, unknown>;
}

export async function exportBundle(db: Database, caseId: string): Promise<Bundle> {
  return db.read(async (tx) => {
    const found = await tx.run('MATCH (c:Case {id: $caseId}) RETURN properties(c) AS props', { caseId });
    if (!found.records.length) throw new CaseNotFoundError(caseId);
    const caseSpec = NODES.find((n) => n.label === 'Case')!;
    const bundle: Bundle = { format: BUNDLE_FORMAT, case: propertiesOf(caseSpec, found.records[0].get('props')) };
    for (const spec of LISTED_NODES) {
      const items = await itemsOfLabel(tx, spec, caseId);
      if (items.length) bundle[spec.plural] = items;
    }
    return bundle;
  });
}

/** The bundle as YAML, keys in the model's order and lists sorted by id, so exports diff well. */
export function bundleYaml(bundle: Bundle): string {
  return stringify(bundle, { lineWidth: 0 });
}

function propertiesOf(spec: NodeSpec, stored: Record<string, unknown>): Item {
  const item: Item = {};
  for (const [key, prop] of writtenProperties(spec)) {
    const value = storedBundleValue(prop, stored, key);
    if (value !== undefined) item[key] = value;
  }
  return item;
}

async function itemsOfLabel(tx: ManagedTransaction, spec: NodeSpec, caseId: string): Promise<Item[]> {
  const nodes = await tx.run(`MATCH (n:${spec.label})-[:IN_CASE]->(:Case {id: $caseId}) RETURN properties(n) AS props ORDER BY n.id`, { caseId });
  if (!nodes.records.length) return [];
  const relations = bundleRelations(spec.label);
  const types = [...new Set([...relations.map((r) => r.type), 'EVIDENCED_BY'])];
  const stored = await tx.run(
    `MATCH (n:${spec.label})-[:IN_CASE]->(:Case {id: $caseId}) MATCH (n)-[r]->(m) WHERE type(r) IN $types
     RETURN n.id AS from, type(r) AS type, m.id AS to, labels(m) AS toLabels, properties(r) AS props`,
    { caseId, types },
  );
  const outgoing = new Map<string, StoredRelation[]>();
  for (const record of stored.records) {
    const relation = record.toObject() as StoredRelation;
    if (!outgoing.has(relation.from)) outgoing.set(relation.from, []);
    outgoing.get(relation.from)!.push(relation);
  }
  return nodes.records.map((record) => {
    const item = propertiesOf(spec, record.get('props'));
    const mine = outgoing.get(item.id as string) ?? [];
    for (const relation of relations) {
      const refs = mine
        .filter((r) => r.type === relation.type && r.toLabels.some((label) => relation.to.includes(label)))
        .map((r) => referenceOf(relation, r))
        .sort(byText);
      if (refs.length) item[relation.field] = relation.many ? refs : refs[0];
    }
    const evidence = mine
      .filter((r) => r.type === 'EVIDENCED_BY')
      .map((r) => ({ source: r.to, ...citationOf(r.props) }))
      .sort(byText);
    if (evidence.length) item.evidence = evidence;
    return item;
  });
}

function citationOf(stored: Record<string, unknown>): Item {
  const citation: Item = {};
  for (const [key, prop] of Object.entries(CITATION)) {
    const value = storedBundleValue(prop, stored, key);
    if (value !== undefined) citation[key] = value;
  }
  return citation;
}

/** A bare id when the relation has nothing more to say, else { id, properties, evidence }. */
function referenceOf(relation: RelationSpec, stored: StoredRelation): string | Item {
  const ref: Item = { id: stored.to };
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the assertion is what types the result
  for (const [key, prop] of Object.entries(relation.properties ?? {}) as [string, PropertySpec][]) {
    const value = storedBundleValue(prop, stored.props, key);
    if (value !== undefined) ref[key] = value;
  }
  if (relation.cited && typeof stored.props.citations === 'string') {
    // Kept in stored order: the order is part of the stored `citations` value, so sorting would change it on re-import.
    ref.evidence = (JSON.parse(stored.props.citations) as Item[]).map((c) => ({ source: c.source, ...citationOf(c) }));
  }
  if (relation.cited && stored.props.unsourced === true) ref.unsourced = true;
  return Object.keys(ref).length === 1 ? stored.to : ref;
}

/** Order by the id pointed at (or the source cited), then by everything else: stable across exports. */
function byText(a: unknown, b: unknown): number {
  const key = (v: unknown) => (typeof v === 'string' ? v : `${(v as Item).id ?? (v as Item).source}\u0000${JSON.stringify(v)}`);
  const [x, y] = [key(a), key(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
