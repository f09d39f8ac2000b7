// The findings stored after an import (server/analyses/derived/) answer exactly what gaps
// computes: the first page, every page put together, and the totals, on the three seed cases
// in both readings. And they are kept current incrementally: importing an unrelated case
// leaves them as they are; a change to the case, or to a node it shares with the importing
// case, has them computed again by the import's derive step.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { readBundleFile } from '../../server/bundle/parse.js';
import { seedFiles } from '../../server/bundle/seedOnEmpty.js';
import { caseFindings, gaps, type GapsAnswer } from '../../server/analyses/gaps.js';
import { tellApartAndOrder, uniqueById, unranked } from '../../server/analyses/gaps/answerOrder.js';
import { forEachBatch } from '../../server/analyses/gaps/batches.js';
import type { Ranked } from '../../server/analyses/gaps/finding.js';
import { answerGaps } from '../../server/analyses/derived/gapsAnswer.js';
import { isCurrent, storedPage } from '../../server/analyses/derived/findingsStore.js';
import { READINGS } from '../../server/analyses/derived/deriveFindings.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';

const HENAN = 'henan-red-code-2022';
const MILLBROOK = 'illustrative-millbrook-demolition-permit';
const UK = 'uk-prorogation-2019';
const CASES = [HENAN, MILLBROOK, UK];
const TINY = path.join(projectRoot, 'test', 'fixtures', 'bundles', 'valid-tiny.yaml');
const MILLBROOK_FILE = path.join(projectRoot, 'seed', `${MILLBROOK}.yaml`);

/** As the API would send it: fields left undefined are absent. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const sets = (...cases: string[]) => cases.flatMap((c) => READINGS.map((r) => `${c}|${r}`)).sort();

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
  await clearDatabase(db);
  for (const file of await seedFiles()) {
    const result = await importBundle(db, await readBundleFile(file));
    expect(result.problems).toEqual([]);
    // Each seed case's import derives its own findings (the seed cases share no node).
    expect(result.derivedFindings?.sets.sort()).toEqual(sets(result.caseId!));
    expect(result.derivedFindings?.seconds).toBeGreaterThanOrEqual(0);
  }
}, 600_000);
afterAll(closeTestDatabase);

describe.each(CASES.flatMap((c) => READINGS.map((r) => [c, r] as const)))('stored findings of %s, %s', (caseId, reading) => {
  let computed: Awaited<ReturnType<typeof caseFindings>>;
  beforeAll(async () => {
    computed = plain(await caseFindings(db, { case: caseId, at: null, reading }));
  }, 300_000);

  it('are current after the import and answer the first page and the totals as computed', async () => {
    expect(await isCurrent(db, caseId, reading)).toBe(true);
    const question = { case: caseId, reading, limit: 5 };
    const stored = plain(await storedPage(db, { ...question, at: null }));
    const fromGaps = plain(await gaps(db, question));
    expect(stored).not.toBeNull();
    const { case: _case, at: _at, reading: _reading, ...rest } = fromGaps;
    expect(stored).toEqual(rest);
    expect(plain(await answerGaps(db, question))).toEqual(fromGaps);
    expect(fromGaps.total).toBe(computed.findings.length);
  });

  it('page by page, put together, are every finding in order', async () => {
    const all: GapsAnswer['findings'] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page: GapsAnswer = plain(await answerGaps(db, { case: caseId, reading, limit: 3, after }));
      const fromGaps = plain(await gaps(db, { case: caseId, reading, limit: 3, after }));
      expect(page).toEqual(fromGaps);
      all.push(...page.findings);
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    expect(all).toEqual(computed.findings);
  });
});

describe('kept current incrementally', () => {
  it('an import of an unrelated case derives only that case', async () => {
    const result = await importBundle(db, await readBundleFile(TINY));
    expect(result.problems).toEqual([]);
    expect(result.derivedFindings?.sets.sort()).toEqual(sets('test-tiny'));
    for (const c of CASES) for (const r of READINGS) expect(await isCurrent(db, c, r)).toBe(true);
  }, 300_000);

  it('an unchanged re-import derives nothing', async () => {
    const result = await importBundle(db, await readBundleFile(MILLBROOK_FILE));
    expect(result.written).toBe(0);
    expect(result.derivedFindings?.sets).toEqual([]);
  }, 300_000);

  it('a change to the case has its findings computed again, equal to the computed ones', async () => {
    const bundle = await readBundleFile(MILLBROOK_FILE);
    const data = bundle.data as { actions: { id: string; summary: string }[] };
    data.actions[0].summary = `${data.actions[0].summary} (corrected)`;
    const result = await importBundle(db, bundle);
    expect(result.problems).toEqual([]);
    expect(result.derivedFindings?.sets.sort()).toEqual(sets(MILLBROOK));
    for (const reading of READINGS) {
      const question = { case: MILLBROOK, reading, limit: 200 };
      expect(plain(await answerGaps(db, question))).toEqual(plain(await gaps(db, question)));
    }
  }, 300_000);

  it('another case changing a node the case shares makes it stale at once, and its import computes it again', async () => {
    const bundle = {
      format: 'quanze-bundle/1',
      case: { id: 'test-renames-millbrook', title: 'Renames a shared place', titleZh: '改名共享地点', fictional: true },
      places: [
        { id: 'fx-examplia', name: 'Examplia (fictional country)', nameZh: '示例国（虚构）', level: 'COUNTRY' },
        { id: 'fx-westland', name: 'Westland (fictional region)', nameZh: '西地区（虚构）', level: 'PROVINCE', within: 'fx-examplia' },
        {
          id: 'fx-westland-millbrook',
          name: 'Millbrook-on-Sea (fictional town)',
          nameZh: '米尔布鲁克镇（虚构）',
          level: 'CITY',
          within: 'fx-westland',
        },
      ],
    };
    const result = await importBundle(db, bundle);
    expect(result.problems).toEqual([]);
    expect(result.derivedFindings?.sets.sort()).toEqual(sets(MILLBROOK, 'test-renames-millbrook'));
    for (const r of READINGS) {
      expect(await isCurrent(db, MILLBROOK, r)).toBe(true);
      expect(await isCurrent(db, HENAN, r)).toBe(true);
      expect(await isCurrent(db, UK, r)).toBe(true);
    }
    const question = { case: MILLBROOK, reading: 'AS_IT_STOOD', limit: 200 } as const;
    expect(plain(await answerGaps(db, question))).toEqual(plain(await gaps(db, question)));
  }, 300_000);

  it("an import with findings: 'later' stores none; the first reader computes and stores them", async () => {
    const bundle = await readBundleFile(MILLBROOK_FILE);
    const data = bundle.data as { actions: { id: string; summary: string }[] };
    data.actions[0].summary = `${data.actions[0].summary} (corrected again)`;
    const result = await importBundle(db, bundle, { findings: 'later' });
    expect(result.problems).toEqual([]);
    expect(result.derivedFindings?.sets).toEqual([]);
    for (const r of READINGS) expect(await isCurrent(db, MILLBROOK, r)).toBe(false);
    // The links were noted all the same: an unrelated case's set stays current.
    expect(await isCurrent(db, UK, 'AS_IT_STOOD')).toBe(true);
    const question = { case: MILLBROOK, reading: 'AS_LATER_HELD', limit: 200 } as const;
    expect(plain(await answerGaps(db, question))).toEqual(plain(await gaps(db, question)));
    expect(await isCurrent(db, MILLBROOK, 'AS_LATER_HELD')).toBe(true);
  }, 300_000);

  it('a write the derive step has not caught up with reads as stale: the version moved by hand', async () => {
    await db.write((tx) => tx.run("MATCH (m:Meta {id: 'dataVersion'}) SET m.version = m.version + 1"));
    for (const c of CASES) expect(await isCurrent(db, c, 'AS_IT_STOOD')).toBe(false);
    // The reader computes and stores it again.
    const question = { case: UK, reading: 'AS_IT_STOOD', limit: 4 } as const;
    expect(plain(await answerGaps(db, question))).toEqual(plain(await gaps(db, question)));
    expect(await isCurrent(db, UK, 'AS_IT_STOOD')).toBe(true);
    expect(await isCurrent(db, HENAN, 'AS_IT_STOOD')).toBe(false);
  }, 300_000);
});

/** Every finding of the case in each of the readings, computed together (as the derive does) in batches of `size` actions, ordered. */
async function inReadings(caseId: string, size: number) {
  const lists: Ranked[][] = READINGS.map(() => []);
  const { case: ref, incomplete } = await forEachBatch(db, { case: caseId, at: null }, [...READINGS], size, (batch) => {
    for (const [n, findings] of batch.entries()) lists[n].push(...findings);
    return Promise.resolve();
  });
  return lists.map((list, n) => {
    const all = uniqueById(list);
    tellApartAndOrder(all);
    return { case: ref, findings: all.map(unranked), incomplete: incomplete[n] };
  });
}

describe('both readings computed together, in tiny batches', () => {
  it.each(CASES)(
    'answer for %s what each reading computed alone does',
    async (caseId) => {
      const both = plain(await inReadings(caseId, 2));
      const alone = await Promise.all(READINGS.map(async (reading) => plain(await caseFindings(db, { case: caseId, at: null, reading }))));
      expect(both).toEqual(alone);
    },
    300_000,
  );
});
