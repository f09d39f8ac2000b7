// Backup and restore (server/bundle/backup.ts, `npm run backup` / `npm run restore`) on the real
// Neo4j: every case out, the database wiped, every case back in; the graph is the same and a
// second backup has the same bytes. A case that points at another case's vocabulary waits for
// it. A changed file, or a folder that already holds a backup, is refused.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { backupTo, restoreFrom, MANIFEST, type Manifest } from '../../server/bundle/backup.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { readBundleFile } from '../../server/bundle/parse.js';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { clearDatabase, closeTestDatabase, testCredentials, testDatabase } from '../support/neo4j.js';
import { graphSnapshot } from './graphSnapshot.js';

const run = promisify(execFile);
// A seed case and the fixtures: every node type, law over time, partial dates, and a case that uses another's vocabulary.
const FILES = [
  'seed/illustrative-millbrook-demolition-permit.yaml',
  'test/fixtures/bundles/valid-date-precision.yaml',
  'test/fixtures/bundles/valid-tiny.yaml',
  'test/fixtures/bundles/uses-shared-vocabulary.yaml',
  'test/fixtures/bundles/valid-law-over-time.yaml',
];
const writer = { who: 'backup-test', via: 'cli' } as const;

let db: Database;
let work: string;

beforeAll(async () => {
  db = await testDatabase();
  await clearDatabase(db);
  for (const file of FILES) expect((await importBundle(db, await readBundleFile(path.join(projectRoot, file)))).problems).toEqual([]);
  work = await mkdtemp(path.join(os.tmpdir(), 'quanze-backup-'));
}, 600_000);
afterAll(async () => {
  await closeTestDatabase();
  if (work) await rm(work, { recursive: true, force: true });
});

/** The graph without bookkeeping: which import wrote a membership (its data version) depends on the order of imports. */
async function graph() {
  const snapshot = await graphSnapshot(db, { withMeta: false });
  return { ...snapshot, relationships: snapshot.relationships.map((r) => r.replace(/"digestVersion":\d+/, '"digestVersion":_')) };
}

async function filesOf(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).filter((f) => f !== MANIFEST).sort();
  return Object.fromEntries(await Promise.all(names.map(async (f) => [f, await readFile(path.join(dir, f), 'utf8')] as const)));
}

describe('backup and restore', () => {
  it('take every case out and back in: the same graph, and a second backup of the same bytes', async () => {
    const first = path.join(work, 'first');
    const { manifest } = await backupTo(db, first);
    expect(manifest.cases.map((c) => c.id)).toEqual([
      'illustrative-millbrook-demolition-permit',
      'test-date-precision',
      'test-law-over-time',
      'test-shared',
      'test-tiny',
    ]);
    const before = await graph();

    await clearDatabase(db);
    const { restored, refused } = await restoreFrom(db, first, writer);
    expect(refused).toEqual([]);
    // test-shared points at test-tiny's place and power, so it goes in after test-tiny.
    expect(restored.map((r) => r.id).indexOf('test-shared')).toBeGreaterThan(restored.map((r) => r.id).indexOf('test-tiny'));
    expect(await graph()).toEqual(before);

    const second = path.join(work, 'second');
    await backupTo(db, second);
    expect(await filesOf(second)).toEqual(await filesOf(first));
  }, 600_000);

  it('refuse a folder that already holds a backup, and a backup whose file was changed (writing nothing)', async () => {
    const dir = path.join(work, 'changed');
    await backupTo(db, dir);
    await expect(backupTo(db, dir)).rejects.toThrow(/already holds a backup/);
    const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as Manifest;
    const file = path.join(dir, manifest.cases[0].file);
    await writeFile(file, (await readFile(file, 'utf8')).replace('name:', 'name: ') + '\n');
    const before = await graphSnapshot(db);
    await expect(restoreFrom(db, dir, writer)).rejects.toThrow(/SHA-256 differs/);
    await expect(restoreFrom(db, path.join(work, 'nothing-here'), writer)).rejects.toThrow(/backup.json is missing/);
    expect(await graphSnapshot(db)).toEqual(before);
  }, 600_000);

  it('run as `npm run backup -- --out DIR` and `npm run restore -- --from DIR`', async () => {
    const { user, password } = testCredentials();
    const env = { ...process.env, NEO4J_URI: process.env.QUANZE_TEST_NEO4J_URI, NEO4J_USER: user, NEO4J_PASSWORD: password };
    const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx');
    const dir = path.join(work, 'cli');
    const before = await graph();
    const out = await run(tsx, ['server/cli/backup.ts', '--out', dir], { cwd: projectRoot, env });
    expect(out.stdout).toMatch(/^Backed up 5 case\(s\), [\d,]+ bytes, at data version \d+, into /);
    await expect(run(tsx, ['server/cli/restore.ts', '--from'], { cwd: projectRoot, env })).rejects.toMatchObject({ code: 2 });

    await clearDatabase(db);
    const back = await run(tsx, ['server/cli/restore.ts', '--from', dir], { cwd: projectRoot, env });
    expect(back.stdout).toMatch(/^Restored 5 case\(s\), [\d,]+ facts written; data version \d+\.$/m);
    expect(await graph()).toEqual(before);
  }, 600_000);
});
