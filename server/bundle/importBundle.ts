// Writes a case bundle to Neo4j, all of it or nothing, at any size.
//
// How (docs/bundle-format.md, "How an import is written"):
//   1. read the bundle part by part (an NDJSON bundle line by line) and note every id;
//   2. validate each part against the model and the database, and write its new nodes as
//      *staged* nodes: label `ImportStaged_<Label>`, id kept as `stagedId`, so no question,
//      which matches model labels and ids, can see them; relationships among staged nodes
//      are written too, in large batched transactions;
//   3. in one final transaction, the switch: staged nodes take their real label and id,
//      changed nodes are overwritten, relationships to nodes that were already there are
//      written, dropped nodes leave the case, and the data version moves on.
// A refused, failed or killed import leaves only staged nodes, which the next import (or
// the failing one) sweeps away; the case answers as it did before until the switch commits.
// Each node's content digest is kept on its IN_CASE relationship, so nodes that have not
// changed are not written at all, and an unchanged bundle writes nothing.
import { createHash, randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { CITATION, NODES, type NodeSpec } from '../model/model.js';
import type { Database } from '../neo4j/database.js';
import { SHARED_VOCABULARY, bundleRelations, itemsOf, referencesOf, type Citation } from './bundleShape.js';
import { streamOf, type BundleStream } from './bundleStream.js';
import { recordWrite, UNKNOWN_WRITER, type Writer } from './auditLog.js';
import { graphProperties } from './graphValues.js';
import { bundleFromData, type ParsedBundle } from './parse.js';
import { pinyinOf } from './pinyin.js';
import type { Problem } from './problem.js';
import { schemaValidator, validateBundle, type ExistingIds } from './validate.js';

export interface ImportProgress {
  /** What is being done: `checking and staging`, `staging relationships` or `switching over`. */
  step: string;
  done: number;
  total: number;
  /** Nodes and relationships written so far (facts), for a facts-per-second figure. */
  written: number;
}

export interface ImportOptions {
  /** Validate against the database and count, but write nothing. */
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** Timeout of each write transaction, the final switch included. */
  timeoutMs?: number;
  /** An import whose heartbeat is older than this is taken to be dead, and its staged nodes are swept. */
  staleAfterMs?: number;
  /** Who writes, for the audit log (server/bundle/auditLog.ts). */
  writer?: Writer;
}

export interface ImportCounts {
  /** Nodes per label: created now, already there and overwritten, or already there and unchanged (not written). */
  nodes: Record<string, { created: number; updated: number; unchanged: number }>;
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
  /** The data version after this import; absent on a dry run or a refusal. Unchanged when nothing was written. */
  dataVersion?: number;
  /** Nodes and relationships written (0 for an unchanged bundle). */
  written?: number;
}

/** Another import holds the database; imports run one at a time. */
export class ImportBusyError extends Error {
  readonly code = 'IMPORT_BUSY';
  constructor(caseId: string) {
    super(`Another import (of case "${caseId}") is running on this database: wait for it to finish, then import again.`);
  }
}

const BATCH = 2000;
/** Rows written per staging transaction. */
const TRANSACTION_ROWS = 20_000;
const DEFAULT_TIMEOUT_MS = 30 * 60_000;
const DEFAULT_STALE_MS = 30_000;
const HEARTBEAT_MS = 5_000;
const MAX_PROBLEMS = 500;
const STAGED = (label: string) => `ImportStaged_${label}`;
const LEASE = 'importLease';

type Input = ParsedBundle | BundleStream | unknown;

export async function importBundle(db: Database, input: Input, options: ImportOptions = {}): Promise<ImportResult> {
  const stream = isStream(input) ? input : streamOf(isParsed(input) ? input : bundleFromData(input));
  return new BundleImport(db, stream, options).run();
}

function isParsed(value: unknown): value is ParsedBundle {
  return typeof value === 'object' && value !== null && 'lineOf' in value && 'data' in value && 'problems' in value;
}
function isStream(value: unknown): value is BundleStream {
  return typeof value === 'object' && value !== null && typeof (value as BundleStream).parts === 'function';
}

// ---------------------------------------------------------------- rows

interface NodeRow {
  id: string;
  props: Record<string, unknown>;
}
interface RelationRow {
  from: string;
  to: string;
  props: Record<string, unknown>;
}
interface Relation extends RelationRow {
  type: string;
  fromLabel: string;
  toLabel: string;
}
interface PlannedItem {
  id: string;
  label: string;
  props: Record<string, unknown>;
  relations: Relation[];
  digest: string;
  state: 'new' | 'changed' | 'unchanged';
}
interface ChangedNode {
  label: string;
  id: string;
  props: Record<string, unknown>;
  relations: Relation[];
  digest: string;
  joins: boolean;
}

/** Pinyin is computed from the Chinese name, so it is left out of the digest and computed only for nodes that are written. */
function addPinyin(spec: NodeSpec, item: Record<string, unknown>, props: Record<string, unknown>) {
  if ('pinyin' in spec.properties) {
    const chinese = item.nameZh ?? item.titleZh;
    if (typeof chinese === 'string') props.pinyin = pinyinOf(chinese);
  }
}

function citationProperties(citation: Citation): Record<string, unknown> {
  return graphProperties(CITATION, citation as unknown as Record<string, unknown>);
}

/** What a node's content is, as stored: its label, properties, and outgoing relations with evidence (any spelling of the same bundle gives the same digest). */
function digestOf(label: string, props: Record<string, unknown>, relations: Relation[]): string {
  const outgoing = relations
    .filter((r) => r.type !== 'IN_CASE')
    .map((r) => JSON.stringify([r.type, r.to, r.props]))
    .sort();
  return createHash('sha1')
    .update(JSON.stringify([label, props, outgoing]))
    .digest('base64')
    .slice(0, 20);
}

/** Rows grouped by relationship type and end labels, each group one Cypher statement. */
class RelationGroups {
  readonly groups = new Map<string, { type: string; fromLabel: string; toLabel: string; rows: RelationRow[] }>();
  size = 0;
  add(r: Relation) {
    const key = `${r.type}|${r.fromLabel}|${r.toLabel}`;
    if (!this.groups.has(key)) this.groups.set(key, { type: r.type, fromLabel: r.fromLabel, toLabel: r.toLabel, rows: [] });
    this.groups.get(key)!.rows.push({ from: r.from, to: r.to, props: r.props });
    this.size += 1;
  }
  clear() {
    this.groups.clear();
    this.size = 0;
  }
}

/** `{key: row.props.key, …}` for every key the rows use (a null value sets nothing). */
function propertyMap(rows: { props: Record<string, unknown> }[], extra: Record<string, string> = {}): string {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row.props)) keys.add(key);
  const entries = [...Object.entries(extra), ...[...keys].map((k) => [k, `row.props.\`${k}\``])];
  return `{${entries.map(([k, v]) => `\`${k}\`: ${v}`).join(', ')}}`;
}

function* chunks<T>(rows: T[], size = BATCH): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

const stagingIndexed = new WeakSet<Database>();

// ---------------------------------------------------------------- one import

class BundleImport {
  private readonly dryRun: boolean;
  private readonly timeoutMs: number;
  private readonly importId = randomUUID();
  private readonly counts: ImportCounts = { nodes: {}, relations: {}, removed: 0 };
  private readonly problems: Problem[] = [];
  private problemKeys = new Set<string>();
  private written = 0;
  private heartbeat?: NodeJS.Timeout;

  // What the bundle holds (pass 1).
  private caseId = '';
  private readonly labelOf = new Map<string, string>();
  private readonly lineOf = new Map<string, number>();
  private readonly pathOf = new Map<string, string>();
  private file = '';
  private totalItems = 0;
  /** Ids referenced before (or without) their definition in the bundle. */
  private readonly pointedAt = new Set<string>();

  // What the database holds.
  private existing = new Map<string, Set<string>>();
  /** Members of the case: id → label, and the digest when it can be trusted. */
  private readonly memberLabel = new Map<string, string>();
  private readonly memberDigest = new Map<string, string | null>();
  private version = 0;
  private digestsTrusted = true;
  private caseDigest: string | null = null;

  // What is left for the switch.
  private readonly staged = new Set<string>();
  private stagedLabels = new Set<string>();
  private readonly deferred = new RelationGroups();
  private readonly toReal = new RelationGroups();
  private readonly changed: ChangedNode[] = [];
  private caseChanged = false;
  private caseRow?: { props: Record<string, unknown>; digest: string };

  constructor(
    private readonly db: Database,
    private readonly stream: BundleStream,
    private readonly options: ImportOptions,
  ) {
    this.dryRun = Boolean(options.dryRun);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  private result(ok: boolean, dataVersion?: number): ImportResult {
    const problems = [...this.problems].sort((a, b) => a.line - b.line || a.path.localeCompare(b.path));
    return {
      ok,
      dryRun: this.dryRun,
      problems,
      counts: this.counts,
      ...(this.caseId ? { caseId: this.caseId } : {}),
      ...(ok && !this.dryRun ? { dataVersion, written: this.written } : {}),
    };
  }

  private report(problems: Problem[]) {
    for (const p of problems) {
      const key = `${p.line}|${p.path}|${p.message}`;
      if (this.problemKeys.has(key)) continue;
      this.problemKeys.add(key);
      this.problems.push(p);
    }
  }

  private progress(step: string, done: number, total: number) {
    this.options.onProgress?.({ step, done, total, written: this.written });
  }

  private mark(what: string) {
    if (process.env.QUANZE_IMPORT_TIMING) process.stderr.write(`[import] ${what} ${Date.now() - this.started} ms\n`);
  }
  private readonly started = Date.now();

  async run(): Promise<ImportResult> {
    await this.scan();
    this.mark('scanned');
    if (this.problems.length) return this.result(false);
    await this.readDatabase();
    this.mark('read the database');
    await this.checkOwnership();
    if (this.problems.length) return this.result(false);
    if (this.dryRun) {
      await this.checkAndStage();
      return this.result(!this.problems.length);
    }
    await this.acquireLease();
    try {
      await this.checkAndStage();
      if (this.problems.length) {
        await this.sweepStaged();
        return this.result(false);
      }
      this.mark('checked and staged');
      await this.flushDeferred();
      this.mark('staged deferred relationships');
      const version = await this.switchOver();
      this.mark('switched over');
      return this.result(true, version);
    } catch (error) {
      await this.sweepStaged().catch(() => {});
      throw error;
    } finally {
      await this.releaseLease().catch(() => {});
    }
  }

  // ------------------------------------------------------------ pass 1: ids

  private async scan() {
    let index = 0;
    for await (const part of this.stream.parts()) {
      const first = index++ === 0;
      if (part.problems.length || part.data === undefined || part.data === null) {
        this.report(part.problems.length ? part.problems : validateBundle(part));
        continue;
      }
      if (first) {
        const caseItem = (part.data as { case?: { id?: unknown } }).case;
        if (typeof caseItem?.id === 'string') this.caseId = caseItem.id;
      }
      for (const { spec, item, at } of itemsOf(part.data)) {
        if (spec.label === 'Case') continue;
        const id = item.id as string;
        const line = part.lineOf(at);
        if (this.labelOf.has(id)) {
          this.report([
            {
              file: part.file,
              line,
              path: `${at[0]}[${at[1]}].id`,
              code: 'DUPLICATE_ID',
              message: `The id "${id}" is already used by ${/^[AEIOU]/.test(this.labelOf.get(id)!) ? 'an' : 'a'} ${this.labelOf.get(id)} on line ${this.lineOf.get(id)}; ids must be unique across the bundle.`,
            },
          ]);
          continue;
        }
        this.labelOf.set(id, spec.label);
        this.lineOf.set(id, line);
        this.pathOf.set(id, `${at[0]}[${at[1]}].id`);
        this.file = part.file;
        this.totalItems += 1;
        for (const relation of bundleRelations(spec.label)) {
          for (const ref of referencesOf(item, relation)) if (!this.labelOf.has(ref.id)) this.pointedAt.add(ref.id);
        }
      }
    }
    if (index === 0) this.report(validateBundle(bundleFromData(undefined, this.stream.file)));
  }

  // ------------------------------------------------------------ what the database holds

  private async readDatabase() {
    const outside = [...this.pointedAt].filter((id) => !this.labelOf.has(id));
    await this.db.read(async (tx) => {
      const meta = await tx.run(
        `OPTIONAL MATCH (m:Meta {id: 'dataVersion'})
         OPTIONAL MATCH (d:Meta {id: $digestId})
         RETURN coalesce(m.version, 0) AS version, m.importedVersion AS importedVersion, coalesce(m.digestsFrom, 0) AS digestsFrom,
                d.digest AS caseDigest, d.digestVersion AS caseDigestVersion`,
        { digestId: `importedCase:${this.caseId}` },
      );
      const row = meta.records[0];
      this.version = Number(row.get('version'));
      const importedVersion = row.get('importedVersion');
      const digestsFrom = Number(row.get('digestsFrom'));
      // Any write since the last import that did not come from an import may have touched any node.
      this.digestsTrusted = importedVersion !== null && Number(importedVersion) === this.version;
      const trusted = (digest: unknown, at: unknown) =>
        this.digestsTrusted && typeof digest === 'string' && at !== null && Number(at) >= digestsFrom ? digest : null;
      this.caseDigest = trusted(row.get('caseDigest'), row.get('caseDigestVersion'));

      const members = await tx.run(
        `MATCH (:Case {id: $caseId})<-[r:IN_CASE]-(n) RETURN n.id AS id, labels(n) AS labels, r.digest AS digest, r.digestVersion AS at`,
        { caseId: this.caseId },
      );
      const modelLabels = new Set(NODES.map((n) => n.label));
      for (const record of members.records) {
        const id = record.get('id') as string;
        const label = (record.get('labels') as string[]).find((l) => modelLabels.has(l));
        if (!label) continue;
        this.memberLabel.set(id, label);
        this.memberDigest.set(id, trusted(record.get('digest'), record.get('at')));
        this.remember(label, id);
      }

      // Everything else the bundle names: look it up label by label, from whichever side is smaller.
      const unknown = [this.caseId, ...[...this.labelOf.keys(), ...outside].filter((id) => !this.memberLabel.has(id))];
      const counted = (await tx.run(`RETURN ${NODES.map(({ label }) => `COUNT { (:${label}) } AS \`${label}\``).join(', ')}`)).records[0];
      const present = NODES.map(({ label }) => label).filter((label) => Number(counted.get(label)) > 0);
      if (!present.length || !unknown.length) return;
      if (unknown.length <= 50_000) {
        // Few ids (a re-import): one round trip, an index seek per id and label.
        const union = present.map((label) => `WITH id MATCH (:${label} {id: id}) RETURN '${label}' AS label`).join(' UNION ');
        const found = await tx.run(`UNWIND $ids AS id CALL { ${union} } RETURN id, label`, { ids: unknown });
        for (const r of found.records) this.remember(r.get('label'), r.get('id'));
        return;
      }
      const wanted = new Set(unknown);
      for (const label of present) {
        const count = Number(counted.get(label));
        if (count < unknown.length) {
          const all = await tx.run(`MATCH (n:${label}) RETURN n.id AS id`);
          for (const r of all.records) if (wanted.has(r.get('id'))) this.remember(label, r.get('id'));
        } else {
          for (const ids of chunks(unknown, 20_000)) {
            const found = await tx.run(`UNWIND $ids AS id MATCH (n:${label} {id: id}) RETURN id`, { ids });
            for (const r of found.records) this.remember(label, r.get('id'));
          }
        }
      }
    }, this.timeoutMs);
  }

  /**
   * A bundle changes its own case's nodes only: a node of another case (other than shared
   * vocabulary, which cases share by design) is refused by id, instead of being overwritten
   * and losing that case's relations.
   */
  private async checkOwnership() {
    const shared = new Set(SHARED_VOCABULARY);
    const owners = new Map<string, string[]>();
    await this.db.read(async (tx) => {
      for (const [label, ids] of this.existing) {
        if (shared.has(label) || label === 'Case' || label === 'Source') continue;
        const candidates = [...ids].filter((id) => this.labelOf.get(id) === label && !this.memberLabel.has(id));
        for (const batch of chunks(candidates, 20_000)) {
          const result = await tx.run(
            `UNWIND $ids AS id MATCH (n:${label} {id: id})-[:IN_CASE]->(c:Case) WHERE c.id <> $caseId RETURN id, collect(c.id) AS cases`,
            { ids: batch, caseId: this.caseId },
          );
          for (const r of result.records) owners.set(r.get('id') as string, r.get('cases') as string[]);
        }
      }
    }, this.timeoutMs);
    for (const [id, cases] of owners) {
      const label = this.labelOf.get(id)!;
      this.report([
        {
          file: this.file,
          line: this.lineOf.get(id) ?? 0,
          path: this.pathOf.get(id) ?? '',
          code: 'NODE_OF_ANOTHER_CASE',
          message: `The ${label} "${id}" belongs to case ${cases.map((c) => `"${c}"`).join(' and ')}; a bundle may change only its own case's nodes. Give this ${label} another id, or change it in that case's bundle.`,
        },
      ]);
    }
  }

  /**
   * What the database holds, plus what other parts of this bundle define: checks that look a
   * node up through `existing` only (a condition's body) must find it on another line too.
   */
  private existingOrElsewhere(): ExistingIds {
    if (this.mergedExisting) return this.mergedExisting;
    const merged = new Map<string, ReadonlySet<string>>();
    for (const { label } of NODES) {
      const stored = this.existing.get(label);
      merged.set(label, { has: (id: string) => (stored?.has(id) ?? false) || this.labelOf.get(id) === label } as ReadonlySet<string>);
    }
    return (this.mergedExisting = merged);
  }
  private mergedExisting?: ExistingIds;

  private remember(label: string, id: string) {
    if (!this.existing.has(label)) this.existing.set(label, new Set());
    this.existing.get(label)!.add(id);
  }

  private exists(label: string, id: string) {
    return this.existing.get(label)?.has(id) ?? false;
  }

  /** The label a reference points at: the bundle's own, else shared vocabulary already in the database. */
  private targetLabel(id: string, allowed: readonly string[]): string {
    return this.labelOf.get(id) ?? allowed.find((label) => this.exists(label, id)) ?? allowed[0];
  }

  // ------------------------------------------------------------ pass 2: check and stage

  private async checkAndStage() {
    let index = 0;
    let done = 0;
    for await (const part of this.stream.parts()) {
      const first = index++ === 0;
      const items = itemsOf(part.data).filter((e) => first || e.spec.label !== 'Case');
      await this.checkAndStagePart(part, first, items);
      if (this.problems.length >= MAX_PROBLEMS) break;
      done += items.filter((e) => e.spec.label !== 'Case').length;
      this.progress('checking and staging', done, this.totalItems);
    }
  }

  private tally(label: string, what: 'created' | 'updated' | 'unchanged') {
    (this.counts.nodes[label] ??= { created: 0, updated: 0, unchanged: 0 })[what] += 1;
  }

  private countRelation(type: string) {
    this.counts.relations[type] = (this.counts.relations[type] ?? 0) + 1;
  }

  /** What one item would write, and whether it is new, changed or unchanged. */
  private planItem(spec: NodeSpec, item: Record<string, unknown>): PlannedItem {
    const id = item.id as string;
    const label = spec.label;
    const props = graphProperties(spec.properties, item);
    const isNew = !this.exists(label, id);
    if (label === 'Case') {
      const digest = digestOf(label, props, []);
      return { id, label, props, relations: [], digest, state: isNew ? 'new' : this.caseDigest === digest ? 'unchanged' : 'changed' };
    }
    const relations: Relation[] = [];
    // Imports run one at a time, so this import's data version will be the next one.
    const inCase: Record<string, unknown> = { digestVersion: this.version + 1 };
    relations.push({ type: 'IN_CASE', fromLabel: label, toLabel: 'Case', from: id, to: this.caseId, props: inCase });
    for (const citation of (item.evidence as Citation[] | undefined) ?? []) {
      relations.push({
        type: 'EVIDENCED_BY',
        fromLabel: label,
        toLabel: 'Source',
        from: id,
        to: citation.source,
        props: citationProperties(citation),
      });
    }
    for (const relation of bundleRelations(label)) {
      for (const ref of referencesOf(item, relation)) {
        const relProps = graphProperties(relation.properties ?? {}, ref.properties);
        if (relation.cited) {
          // Relationships cannot point at a Source, so a cited relation keeps its evidence as properties.
          if (ref.evidence.length) {
            relProps.citations = JSON.stringify(ref.evidence.map((c) => ({ source: c.source, ...citationProperties(c) })));
            relProps.sourceIds = [...new Set(ref.evidence.map((c) => c.source))];
          }
          if (ref.unsourced) relProps.unsourced = true;
        }
        relations.push({
          type: relation.type,
          fromLabel: label,
          toLabel: this.targetLabel(ref.id, relation.to),
          from: id,
          to: ref.id,
          props: relProps,
        });
      }
    }
    const digest = digestOf(label, props, relations);
    inCase.digest = digest;
    const state = isNew ? 'new' : this.memberLabel.has(id) && this.memberDigest.get(id) === digest ? 'unchanged' : 'changed';
    if (state !== 'unchanged') addPinyin(spec, item, props);
    return { id, label, props, relations, digest, state };
  }

  private async checkAndStagePart(part: ParsedBundle, first: boolean, items: ReturnType<typeof itemsOf>) {
    // A part whose every item is stored exactly as written was valid when it was written: it is not checked again.
    let plans: PlannedItem[] | undefined;
    try {
      plans = items.map(({ spec, item }) => this.planItem(spec, item));
    } catch {
      plans = undefined; // ill-formed values; the validator says which
    }
    // An empty part, or one whose shape is wrong around its items (a list that is not a list, an unknown field), is always checked.
    const unchanged = plans?.length && plans.every((p) => p.state === 'unchanged') && schemaValidator()(part.data);
    if (!unchanged || this.problems.length) {
      const problems = validateBundle(part, { existing: this.existingOrElsewhere(), elsewhere: this.labelOf })
        // Every part carries the header's case; its problems are reported with the first part only.
        .filter((p) => first || !(p.path === 'format' || p.path === 'case' || p.path.startsWith('case.')));
      this.report(problems);
    }
    if (this.problems.length || !plans) return;

    const newNodes = new Map<string, NodeRow[]>();
    const stagedNow = new RelationGroups();
    const caseIsNew = !this.exists('Case', this.caseId);
    for (const { id, label, props, relations, digest, state } of plans) {
      this.tally(label, state === 'new' ? 'created' : state === 'changed' ? 'updated' : 'unchanged');
      if (state === 'unchanged') continue;
      if (label === 'Case') {
        this.caseRow = { props, digest };
        if (state === 'new') (newNodes.get(label) ?? newNodes.set(label, []).get(label)!).push({ id, props });
        else this.caseChanged = true;
        continue;
      }
      if (this.dryRun) {
        for (const r of relations) this.countRelation(r.type);
        continue;
      }
      if (state === 'new') {
        (newNodes.get(label) ?? newNodes.set(label, []).get(label)!).push({ id, props });
        for (const r of relations) {
          const targetIsNew = r.toLabel === 'Case' ? caseIsNew : !this.exists(r.toLabel, r.to);
          // Only staged nodes are touched before the switch; a relationship to a real node waits for it.
          (targetIsNew ? stagedNow : this.toReal).add(r);
        }
      } else {
        this.changed.push({ label, id, props, relations: relations.filter((r) => r.type !== 'IN_CASE'), digest, joins: !this.memberLabel.has(id) });
      }
    }
    if (this.dryRun) return;

    // Stage this part: its new nodes, then the relationships among staged nodes whose ends are both staged by now.
    const writes: [string, Record<string, unknown>, number][] = [];
    for (const [label, rows] of newNodes) {
      this.stagedLabels.add(label);
      for (const batch of chunks(rows)) {
        // Properties written out one by one: `SET n = map` would make the planner hold every row back (Eager).
        writes.push([`UNWIND $rows AS row CREATE (n:${STAGED(label)} ${propertyMap(batch, { stagedId: 'row.id' })})`, { rows: batch }, batch.length]);
      }
      for (const row of rows) this.staged.add(row.id);
    }
    const ready = new RelationGroups();
    for (const group of stagedNow.groups.values()) {
      for (const row of group.rows) {
        const target = group.toLabel === 'Case' ? this.caseId : row.to;
        (this.staged.has(target) ? ready : this.deferred).add({ ...group, ...row });
      }
    }
    for (const group of ready.groups.values()) writes.push(...this.relationWrites(group, true));
    await this.writeInTransactions(writes, 'checking and staging');
  }

  private relationWrites(
    group: { type: string; fromLabel: string; toLabel: string; rows: RelationRow[] },
    staged: boolean,
  ): [string, Record<string, unknown>, number][] {
    const [a, b] = staged
      ? [`(a:${STAGED(group.fromLabel)} {stagedId: row.from})`, `(b:${STAGED(group.toLabel)} {stagedId: row.to})`]
      : [`(a:${group.fromLabel} {id: row.from})`, `(b:${group.toLabel} {id: row.to})`];
    for (let i = 0; i < group.rows.length; i++) this.countRelation(group.type);
    // Labels and types come from model.ts, never from the bundle, so interpolating them is safe.
    return [...chunks(group.rows)].map((batch) => [
      `UNWIND $rows AS row MATCH ${a} MATCH ${b} CREATE (a)-[r:${group.type} ${propertyMap(batch)}]->(b)`,
      { rows: batch },
      batch.length,
    ]);
  }

  /** Runs statements in transactions of about TRANSACTION_ROWS rows each, keeping the lease alive. */
  private async writeInTransactions(writes: [string, Record<string, unknown>, number][], step: string) {
    let i = 0;
    while (i < writes.length) {
      const group: typeof writes = [];
      let rows = 0;
      while (i < writes.length && (rows === 0 || rows + writes[i][2] <= TRANSACTION_ROWS)) {
        rows += writes[i][2];
        group.push(writes[i++]);
      }
      await this.db.write(async (tx) => {
        for (const [cypher, params] of group) await tx.run(cypher, params);
      }, this.timeoutMs);
      this.written += rows;
    }
    if (writes.length) this.progress(step, this.written, this.written);
  }

  private async flushDeferred() {
    const writes = [...this.deferred.groups.values()].flatMap((group) => this.relationWrites(group, true));
    this.deferred.clear();
    await this.writeInTransactions(writes, 'staging relationships');
  }

  // ------------------------------------------------------------ the switch

  private async switchOver(): Promise<number> {
    const dropped = [...this.memberLabel.keys()].filter((id) => !this.labelOf.has(id));
    const nothingToDo = !this.staged.size && !this.changed.length && !this.toReal.size && !dropped.length && !this.caseChanged;
    if (nothingToDo) return this.version;

    const total = this.staged.size + this.changed.length + this.toReal.size + dropped.length;
    let done = 0;
    const step = (rows: number, facts = rows) => {
      done += rows;
      this.written += facts;
      this.progress('switching over', Math.min(done, total), total);
    };
    return this.db.write(async (tx) => {
      // Staged nodes become real, all at once, inside this transaction.
      for (const label of this.stagedLabels) {
        const result = await tx.run(
          `MATCH (n:${STAGED(label)}) SET n:${label}, n.id = n.stagedId REMOVE n:${STAGED(label)}, n.stagedId RETURN count(n) AS n`,
        );
        step(Number(result.records[0].get('n')), 0); // written once already, when staged
      }
      if (this.caseChanged && this.caseRow) {
        await tx.run('MATCH (c:Case {id: $id}) SET c = $props', { id: this.caseId, props: this.caseRow.props });
      }
      await this.writeChanged(tx, step);
      for (const group of this.toReal.groups.values()) {
        for (const [cypher, params, rows] of this.relationWrites(group, false)) {
          await tx.run(cypher, params);
          step(rows);
        }
      }
      this.counts.removed = await removeDroppedNodes(tx, this.caseId, dropped);
      step(dropped.length, this.counts.removed);
      const meta = await tx.run(
        `MERGE (m:Meta {id: 'dataVersion'})
         WITH m, coalesce(m.version, 0) AS before
         SET m.version = before + 1, m.updatedAt = datetime(),
             m.digestsFrom = CASE WHEN m.importedVersion IS NULL OR m.importedVersion <> before OR before <> $started
                                  THEN before + 1 ELSE coalesce(m.digestsFrom, 0) END,
             m.importedVersion = before + 1
         WITH m
         MERGE (d:Meta {id: $digestId})
         SET d.digest = $caseDigest, d.digestVersion = m.version
         RETURN m.version AS version`,
        { started: this.version, digestId: `importedCase:${this.caseId}`, caseDigest: this.caseRow?.digest ?? null },
      );
      const version = Number(meta.records[0].get('version'));
      const nodes = Object.values(this.counts.nodes);
      const sum = (what: 'created' | 'updated' | 'unchanged') => nodes.reduce((n, c) => n + c[what], 0);
      await recordWrite(
        tx,
        this.options.writer ?? UNKNOWN_WRITER,
        this.caseId,
        {
          created: sum('created'),
          updated: sum('updated'),
          unchanged: sum('unchanged'),
          removed: this.counts.removed,
          relations: Object.values(this.counts.relations).reduce((n, c) => n + c, 0),
        },
        version,
      );
      // The lease ends with the switch, in the same transaction.
      await tx.run(`MATCH (m:Meta {id: '${LEASE}', importId: $importId}) DELETE m`, { importId: this.importId });
      return version;
    }, this.timeoutMs);
  }

  private async writeChanged(tx: ManagedTransaction, step: (rows: number) => void) {
    const byLabel = new Map<string, ChangedNode[]>();
    for (const node of this.changed) (byLabel.get(node.label) ?? byLabel.set(node.label, []).get(node.label)!).push(node);
    const relations = new RelationGroups();
    for (const [label, nodes] of byLabel) {
      const types = [...new Set([...bundleRelations(label).map((r) => r.type), 'EVIDENCED_BY'])];
      for (const batch of chunks(nodes)) {
        await tx.run(
          `UNWIND $rows AS row MATCH (n:${label} {id: row.id}) SET n = row.props
           WITH n, row
           OPTIONAL MATCH (n)-[old]->() WHERE type(old) IN $types DELETE old`,
          { rows: batch.map((n) => ({ id: n.id, props: n.props })), types },
        );
        // The digest goes on every IN_CASE of the node: another case's import of it must notice the new content.
        await tx.run(
          `UNWIND $rows AS row MATCH (n:${label} {id: row.id}) MATCH (c:Case {id: $caseId})
           MERGE (n)-[:IN_CASE]->(c)
           WITH n, row MATCH (n)-[r:IN_CASE]->() SET r.digest = row.digest, r.digestVersion = $at`,
          { rows: batch.map((n) => ({ id: n.id, digest: n.digest })), caseId: this.caseId, at: this.version + 1 },
        );
        for (const node of batch) {
          if (node.joins) this.countRelation('IN_CASE');
          for (const r of node.relations) relations.add(r);
        }
        step(batch.length);
      }
    }
    for (const group of relations.groups.values()) {
      for (const [cypher, params] of this.relationWrites(group, false)) await tx.run(cypher, params);
    }
    this.written += relations.size;
  }

  // ------------------------------------------------------------ one import at a time

  private async acquireLease() {
    if (!stagingIndexed.has(this.db)) {
      for (const { label } of NODES) {
        await this.db.write(
          (tx) => tx.run(`CREATE RANGE INDEX import_staged_${label.toLowerCase()} IF NOT EXISTS FOR (n:${STAGED(label)}) ON (n.stagedId)`),
          this.timeoutMs,
        );
      }
      await this.db.write((tx) => tx.run('CALL db.awaitIndexes(120)'), this.timeoutMs);
      stagingIndexed.add(this.db);
    }
    const staleMs = this.options.staleAfterMs ?? DEFAULT_STALE_MS;
    const holder = await this.db.write(async (tx) => {
      const result = await tx.run(
        `MERGE (m:Meta {id: '${LEASE}'})
         WITH m, m.importId IS NOT NULL AND m.heartbeat > timestamp() - $staleMs AS busy
         WITH m, busy, m.caseId AS holder, m.importId IS NOT NULL AND NOT busy AS abandoned
         SET m.importId = CASE WHEN busy THEN m.importId ELSE $importId END,
             m.caseId = CASE WHEN busy THEN m.caseId ELSE $caseId END,
             m.heartbeat = CASE WHEN busy THEN m.heartbeat ELSE timestamp() END
         RETURN busy, holder`,
        { staleMs, importId: this.importId, caseId: this.caseId },
      );
      const row = result.records[0];
      return row.get('busy') ? (row.get('holder') as string) : null;
    }, this.timeoutMs);
    if (holder !== null) throw new ImportBusyError(holder);
    // A killed import leaves its staged nodes behind; they go before anything is staged again.
    await this.sweepStaged();
    this.heartbeat = setInterval(() => {
      void this.db
        .write((tx) => tx.run(`MATCH (m:Meta {id: '${LEASE}', importId: $importId}) SET m.heartbeat = timestamp()`, { importId: this.importId }))
        .catch(() => {});
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private async releaseLease() {
    clearInterval(this.heartbeat);
    await this.db.write((tx) => tx.run(`MATCH (m:Meta {id: '${LEASE}', importId: $importId}) DELETE m`, { importId: this.importId }), this.timeoutMs);
  }

  /** Deletes staged nodes in transactions of their own (CALL { } IN TRANSACTIONS needs an implicit transaction). */
  private async sweepStaged() {
    const session = this.db.driver.session({ database: this.db.name });
    try {
      for (const { label } of NODES) {
        await session.run(`MATCH (n:${STAGED(label)}) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`);
      }
    } finally {
      await session.close();
    }
  }
}

/**
 * Nodes the case listed before but the bundle no longer does leave the case; those that
 * belong to no other case go, except shared vocabulary still pointed at from elsewhere.
 */
async function removeDroppedNodes(tx: ManagedTransaction, caseId: string, ids: string[]): Promise<number> {
  let removed = 0;
  for (const batch of chunks(ids, 10_000)) {
    const result = await tx.run(
      `MATCH (n)-[r:IN_CASE]->(:Case {id: $caseId}) WHERE n.id IN $ids
       DELETE r
       WITH DISTINCT n
       WHERE NOT EXISTS { (n)-[:IN_CASE]->() }
         AND NOT ((n:${SHARED_VOCABULARY.join(' OR n:')}) AND EXISTS { ()-[]->(n) })
       DETACH DELETE n
       RETURN count(*) AS removed`,
      { caseId, ids: batch },
    );
    removed += Number(result.records[0]?.get('removed') ?? 0);
  }
  return removed;
}
