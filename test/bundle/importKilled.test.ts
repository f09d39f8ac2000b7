// An import killed half way (the CLI, as a child process, SIGKILLed while it stages) leaves
// the previous version of the case answering, with nothing of the new one visible; the next
// import sweeps what the killed one staged and completes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import { NODES } from '../../server/model/model.js';
import type { Database } from '../../server/neo4j/database.js';
import { readBundleFile } from '../../server/bundle/parse.js';
import { openBundleFile } from '../../server/bundle/bundleStream.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { exportBundle, bundleYaml } from '../../server/bundle/exportBundle.js';
import { describeNodes } from '../../server/analyses/evidence.js';
import { search } from '../../server/analyses/search.js';
import { clearDatabase, closeTestDatabase, testDatabase, testCredentials } from '../support/neo4j.js';
import { startOurProcess } from '../support/ourProcess.js';

const TINY = path.join(projectRoot, 'test', 'fixtures', 'bundles', 'valid-tiny.yaml');
const ACTIONS = 6_000;

let db: Database;
let dir: string;
beforeAll(async () => {
  db = await testDatabase();
  await clearDatabase(db);
  dir = mkdtempSync(path.join(os.tmpdir(), 'quanze-killed-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await closeTestDatabase();
});

/** The tiny case again, as NDJSON, with many more actions: a new version of the same case. */
async function biggerVersionOfTiny(): Promise<string> {
  const tiny = (await readBundleFile(TINY)).data as Record<string, unknown>;
  const { format, case: header, ...lists } = tiny;
  const lines = [JSON.stringify({ format, case: header }), JSON.stringify(lists)];
  for (let start = 0; start < ACTIONS; start += 1000) {
    const actions = Array.from({ length: 1000 }, (_, i) => ({
      id: `t-more-${start + i}`,
      summary: `Codes turned red (${start + i})`,
      summaryZh: `赋红码（${start + i}）`,
      startedAt: '2022-06-13',
      exercised: ['t-code.assign'],
      in: 't-city',
      performedBy: [{ id: 't-division', role: 'EXECUTED', evidence: [{ source: 'src-tiny-news', quoteZh: '赋码' }] }],
      evidence: [{ source: 'src-tiny-news', quoteZh: '赋红码' }],
    }));
    lines.push(JSON.stringify({ actions }));
  }
  const file = path.join(dir, 'tiny-bigger.ndjson');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Everything a question can see: nodes with a model label and the relationships among them. */
async function visibleGraph(): Promise<{ nodes: string[]; relationships: number; version: number }> {
  const labels = NODES.map((n) => n.label);
  const [nodes] = await db.query<{ nodes: string[] }>(
    "MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) RETURN collect(n.id + ' ' + labels(n)[0]) AS nodes",
    { labels },
  );
  const [rels] = await db.query<{ n: number }>(
    'MATCH (a)-[r]->(b) WHERE any(l IN labels(a) WHERE l IN $labels) AND any(l IN labels(b) WHERE l IN $labels) RETURN count(r) AS n',
    { labels },
  );
  const [meta] = await db.query<{ v: number }>("MATCH (m:Meta {id: 'dataVersion'}) RETURN m.version AS v");
  return { nodes: nodes.nodes.sort(), relationships: rels.n, version: meta.v };
}

async function stagedCount(): Promise<number> {
  const [row] = await db.query<{ n: number }>("MATCH (n) WHERE any(l IN labels(n) WHERE l STARTS WITH 'ImportStaged_') RETURN count(n) AS n");
  return row.n;
}

describe('an import killed half way', () => {
  it('leaves the previous version answering; the next import sweeps its leftovers and completes', async () => {
    expect((await importBundle(db, await readBundleFile(TINY))).ok).toBe(true);
    const before = await visibleGraph();
    const exported = bundleYaml(await exportBundle(db, 'test-tiny'));
    const file = await biggerVersionOfTiny();

    const importer = startOurProcess(path.join('server', 'cli', 'import.ts'), [file], {
      NEO4J_URI: process.env.QUANZE_TEST_NEO4J_URI,
      NEO4J_USER: testCredentials().user,
      NEO4J_PASSWORD: testCredentials().password,
    });
    // Kill it once it has staged part of the new version, and before it switches over.
    await importer.waitFor('staged 500 nodes', async () => (await stagedCount()) > 500, 400_000, 100);
    await importer.stop('SIGKILL');

    expect(await stagedCount()).toBeGreaterThan(0);
    expect(await visibleGraph()).toEqual(before);
    expect(bundleYaml(await exportBundle(db, 'test-tiny'))).toBe(exported);
    const [found] = await db.query<{ n: number }>("MATCH (a:Action) WHERE a.id STARTS WITH 't-more-' RETURN count(a) AS n");
    expect(found.n).toBe(0);
    // Staged nodes carry their id already; the questions, which match model labels, still see none of them.
    const [staged] = await db.query<{ id: string }>('MATCH (n:ImportStaged_Action) RETURN n.id AS id LIMIT 1');
    expect(staged.id).toMatch(/^t-more-/);
    expect((await describeNodes(db, [staged.id])).size).toBe(0);
    expect((await search(db, { text: '赋红码', limit: 100 })).hits.filter((h) => h.node.id.startsWith('t-more-'))).toEqual([]);

    // The killed import's lease is stale after a moment; the next import takes over.
    await new Promise((r) => setTimeout(r, 1500));
    const again = await importBundle(db, await openBundleFile(file), { staleAfterMs: 1000 });
    expect(again.problems).toEqual([]);
    expect(again.counts.nodes.Action).toEqual({ created: ACTIONS, updated: 0, unchanged: 1 });
    expect(await stagedCount()).toBe(0);
    const after = await visibleGraph();
    expect(after.version).toBe(before.version + 1);
    expect(after.nodes.length).toBe(before.nodes.length + ACTIONS);
    const [actions] = await db.query<{ n: number }>("MATCH (a:Action)-[:IN_CASE]->(:Case {id: 'test-tiny'}) RETURN count(a) AS n");
    expect(actions.n).toBe(ACTIONS + 1);
  }, 900_000);
});

describe('an import whose lease renewal has to wait', () => {
  it('renews one beat at a time, however long a beat waits', async () => {
    await clearDatabase(db);
    expect((await importBundle(db, await readBundleFile(TINY))).ok).toBe(true);
    const file = await biggerVersionOfTiny();
    // Another transaction holds the lease node, as the switch-over does from deleting the lease
    // to its commit (minutes for a national case); a beat is due every 5 ms meanwhile.
    const holder = db.driver.session({ database: db.name });
    let held: Promise<number> | undefined;
    const waiting = async (): Promise<number> => {
      const tx = holder.beginTransaction();
      try {
        await tx.run("MATCH (m:Meta {id: 'importLease'}) SET m.heldByTest = true");
        let seen = 0;
        for (let look = 0; look < 10; look++) {
          await new Promise((r) => setTimeout(r, 100));
          const [row] = await db.query<{ n: number }>(
            "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS 'SET m.heartbeat' AND NOT currentQuery STARTS WITH 'SHOW' RETURN count(*) AS n",
          );
          seen = Math.max(seen, row.n);
        }
        return seen;
      } finally {
        await tx.rollback();
      }
    };
    const imported = await importBundle(db, await openBundleFile(file), {
      heartbeatMs: 5,
      // Once the lease is taken (progress comes only after it), the holder takes its node.
      onProgress: () => void (held ??= waiting()),
    });
    await holder.close();
    expect(imported.ok).toBe(true);
    expect(held).toBeDefined();
    // Beats due meanwhile: about 200. Waiting at once: the one under way.
    expect(await held).toBe(1);
  }, 300_000);
});
