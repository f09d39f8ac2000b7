// Writes a case bundle to Neo4j: all of it in one write transaction, or nothing when the
// bundle has any problem. Upserts by id and replaces each node's outgoing relations, so
// re-importing an edited bundle reflects the edit and importing twice changes nothing.
import type { ManagedTransaction } from 'neo4j-driver';
import { CITATION, NODES, type NodeSpec } from '../model/model.js';
import type { Database } from '../neo4j/database.js';
import {
  SHARED_VOCABULARY, bundleRelations, itemsOf, referencesOf, type BundleItem, type Citation,
} from './bundleShape.js';
import { graphProperties } from './graphValues.js';
import { bundleFromData, type ParsedBundle } from './parse.js';
import { pinyinOf } from './pinyin.js';
import type { Problem } from './problem.js';
import { validateBundle, type ExistingIds } from './validate.js';

export interface ImportProgress {
  /** What is being written, e.g. `Body nodes` or `PERFORMED_BY relations`. */
  step: string;
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Validate against the database and count, but write nothing. */
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** Timeout of the one write transaction; large bundles need longer than a query. */
  timeoutMs?: number;
}

export interface ImportCounts {
  /** Nodes per label: created now, or already there and overwritten. */
  nodes: Record<string, { created: number; updated: number }>;
  /** Relationships written per type, EVIDENCED_BY and IN_CASE included. */
  relations: Record<string, number>;
  /** Nodes that left the case because the bundle no longer lists them, and belonged to no other case. */
  removed: number;
}

export interface ImportResult {
  ok: boolean;
  caseId?: string;
  dryRun: boolean;
  problems: Problem[];
  counts: ImportCounts;
  /** The data version after this import; absent on a dry run or a refusal. */
  dataVersion?: number;
}

const BATCH = 1000;
const DEFAULT_TIMEOUT_MS = 10 * 60_000;

export async function importBundle(db: Database, bundle: ParsedBundle | unknown, options: ImportOptions = {}): Promise<ImportResult> {
  const parsed = isParsed(bundle) ? bundle : bundleFromData(bundle);
  const dryRun = Boolean(options.dryRun);
  const empty: ImportCounts = { nodes: {}, relations: {}, removed: 0 };
  const before = validateBundle(parsed);
  // Without a readable shape there is nothing to look up; with one, the database decides the rest.
  if (parsed.problems.length) return { ok: false, dryRun, problems: before, counts: empty };

  const work = async (tx: ManagedTransaction): Promise<ImportResult> => {
    const existing = await existingIds(tx, idsMentioned(parsed.data));
    const problems = validateBundle(parsed, { existing });
    if (problems.length) return { ok: false, dryRun, problems, counts: empty };
    const plan = planWrites(parsed.data, existing);
    if (dryRun) return { ok: true, dryRun, caseId: plan.caseId, problems, counts: plan.counts };
    await writePlan(tx, plan, options.onProgress);
    plan.counts.removed = await removeDroppedNodes(tx, plan.caseId, plan.allIds);
    const version = await bumpDataVersion(tx);
    return { ok: true, dryRun, caseId: plan.caseId, problems, counts: plan.counts, dataVersion: version };
  };
  return dryRun ? db.read(work) : db.write(work, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}

function isParsed(value: unknown): value is ParsedBundle {
  return typeof value === 'object' && value !== null && 'lineOf' in value && 'data' in value && 'problems' in value;
}

/** Every id the bundle defines or points at, to look up in one pass per label. */
function idsMentioned(data: unknown): string[] {
  const ids = new Set<string>();
  for (const entry of itemsOf(data)) {
    ids.add(entry.item.id as string);
    if (entry.spec.label === 'Case') continue;
    for (const relation of bundleRelations(entry.spec.label)) for (const ref of referencesOf(entry.item, relation)) ids.add(ref.id);
  }
  return [...ids];
}

async function existingIds(tx: ManagedTransaction, ids: string[]): Promise<ExistingIds> {
  const existing = new Map<string, Set<string>>();
  for (const { label } of NODES) {
    const result = await tx.run(`MATCH (n:${label}) WHERE n.id IN $ids RETURN n.id AS id`, { ids });
    existing.set(label, new Set(result.records.map((r) => r.get('id') as string)));
  }
  return existing;
}

// ---------------------------------------------------------------- the plan

interface NodeRow { id: string; props: Record<string, unknown> }
interface RelationRow { from: string; to: string; props: Record<string, unknown> }
interface RelationBatch { type: string; fromLabel: string; toLabel: string; rows: RelationRow[] }

interface WritePlan {
  caseId: string;
  nodes: Map<string, NodeRow[]>;
  /** Relationship types each label's nodes have replaced. */
  replaced: Map<string, string[]>;
  relations: RelationBatch[];
  allIds: string[];
  counts: ImportCounts;
}

function nodeProperties(spec: NodeSpec, item: Record<string, unknown>): Record<string, unknown> {
  const props = graphProperties(spec.properties, item);
  if ('pinyin' in spec.properties) {
    const chinese = item.nameZh ?? item.titleZh;
    if (typeof chinese === 'string') props.pinyin = pinyinOf(chinese);
  }
  return props;
}

/** A citation as stored: its fields in the model's order, absent ones left out. */
function citationProperties(citation: Citation): Record<string, unknown> {
  return graphProperties(CITATION, citation as unknown as Record<string, unknown>);
}

function planWrites(data: unknown, existing: ExistingIds): WritePlan {
  const items = itemsOf(data);
  const labelOf = new Map(items.map((e) => [e.item.id as string, e.spec.label]));
  const targetLabel = (id: string, allowed: readonly string[]) =>
    labelOf.get(id) ?? allowed.find((label) => SHARED_VOCABULARY.includes(label) && existing.get(label)?.has(id))!;

  const nodes = new Map<string, NodeRow[]>();
  const replaced = new Map<string, string[]>();
  const batches = new Map<string, RelationBatch>();
  const counts: ImportCounts = { nodes: {}, relations: {}, removed: 0 };
  const relate = (type: string, fromLabel: string, toLabel: string, row: RelationRow) => {
    const key = `${type}|${fromLabel}|${toLabel}`;
    if (!batches.has(key)) batches.set(key, { type, fromLabel, toLabel, rows: [] });
    batches.get(key)!.rows.push(row);
    counts.relations[type] = (counts.relations[type] ?? 0) + 1;
  };

  const caseEntry = items.find((e) => e.spec.label === 'Case') as BundleItem;
  const caseId = caseEntry.item.id as string;
  for (const { spec, item } of items) {
    const id = item.id as string;
    if (!nodes.has(spec.label)) nodes.set(spec.label, []);
    nodes.get(spec.label)!.push({ id, props: nodeProperties(spec, item) });
    const tally = (counts.nodes[spec.label] ??= { created: 0, updated: 0 });
    if (existing.get(spec.label)?.has(id)) tally.updated += 1;
    else tally.created += 1;
    if (spec.label === 'Case') continue;

    relate('IN_CASE', spec.label, 'Case', { from: id, to: caseId, props: {} });
    const relations = bundleRelations(spec.label);
    replaced.set(spec.label, [...new Set([...relations.map((r) => r.type), 'EVIDENCED_BY'])]);
    for (const citation of (item.evidence as Citation[] | undefined) ?? []) {
      relate('EVIDENCED_BY', spec.label, 'Source', { from: id, to: citation.source, props: citationProperties(citation) });
    }
    for (const relation of relations) {
      for (const ref of referencesOf(item, relation)) {
        const props = graphProperties(relation.properties ?? {}, ref.properties);
        if (relation.cited) {
          // Relationships cannot point at a Source, so a cited relation keeps its evidence as properties.
          if (ref.evidence.length) {
            props.citations = JSON.stringify(ref.evidence.map((c) => ({ source: c.source, ...citationProperties(c) })));
            props.sourceIds = [...new Set(ref.evidence.map((c) => c.source))];
          }
          if (ref.unsourced) props.unsourced = true;
        }
        relate(relation.type, spec.label, targetLabel(ref.id, relation.to), { from: id, to: ref.id, props });
      }
    }
  }
  return { caseId, nodes, replaced, relations: [...batches.values()], allIds: items.map((e) => e.item.id as string), counts };
}

// ---------------------------------------------------------------- writing

function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
}

async function writePlan(tx: ManagedTransaction, plan: WritePlan, onProgress?: (p: ImportProgress) => void) {
  const total = [...plan.nodes.values()].reduce((n, rows) => n + rows.length, 0) + plan.relations.reduce((n, b) => n + b.rows.length, 0);
  let done = 0;
  const progress = (step: string, rows: number) => {
    done += rows;
    onProgress?.({ step, done, total });
  };

  // Labels come from model.ts, never from the bundle, so interpolating them is safe.
  for (const [label, rows] of plan.nodes) {
    for (const batch of chunks(rows)) {
      await tx.run(`UNWIND $rows AS row MERGE (n:${label} {id: row.id}) SET n = row.props`, { rows: batch });
      progress(`${label} nodes`, batch.length);
    }
  }
  for (const [label, types] of plan.replaced) {
    const ids = plan.nodes.get(label)!.map((row) => row.id);
    for (const batch of chunks(ids)) {
      await tx.run(
        `UNWIND $ids AS id MATCH (n:${label} {id: id})-[r]->() WHERE type(r) IN $types DELETE r`,
        { ids: batch, types },
      );
    }
  }
  for (const { type, fromLabel, toLabel, rows } of plan.relations) {
    // IN_CASE is merged, not replaced: a node keeps the other cases it belongs to.
    const write = type === 'IN_CASE' ? `MERGE (a)-[r:IN_CASE]->(b)` : `CREATE (a)-[r:${type}]->(b) SET r = row.props`;
    for (const batch of chunks(rows)) {
      await tx.run(`UNWIND $rows AS row MATCH (a:${fromLabel} {id: row.from}) MATCH (b:${toLabel} {id: row.to}) ${write}`, { rows: batch });
      progress(`${type} relations`, batch.length);
    }
  }
}

/**
 * Nodes the case listed before but the bundle no longer does leave the case; those that
 * belong to no other case go, except shared vocabulary still pointed at from elsewhere.
 */
async function removeDroppedNodes(tx: ManagedTransaction, caseId: string, ids: string[]): Promise<number> {
  const result = await tx.run(
    `MATCH (n)-[r:IN_CASE]->(:Case {id: $caseId}) WHERE NOT n.id IN $ids
     DELETE r
     WITH DISTINCT n
     WHERE NOT EXISTS { (n)-[:IN_CASE]->() }
       AND NOT ((n:${SHARED_VOCABULARY.join(' OR n:')}) AND EXISTS { ()-[]->(n) })
     DETACH DELETE n
     RETURN count(*) AS removed`,
    { caseId, ids },
  );
  return Number(result.records[0]?.get('removed') ?? 0);
}

async function bumpDataVersion(tx: ManagedTransaction): Promise<number> {
  const result = await tx.run(
    "MERGE (m:Meta {id: 'dataVersion'}) SET m.version = coalesce(m.version, 0) + 1, m.updatedAt = datetime() RETURN m.version AS version",
  );
  return Number(result.records[0].get('version'));
}
