// The unchanged re-import (server/bundle/importUnchanged.ts): a bundle the case was last
// imported from is known at once and writes nothing, but only while the case's nodes are as
// that import left them. An import that reads the bundle reports progress for each part; one
// that knew it at once reports none, which is how these tests tell the two apart.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../server/neo4j/database.js';
import { openBundleFile } from '../../server/bundle/bundleStream.js';
import { bundleFromData } from '../../server/bundle/parse.js';
import { importBundle, type ImportProgress } from '../../server/bundle/importBundle.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';
import { graphSnapshot } from './graphSnapshot.js';

let db: Database;
let folder: string;
beforeAll(async () => {
  db = await testDatabase();
  folder = await mkdtemp(path.join(os.tmpdir(), 'quanze-reimport-'));
});
afterAll(async () => {
  await closeTestDatabase();
  await rm(folder, { recursive: true, force: true });
});
beforeEach(async () => {
  await clearDatabase(db);
});

const source = (id: string) => ({ id, title: '报道', outlet: '某报', publishedAt: '2022-06-15', kind: 'NEWS', language: 'zh' });

/** A small case: a source, a shared city (listed by both cases), and bodies of its own in it. */
function caseBundle(caseId: string, cityName: string, bodies = 3) {
  return {
    format: 'quanze-bundle/1',
    case: { id: caseId, title: `Case ${caseId}`, titleZh: '案例' },
    sources: [source(`${caseId}-src`)],
    places: [{ id: 'u-city', name: cityName, nameZh: '某市', level: 'CITY' }],
    bodies: Array.from({ length: bodies }, (_, i) => ({
      id: `${caseId}-body-${i}`,
      name: `Body ${i}`,
      nameZh: `机构${i}`,
      kind: 'AGENCY',
      level: 'MUNICIPAL',
      jurisdiction: 'u-city',
      evidence: [{ source: `${caseId}-src`, quoteZh: `机构${i}` }],
    })),
  };
}

/** The bundle as NDJSON: the header line, then one line per list. */
async function ndjsonFile(name: string, bundle: Record<string, unknown>): Promise<string> {
  const { format, case: header, ...lists } = bundle;
  const lines = [JSON.stringify({ format, case: header }), ...Object.entries(lists).map(([key, list]) => JSON.stringify({ [key]: list }))];
  const file = path.join(folder, `${name}.ndjson`);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

async function importFile(file: string, options: { dryRun?: boolean } = {}) {
  const progress: ImportProgress[] = [];
  const result = await importBundle(db, await openBundleFile(file), { ...options, onProgress: (p) => progress.push(p) });
  expect(result.problems).toEqual([]);
  return { result, readThrough: progress.length > 0 };
}

const cityName = async () => (await db.query<{ name: string }>("MATCH (p:Place {id: 'u-city'}) RETURN p.name AS name"))[0].name;

describe('re-importing an unchanged bundle', () => {
  it('knows it at once and writes nothing: same graph, same data version, every node counted unchanged', async () => {
    const file = await ndjsonFile('a', caseBundle('u-a', 'City'));
    const first = await importFile(file);
    expect(first.readThrough).toBe(true);
    const before = await graphSnapshot(db);
    const again = await importFile(file);
    expect(again.readThrough).toBe(false);
    expect(again.result).toMatchObject({ ok: true, caseId: 'u-a', written: 0, dataVersion: first.result.dataVersion });
    expect(again.result.counts).toEqual({
      nodes: {
        Case: { created: 0, updated: 0, unchanged: 1 },
        Source: { created: 0, updated: 0, unchanged: 1 },
        Place: { created: 0, updated: 0, unchanged: 1 },
        Body: { created: 0, updated: 0, unchanged: 3 },
      },
      relations: {},
      removed: 0,
    });
    expect(await graphSnapshot(db)).toEqual(before);

    const dry = await importFile(file, { dryRun: true });
    expect(dry.readThrough).toBe(false);
    expect(dry.result).toMatchObject({ ok: true, dryRun: true });
    expect(dry.result.dataVersion).toBeUndefined();
  });

  it('knows a bundle given in memory too, and not one that differs in anything', async () => {
    const bundle = caseBundle('u-a', 'City');
    await importBundle(db, bundleFromData(structuredClone(bundle)));
    const progress: ImportProgress[] = [];
    const same = await importBundle(db, bundleFromData(structuredClone(bundle)), { onProgress: (p) => progress.push(p) });
    expect(same.written).toBe(0);
    expect(progress).toEqual([]);

    const edited = caseBundle('u-a', 'City', 2);
    const changed = await importBundle(db, bundleFromData(edited), { onProgress: (p) => progress.push(p) });
    expect(progress.length).toBeGreaterThan(0);
    expect(changed.counts.removed).toBe(1);
  });

  it('reads it through when another case has changed a node they share since, and puts the node back', async () => {
    const fileA = await ndjsonFile('a', caseBundle('u-a', 'City'));
    await importFile(fileA);
    const fileB = await ndjsonFile('b', caseBundle('u-b', 'City as case B names it'));
    const b = await importFile(fileB);
    expect(b.result.counts.nodes.Place).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(await cityName()).toBe('City as case B names it');

    const again = await importFile(fileA);
    expect(again.readThrough).toBe(true);
    expect(again.result.counts.nodes.Place).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(again.result.dataVersion).toBe(b.result.dataVersion! + 1);
    expect(await cityName()).toBe('City');
    // Now the case is as this bundle left it again.
    expect((await importFile(fileA)).readThrough).toBe(false);
  });

  it('reads it through after a write that did not come from an import', async () => {
    const file = await ndjsonFile('a', caseBundle('u-a', 'City'));
    const first = await importFile(file);
    await db.write((tx) =>
      tx.run(
        "MATCH (p:Place {id: 'u-city'}) SET p.name = 'Edited behind the import' WITH 1 AS one MATCH (m:Meta {id: 'dataVersion'}) SET m.version = m.version + 1",
      ),
    );
    const again = await importFile(file);
    expect(again.readThrough).toBe(true);
    expect(again.result.dataVersion).toBe(first.result.dataVersion! + 2);
    expect(await cityName()).toBe('City');
    expect((await importFile(file)).readThrough).toBe(false);
  });

  it('reads it through when the case has lost a node since, and writes it again', async () => {
    const file = await ndjsonFile('a', caseBundle('u-a', 'City'));
    await importFile(file);
    // A direct delete that also marks itself as an import's write: only the member count can tell.
    await db.write((tx) =>
      tx.run(
        "MATCH (b:Body {id: 'u-a-body-0'}) DETACH DELETE b WITH 1 AS one MATCH (m:Meta {id: 'dataVersion'}) WITH m, m.version + 1 AS v SET m.version = v, m.importedVersion = v",
      ),
    );
    const again = await importFile(file);
    expect(again.readThrough).toBe(true);
    expect(again.result.counts.nodes.Body).toEqual({ created: 1, updated: 0, unchanged: 2 });
  });
});
