// Dates as precise as their sources, on the real database: a bundle with YYYY and YYYY-MM
// dates (on nodes and on relations) validates, is stored as the storage contract says
// (first day; precision and last day only for an imprecise date), and exports byte for byte
// as it was read. The answers write those dates at their precision.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { readBundleFile } from '../../server/bundle/parse.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { exportBundle, bundleYaml } from '../../server/bundle/exportBundle.js';
import { validateBundle } from '../../server/bundle/validate.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';
import { startTestServer, type TestServer } from '../support/server.js';

const FIXTURE = path.join(projectRoot, 'test', 'fixtures', 'bundles', 'valid-date-precision.yaml');

let db: Database;
let server: TestServer;
beforeAll(async () => {
  db = await testDatabase();
  await clearDatabase(db);
  server = await startTestServer(db);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await closeTestDatabase();
});

describe('a bundle with dates given only to the month or the year', () => {
  it('validates', async () => {
    expect(validateBundle(await readBundleFile(FIXTURE))).toEqual([]);
  });

  it('imports each date as its first day, with the precision and the last day only where imprecise', async () => {
    const result = await importBundle(db, await readBundleFile(FIXTURE));
    expect(result.problems).toEqual([]);
    const [stored] = await db.query<Record<string, unknown>>(
      `MATCH (old:Body {id: 'dp-old-bureau'})-[s:SUCCEEDED_BY]->(:Body {id: 'dp-new-bureau'}),
             (:Person {id: 'dp-official'})-[h:HOLDS_POSITION]->(old), (a:Action {id: 'dp-action'}), (src:Source {id: 'src-dp-news'})
       RETURN old.validFrom = date('1689-01-01') AS yearFirst, old.validFromPrecision AS yearPrecision, old.validFromLast = date('1689-12-31') AS yearLast,
              old.validTo = date('2022-04-01') AS monthFirst, old.validToPrecision AS monthPrecision, old.validToLast = date('2022-04-30') AS monthLast,
              s.on = date('2022-04-01') AS relationFirst, s.onPrecision AS relationPrecision, s.onLast = date('2022-04-30') AS relationLast,
              h.fromPrecision AS positionFromPrecision, h.toPrecision AS positionToPrecision, h.toLast AS positionToLast,
              a.endedAt = date('2022-06-14') AS dayStored, a.endedAtPrecision AS dayPrecision, a.endedAtLast AS dayLast,
              src.publishedAtPrecision AS sourcePrecision`,
    );
    expect(stored).toEqual({
      yearFirst: true,
      yearPrecision: 'YEAR',
      yearLast: true,
      monthFirst: true,
      monthPrecision: 'MONTH',
      monthLast: true,
      relationFirst: true,
      relationPrecision: 'MONTH',
      relationLast: true,
      positionFromPrecision: 'YEAR',
      positionToPrecision: null,
      positionToLast: null,
      dayStored: true,
      dayPrecision: null,
      dayLast: null,
      sourcePrecision: 'MONTH',
    });
  });

  it('exports byte for byte as it was read', async () => {
    expect(bundleYaml(await exportBundle(db, 'test-date-precision'))).toBe(await readFile(FIXTURE, 'utf8'));
  });

  it('keeps the stored first day in the entity API', async () => {
    const answer = await server.post(`{ bodies(where: { id: { eq: "dp-old-bureau" } }) { validFrom validTo } }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.bodies).toEqual([{ validFrom: '1689-01-01', validTo: '2022-04-01' }]);
  });

  it('are written at their precision in answers ("2022-04"), and in words at that precision', async () => {
    const answer = await server.post(`{
      timeline(case: "test-date-precision") { events { date endDate kind title titleZh } }
      whoDid(power: "dp-assign", from: "2022-06-10", to: "2022-06-12") {
        actions { id startedAt endedAt dateUncertain dateUncertainZh evidence { source { publishedAt } } }
      }
    }`);
    expect(answer.errors).toBeUndefined();
    const events = answer.data!.timeline.events as { date: string; kind: string; title: string }[];
    expect(events.map((e) => [e.kind, e.date])).toEqual([
      ['BODY_CREATED', '1689'],
      ['STATEMENT', '1689'],
      ['SOURCE_PUBLISHED', '1690'],
      ['INSTRUMENT_ISSUED', '2020-03'],
      ['BODY_RENAMED', '2022-04'],
      ['ACTION', '2022-06'],
      ['SOURCE_PUBLISHED', '2022-06'],
    ]);
    const [action] = answer.data!.whoDid.actions;
    expect(action).toMatchObject({ id: 'dp-action', startedAt: '2022-06', endedAt: '2022-06-14' });
    expect(action.evidence[0].source.publishedAt).toBe('2022-06');
    // June 2022 to 14 June may or may not reach into 10–12 June: the answer says so rather than picking a side.
    expect(action.dateUncertain).toBe(
      'The action is dated only to June 2022 to 14 June 2022, so the sources do not say whether it fell within 10 June 2022 to 12 June 2022.',
    );
    expect(action.dateUncertainZh).toBe('此行动的日期只精确到2022年6月至2022年6月14日，来源未能说明它是否在2022年6月10日至2022年6月12日之间。');
    const certain = await server.post(`{ whoDid(power: "dp-assign", from: "2022-06-01", to: "2022-06-30") { actions { id dateUncertain } } }`);
    expect(certain.data!.whoDid.actions).toEqual([{ id: 'dp-action', dateUncertain: null }]);
  });
});
