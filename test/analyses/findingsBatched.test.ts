// The derive computes the findings a batch of actions at a time and stores each batch as it
// comes (server/analyses/gaps/batches.ts, server/analyses/derived/findingsBatchStore.ts). With
// tiny batches the stored sets are exactly the findings computed whole (caseFindings), page by
// page, in both readings, with their totals: on the three seed cases and a small generated
// national case, titles that read alike in different batches included. A derive that fails
// in a middle batch leaves the previous sets answering, and the next derive replaces them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../server/neo4j/database.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { openBundleFile } from '../../server/bundle/bundleStream.js';
import { readBundleFile } from '../../server/bundle/parse.js';
import { seedFiles } from '../../server/bundle/seedOnEmpty.js';
import { caseFindings, pageOf, type CaseFindings, type GapsAnswer } from '../../server/analyses/gaps.js';
import { actionIdsOf } from '../../server/analyses/gaps/caseActions.js';
import { deriveCase, deriveFindings, READINGS } from '../../server/analyses/derived/deriveFindings.js';
import { isCurrent, setKey, storedPage } from '../../server/analyses/derived/findingsStore.js';
import { writeNationalCase } from '../../bench/nationalCase.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';

const HENAN = 'henan-red-code-2022';
const MILLBROOK = 'illustrative-millbrook-demolition-permit';
const UK = 'uk-prorogation-2019';
const PAGE = 7;

/** As the API would send it: fields left undefined are absent. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

let db: Database;
let national: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'quanze-batched-'));
beforeAll(async () => {
  db = await testDatabase();
  await clearDatabase(db);
  // Left for the tests to derive, each with its own batch size.
  for (const file of await seedFiles()) {
    const result = await importBundle(db, await readBundleFile(file), { findings: 'later' });
    expect(result.problems).toEqual([]);
  }
  const file = path.join(tmp, 'national.ndjson');
  const written = await writeNationalCase(file, { scale: 0.002 });
  const result = await importBundle(db, await openBundleFile(file), { findings: 'later' });
  expect(result.problems).toEqual([]);
  national = written.caseId;
}, 900_000);
afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  await closeTestDatabase();
});

/** Every stored page of a set, read `PAGE` at a time, each beside the page computed whole. */
async function comparePages(caseId: string, reading: GapsAnswer['reading'], computed: CaseFindings): Promise<number> {
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const stored: Awaited<ReturnType<typeof storedPage>> = plain(await storedPage(db, { case: caseId, at: null, reading, limit: PAGE, after }));
    const { case: _case, at: _at, reading: _reading, ...expected } = plain(pageOf(computed, { case: caseId, at: null, reading, limit: PAGE, after }));
    expect(stored).toEqual(expected);
    pages++;
    if (!stored!.hasNextPage) return pages;
    after = stored!.endCursor;
  }
}

/** The findings whose titles were told apart, by the title they shared, with the batch of each one's action. */
async function alikeAcrossBatches(caseId: string, computed: CaseFindings, size: number): Promise<string[][]> {
  const batchOf = new Map((await actionIdsOf(db, { case: caseId, at: null })).map((id, n) => [id, Math.floor(n / size)]));
  const byTitle = new Map<string, Set<number>>();
  for (const f of computed.findings) {
    const cut = f.title.indexOf(' — ');
    const action = f.nodeIds.find((id) => batchOf.has(id));
    if (cut < 0 || action === undefined) continue;
    const shared = f.title.slice(0, cut);
    byTitle.set(shared, (byTitle.get(shared) ?? new Set()).add(batchOf.get(action)!));
  }
  return [...byTitle].filter(([, batches]) => batches.size > 1).map(([title, batches]) => [title, ...[...batches].map(String)]);
}

const BATCHES: [string, number][] = [
  [HENAN, 1],
  [MILLBROOK, 2],
  [UK, 3],
  ['national', 3],
];
describe.each(BATCHES)('the sets of %s derived in batches of %i actions', (name, size) => {
  const caseOf = () => (name === 'national' ? national : name);
  const computed = new Map<string, CaseFindings>();

  beforeAll(async () => {
    const report = await deriveFindings(db, caseOf(), { batchActions: size });
    expect(report.error).toBeUndefined();
    expect(report.sets.sort()).toEqual(READINGS.map((r) => `${caseOf()}|${r}`).sort());
    for (const reading of READINGS) computed.set(reading, plain(await caseFindings(db, { case: caseOf(), at: null, reading })));
    expect(report.findings).toBe([...computed.values()].reduce((n, c) => n + c.findings.length, 0));
  }, 900_000);

  it.each(READINGS)('equal the findings computed whole, page by page with the totals, in the reading %s', async (reading) => {
    expect(await isCurrent(db, caseOf(), reading)).toBe(true);
    const all = computed.get(reading)!;
    expect(await comparePages(caseOf(), reading, all)).toBe(Math.max(1, Math.ceil(all.findings.length / PAGE)));
  });

  it('hold nothing but the current generation', async () => {
    for (const reading of READINGS) {
      const [row] = await db.query<{ n: number }>(`MATCH (f:StoredFinding) WHERE f.set STARTS WITH $key RETURN count(f) AS n`, {
        key: setKey(caseOf(), reading),
      });
      expect(row.n).toBe(computed.get(reading)!.findings.length);
    }
  });

  if (name === 'national') {
    it('include titles that read alike in different batches, told apart as when computed whole', async () => {
      expect((await alikeAcrossBatches(caseOf(), computed.get('AS_IT_STOOD')!, size)).length).toBeGreaterThan(0);
    });
  }
});

describe('a derive that fails in a middle batch', () => {
  it('leaves the previous sets answering; the next derive replaces them whole', async () => {
    const before = await Promise.all(READINGS.map(async (reading) => plain(await storedPage(db, { case: UK, at: null, reading, limit: 50 }))));
    expect(before.every((p) => p !== null && p.total > 0)).toBe(true);
    const actions = await actionIdsOf(db, { case: UK, at: null });
    expect(actions.length).toBeGreaterThan(2);
    await expect(
      deriveCase(db, UK, [...READINGS], undefined, {
        batchActions: 1,
        store: { batch: 2 },
        // After the second batch of actions, with more to come.
        afterActions: (done) => {
          if (done === 2) throw new Error('injected failure');
        },
      }),
    ).rejects.toThrow('injected failure');
    for (const [n, reading] of READINGS.entries()) {
      expect(plain(await storedPage(db, { case: UK, at: null, reading, limit: 50 }))).toEqual(before[n]);
      expect(await isCurrent(db, UK, reading)).toBe(true);
    }
    // The set is free again: the next derive stores it, and removes what the failed one wrote.
    await deriveCase(db, UK, [...READINGS], undefined, { batchActions: 2 });
    for (const reading of READINGS) {
      const all = plain(await caseFindings(db, { case: UK, at: null, reading }));
      await comparePages(UK, reading, all);
      const [row] = await db.query<{ n: number }>(`MATCH (f:StoredFinding) WHERE f.set STARTS WITH $key RETURN count(f) AS n`, {
        key: setKey(UK, reading),
      });
      expect(row.n).toBe(all.findings.length);
    }
  }, 600_000);
});
