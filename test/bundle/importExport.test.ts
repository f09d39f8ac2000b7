import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { readBundleFile, bundleFromData } from '../../server/bundle/parse.js';
import { importBundle, type ImportProgress } from '../../server/bundle/importBundle.js';
import { exportBundle, bundleYaml, CaseNotFoundError } from '../../server/bundle/exportBundle.js';
import { validateBundle } from '../../server/bundle/validate.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';
import { graphSnapshot } from './graphSnapshot.js';

const fixtures = path.join(projectRoot, 'test', 'fixtures', 'bundles');
const fixture = (name: string) => path.join(fixtures, name);

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(closeTestDatabase);
beforeEach(async () => {
  await clearDatabase(db);
});

async function importFixture(name: string) {
  const result = await importBundle(db, await readBundleFile(fixture(name)));
  expect(result.problems).toEqual([]);
  return result;
}

describe('importing the tiny fixture', () => {
  it('writes every node and relation, with typed values and computed pinyin', async () => {
    const result = await importFixture('valid-tiny.yaml');
    expect(result.ok).toBe(true);
    expect(result.caseId).toBe('test-tiny');
    expect(result.counts.nodes.Body).toEqual({ created: 6, updated: 0, unchanged: 0 });
    expect(result.counts.relations.PERFORMED_BY).toBe(2);
    expect(result.counts.relations.EVIDENCED_BY).toBe(10);
    expect(result.counts.relations.IN_CASE).toBe(21);

    const [person] = await db.query<{ pinyin: string; positions: number }>(
      "MATCH (p:Person {id: 't-official'}) RETURN p.pinyin AS pinyin, COUNT { (p)-[:HOLDS_POSITION]->(:Body {id: 't-division'}) } AS positions",
    );
    expect(person).toEqual({ pinyin: 'fengxianbin', positions: 1 });

    const [typed] = await db.query<Record<string, unknown>>(
      `MATCH (b:Body {id: 't-old-bureau'})-[s:SUCCEEDED_BY]->(n:Body {id: 't-new-bureau'}), (g:Group {id: 't-depositors'}), (gr:Grant {id: 't-grant-assign'})
       RETURN b.validTo = date('2022-03-31') AS dateStored, s.on = date('2022-04-01') AS relationDate, s.how AS how,
              valueType(g.size) AS sizeType, s.sourceIds AS sourceIds, s.citations AS citations, valueType(gr.conditions) AS conditionsType`,
    );
    expect(typed).toEqual({
      dateStored: true,
      relationDate: true,
      how: 'RENAMED',
      sizeType: 'INTEGER NOT NULL',
      sourceIds: ['src-tiny-news'],
      citations: JSON.stringify([{ source: 'src-tiny-news', quoteZh: '大数据局已更名', locator: 'para 2' }]),
      conditionsType: 'STRING NOT NULL',
    });

    const [evidence] = await db.query<{ quoteZh: string; quote: string }>(
      "MATCH (:Body {id: 't-old-bureau'})-[e:EVIDENCED_BY]->(:Source {id: 'src-tiny-news'}) RETURN e.quoteZh AS quoteZh, e.quote AS quote",
    );
    expect(evidence).toEqual({ quoteZh: '省大数据局', quote: 'The provincial big-data bureau' });

    const [orphans] = await db.query<{ n: number }>(
      "MATCH (n) WHERE NOT n:Case AND NOT n:Meta AND NOT n:AuditEntry AND NOT n:FindingSet AND NOT n:StoredFinding AND NOT n:Holding AND NOT (n)-[:IN_CASE]->(:Case {id: 'test-tiny'}) RETURN count(n) AS n",
    );
    expect(orphans.n).toBe(0);
  });

  it('twice writes nothing the second time: same graph, same data version', async () => {
    const first = await importFixture('valid-tiny.yaml');
    const before = await graphSnapshot(db);
    const second = await importFixture('valid-tiny.yaml');
    expect(await graphSnapshot(db)).toEqual(before);
    expect(second.counts.nodes.Body).toEqual({ created: 0, updated: 0, unchanged: 6 });
    expect(second.counts.relations).toEqual({});
    expect(second.written).toBe(0);
    expect(second.dataVersion).toBe(first.dataVersion);
  });

  it('again after a write that did not come from an import rewrites the case, since that write may have touched it', async () => {
    const first = await importFixture('valid-tiny.yaml');
    await db.write((tx) =>
      tx.run(
        "MATCH (b:Body {id: 't-division'}) SET b.name = 'Edited behind the import' WITH 1 AS one MATCH (m:Meta {id: 'dataVersion'}) SET m.version = m.version + 1",
      ),
    );
    const second = await importFixture('valid-tiny.yaml');
    expect(second.counts.nodes.Body).toEqual({ created: 0, updated: 6, unchanged: 0 });
    expect(second.dataVersion).toBe(first.dataVersion! + 2);
    const [row] = await db.query<{ name: string }>("MATCH (b:Body {id: 't-division'}) RETURN b.name AS name");
    expect(row.name).not.toBe('Edited behind the import');
    const third = await importFixture('valid-tiny.yaml');
    expect(third.written).toBe(0);
  });

  it('then exporting and importing the export gives the same graph', async () => {
    await importFixture('valid-tiny.yaml');
    const before = await graphSnapshot(db, { withMeta: false });
    const exported = await exportBundle(db, 'test-tiny');
    const text = bundleYaml(exported);
    const reread = bundleFromData(parse(text), 'export.yaml');
    expect(validateBundle(reread)).toEqual([]);

    await clearDatabase(db);
    const result = await importBundle(db, reread);
    expect(result.problems).toEqual([]);
    expect(await graphSnapshot(db, { withMeta: false })).toEqual(before);
    expect(bundleYaml(await exportBundle(db, 'test-tiny'))).toBe(text);
  });

  it('as a dry run validates and counts but writes nothing', async () => {
    const result = await importBundle(db, await readBundleFile(fixture('valid-tiny.yaml')), { dryRun: true });
    expect(result).toMatchObject({ ok: true, dryRun: true, problems: [] });
    expect(result.counts.nodes.Place).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect(await graphSnapshot(db)).toEqual({ nodes: [], relationships: [] });
  });
});

describe('a bad bundle', () => {
  it('leaves the database exactly as it was, data version included', async () => {
    await importFixture('valid-tiny.yaml');
    const before = await graphSnapshot(db);
    const bad = (await readdir(fixtures)).filter((f) => f.startsWith('bad-'));
    expect(bad.length).toBeGreaterThanOrEqual(7);
    for (const name of bad) {
      const result = await importBundle(db, await readBundleFile(fixture(name)));
      expect({ name, ok: result.ok }).toEqual({ name, ok: false });
      expect(result.problems.length).toBeGreaterThan(0);
      expect(await graphSnapshot(db)).toEqual(before);
    }
  });

  it('may use shared vocabulary only once the database has it', async () => {
    const alone = await importBundle(db, await readBundleFile(fixture('uses-shared-vocabulary.yaml')));
    expect(alone.problems.map((p) => [p.path, p.code])).toEqual([
      ['bodies[0].jurisdiction', 'DANGLING_REFERENCE'],
      ['statements[0].about[0]', 'DANGLING_REFERENCE'],
    ]);
    expect(alone.problems[0].message).toBe('jurisdiction points at "t-city", but no Place has that id in this bundle or the database.');

    await importFixture('valid-tiny.yaml');
    await importFixture('uses-shared-vocabulary.yaml');
    const [row] = await db.query<{ cases: string[] }>(
      "MATCH (:Body {id: 't-shared-hotline'})-[:JURISDICTION]->(p:Place {id: 't-city'}) RETURN [(p)-[:IN_CASE]->(c) | c.id] AS cases",
    );
    expect(row.cases).toEqual(['test-tiny']);
    const exported = await exportBundle(db, 'test-shared');
    expect((exported.bodies as { jurisdiction: string }[])[0].jurisdiction).toBe('t-city');
    expect(exported.places).toBeUndefined();
  });
});

describe('re-importing an edited bundle', () => {
  it('reflects the edit: changed properties, dropped relations and dropped nodes', async () => {
    await importFixture('valid-tiny.yaml');
    const edited = (await readBundleFile(fixture('valid-tiny.yaml'))).data as Record<string, Record<string, unknown>[]>;
    const division = edited.bodies.find((b) => b.id === 't-division')!;
    delete division.partOf;
    division.name = 'Social control guidance division';
    edited.groups = [];
    const action = edited.actions[0];
    delete action.affected;
    action.performedBy = (action.performedBy as { role: string }[]).filter((p) => p.role === 'DECIDED');

    const result = await importBundle(db, bundleFromData(edited));
    expect(result.problems).toEqual([]);
    expect(result.counts.removed).toBe(1);
    const [row] = await db.query<Record<string, unknown>>(
      `MATCH (d:Body {id: 't-division'}) MATCH (a:Action {id: 't-red-codes'})
       RETURN d.name AS name, COUNT { (d)-[:PART_OF]->() } AS partOf, COUNT { (a)-[:PERFORMED_BY]->() } AS actors,
              COUNT { (:Group) } AS groups`,
    );
    expect(row).toEqual({ name: 'Social control guidance division', partOf: 0, actors: 1, groups: 0 });
  });
});

describe('exporting', () => {
  it('an unknown case says so', async () => {
    await expect(exportBundle(db, 'no-such-case')).rejects.toBeInstanceOf(CaseNotFoundError);
  });
});

describe('a large bundle', () => {
  it('imports in batches within one transaction and reports progress', async () => {
    const bodies = Array.from({ length: 3000 }, (_, i) => ({
      id: `t-body-${i}`,
      name: `Body ${i}`,
      nameZh: `机构${i}`,
      kind: 'AGENCY',
      level: 'MUNICIPAL',
      jurisdiction: 't-place',
      partOf: i > 0 ? `t-body-${i - 1}` : undefined,
      evidence: [{ source: 'src-big', quoteZh: `机构${i}` }],
    })).map((b) => JSON.parse(JSON.stringify(b)));
    const bundle = {
      format: 'quanze-bundle/1',
      case: { id: 'test-large', title: 'Large', titleZh: '大' },
      sources: [{ id: 'src-big', title: '报道', outlet: '某报', publishedAt: '2022-06-15', kind: 'NEWS', language: 'zh' }],
      places: [{ id: 't-place', name: 'Place', nameZh: '某地', level: 'CITY' }],
      bodies,
    };
    const progress: ImportProgress[] = [];
    // Its speed is the benchmark's to measure (npm run bench), not a test's: no clock here.
    const result = await importBundle(db, bundle, { onProgress: (p) => progress.push(p), findings: 'later' });
    expect(result.problems).toEqual([]);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    // Each step counts in one unit towards one total, so a progress bar fills once per step (it
    // printed a finished bar per part when facts written were reported as done of themselves).
    for (const step of new Set(progress.map((p) => p.step))) {
      const own = progress.filter((p) => p.step === step);
      expect(new Set(own.map((p) => p.total)).size).toBe(1);
      own.forEach((p, i) => {
        expect(p.done).toBeLessThanOrEqual(p.total);
        if (i) expect(p.done).toBeGreaterThanOrEqual(own[i - 1].done);
      });
    }
    const [row] = await db.query<{ n: number }>('MATCH (:Body)-[:PART_OF]->(:Body) RETURN count(*) AS n');
    expect(row.n).toBe(2999);
  });
});
