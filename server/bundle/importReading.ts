// The reading half of an import (server/bundle/importBundle.ts): pass 1 notes every id the
// bundle holds, then the database is read for what it already holds, and pass 2 checks each
// part and stages its new nodes and the relationships among them.
import { createHash } from 'node:crypto';
import { CITATION, NODES, type NodeSpec } from '../model/model.js';
import { CASE_META } from '../neo4j/caseMeta.js';
import { SHARED_VOCABULARY, bundleRelations, itemsOf, referencesOf, type Citation } from './bundleShape.js';
import { graphProperties } from './graphValues.js';
import { bundleFromData, type ParsedBundle } from './parse.js';
import { pinyinOf } from './pinyin.js';
import { schemaValidator, validateBundle } from './validate.js';
import { ImportState, RelationGroups, STAGED, chunks, packRows, type NodeRow, type PlannedItem, type Relation, type Write } from './importState.js';
import { spanClassSet } from '../derive/actionSpans.js';

const MAX_PROBLEMS = 500;

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

export abstract class ImportReading extends ImportState {
  // ------------------------------------------------------------ pass 1: ids

  protected async scan() {
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

  protected async readDatabase() {
    const outside = [...this.pointedAt].filter((id) => !this.labelOf.has(id));
    await this.db.read(async (tx) => {
      const meta = await tx.run(
        `OPTIONAL MATCH (m:Meta {id: 'dataVersion'})
         OPTIONAL MATCH (d:Meta {id: $digestId})
         RETURN coalesce(m.version, 0) AS version, m.importedVersion AS importedVersion, coalesce(m.digestsFrom, 0) AS digestsFrom,
                d.digest AS caseDigest, d.digestVersion AS caseDigestVersion`,
        { digestId: CASE_META + this.caseId },
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
  protected async checkOwnership() {
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

  // ------------------------------------------------------------ pass 2: check and stage

  protected async checkAndStage() {
    let index = 0;
    let done = 0;
    // A part's writes go to Neo4j while the next part is read and checked; they stay in order, one part's after the other's.
    let writing: Promise<void> = Promise.resolve();
    try {
      for await (const part of this.stream.parts()) {
        const first = index++ === 0;
        const items = itemsOf(part.data).filter((e) => first || e.spec.label !== 'Case');
        const writes = this.checkAndStagePart(part, first, items);
        await writing;
        writing = this.writeInTransactions(writes);
        writing.catch(() => {}); // awaited below: this only keeps a failure from counting as unhandled meanwhile
        if (this.problems.length >= MAX_PROBLEMS) break;
        done += items.filter((e) => e.spec.label !== 'Case').length;
        this.progress('checking and staging', done, this.totalItems);
      }
    } catch (error) {
      await writing.catch(() => {});
      throw error;
    }
    await writing;
  }

  /** What one item would write, and whether it is new, changed or unchanged. */
  protected planItem(spec: NodeSpec, item: Record<string, unknown>): PlannedItem {
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

  /** Checks one part and plans its staging: the statements that stage it, to run once the previous part's have. */
  protected checkAndStagePart(part: ParsedBundle, first: boolean, items: ReturnType<typeof itemsOf>): Write[] {
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
    if (this.problems.length || !plans) return [];

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
    if (this.dryRun) return [];

    // Stage this part: its new nodes, then the relationships among staged nodes whose ends are both staged by now.
    const writes: Write[] = [];
    for (const [label, rows] of newNodes) {
      this.stagedLabels.add(label);
      for (const batch of chunks(rows)) {
        // Properties written out one by one: `SET n = map` would make the planner hold every row back (Eager).
        const packed = packRows(batch, (row) => [row.id], ['id']);
        writes.push([
          `UNWIND $rows AS row CREATE (n:${STAGED(label)} ${packed.map})${spanClassSet(label, 'n')}`,
          { rows: packed.rows },
          batch.length,
        ]);
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
    return writes;
  }
}
