// whoDid's page on a small hand-built graph, against the real Neo4j: the actions of a power
// family in a place and the places within it, across a month boundary, cut at a limit.
// whoDid.cypher reads them from the place's side or the power's, whichever holds fewer
// actions; the questions below go each way and must give the page the whole list would.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Database } from '../../server/neo4j/database.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { whoDid } from '../../server/analyses/whoDid.js';
import { migrate } from '../../server/neo4j/migrations.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';

let db: Database;

const action = (id: string, startedAt: string, power: string, place: string, endedAt?: string) => ({
  id,
  summary: `Action ${id}`,
  summaryZh: `行动${id}`,
  startedAt,
  ...(endedAt ? { endedAt } : {}),
  exercised: [power],
  in: place,
  performedBy: [],
  evidence: [{ source: 'src-w', quoteZh: `引文${id}`, locator: 'p1' }],
});

const bundle = {
  format: 'quanze-bundle/1',
  case: { id: 'test-whodid-page', title: 'whoDid page test', titleZh: '测试' },
  sources: [{ id: 'src-w', title: '测试来源', outlet: '测试报', publishedAt: '2022-08-01', kind: 'NEWS', language: 'zh' }],
  places: [
    { id: 'land', name: 'Testland', nameZh: '测试国', level: 'COUNTRY' },
    { id: 'prov', name: 'Province', nameZh: '甲省', level: 'PROVINCE', within: 'land' },
    { id: 'city-a', name: 'City A', nameZh: '甲市', level: 'CITY', within: 'prov' },
    { id: 'county-a1', name: 'County A1', nameZh: '甲一县', level: 'COUNTY', within: 'city-a' },
    { id: 'city-b', name: 'City B', nameZh: '乙市', level: 'CITY', within: 'prov' },
    { id: 'other', name: 'Other Province', nameZh: '丙省', level: 'PROVINCE', within: 'land' },
  ],
  powers: [
    { id: 'code', name: 'Manage codes', nameZh: '管理健康码' },
    { id: 'code.assign', name: 'Assign a code', nameZh: '赋码', narrowerThan: 'code' },
    { id: 'data', name: 'Aggregate data', nameZh: '汇聚数据' },
    { id: 'long', name: 'Keep records', nameZh: '保存档案' },
  ],
  actions: [
    action('a1', '2022-05-31', 'code.assign', 'county-a1'),
    action('a2', '2022-06-01', 'code.assign', 'city-b'),
    action('a3', '2022-05-20', 'code', 'city-a', '2022-06-02'),
    action('a4', '2022-06-30', 'code.assign', 'city-a'),
    action('a5', '2022-07-01', 'code.assign', 'county-a1'),
    action('a6', '2022-06-15', 'code.assign', 'other'),
    // Known only to the month: its days may fall in June.
    action('a7', '2022-06', 'code.assign', 'city-b'),
    // Another power's actions make the province hold more actions than the code family does.
    ...['n1', 'n2', 'n3', 'n4', 'n5', 'n6'].map((id) => action(id, '2022-06-10', 'data', 'city-b')),
    // Actions of every span class (server/derive/actionSpans.ts), for the read by days.
    action('l1', '2010-03-01', 'long', 'county-a1', '2030-01-01'),
    action('l2', '2019', 'long', 'city-b', '2022-06'),
    action('l3', '2022', 'long', 'city-a'),
    action('l4', '2022-04-10', 'long', 'city-b', '2022-05-20'),
    action('l5', '2022-06', 'long', 'county-a1'),
    action('l6', '2022-06-15', 'long', 'other'),
    action('l7', '2022-05-01', 'long', 'city-a', '2022-05-31'),
    action('l8', '2021', 'long', 'city-a'),
    action('l9', '2022-04-10', 'long', 'city-b', '2022-06-01'),
    action('l10', '2022-05-30', 'long', 'city-b', '2022-06-02'),
    action('l11', '2022-05-25', 'long', 'city-a', '2022-06-03'),
  ],
};

beforeAll(async () => {
  db = await testDatabase();
  await clearDatabase(db);
  const result = await importBundle(db, bundle);
  expect(result.problems).toEqual([]);
});
afterAll(closeTestDatabase);

const ids = (answer: Awaited<ReturnType<typeof whoDid>>) => answer.actions.map((a) => a.id);

describe('whoDid, a page', () => {
  it('in a province (read from the power: the province holds more actions), across the end of May', async () => {
    const question = { power: 'code', place: 'prov', from: '2022-05-31', to: '2022-06-30' };
    const all = await whoDid(db, question);
    expect(ids(all)).toEqual(['a3', 'a1', 'a2', 'a7', 'a4']);
    expect(all.incomplete).toBe(false);
    const page = await whoDid(db, { ...question, limit: 3 });
    expect(ids(page)).toEqual(['a3', 'a1', 'a2']);
    expect(page.incomplete).toBe(true);
  });

  it('in a city and the county within it (read from the place), across the ends of May and June', async () => {
    const june = await whoDid(db, { power: 'code', place: 'city-a', from: '2022-06-01', to: '2022-06-30' });
    // a3 began in May and lasted into June; a1 (31 May) and a5 (1 July) fall outside.
    expect(ids(june)).toEqual(['a3', 'a4']);
    const page = await whoDid(db, { power: 'code.assign', place: 'city-a', from: '2022-05-31', to: '2022-07-01', limit: 2 });
    // a3 exercised the broader power only.
    expect(ids(page)).toEqual(['a1', 'a4']);
    expect(page.incomplete).toBe(true);
    const rest = await whoDid(db, { power: 'code.assign', place: 'city-a', from: '2022-05-31', to: '2022-07-01', limit: 3 });
    expect(ids(rest)).toEqual(['a1', 'a4', 'a5']);
    expect(rest.incomplete).toBe(false);
  });

  it('anywhere, and in a place that holds none', async () => {
    expect(ids(await whoDid(db, { power: 'code', from: '2022-06-01', to: '2022-06-30' }))).toEqual(['a3', 'a2', 'a7', 'a6', 'a4']);
    expect(ids(await whoDid(db, { power: 'data', place: 'city-a' }))).toEqual([]);
    expect(ids(await whoDid(db, { power: 'data', place: 'prov', limit: 2 }))).toEqual(['n1', 'n2']);
  });
});

describe('whoDid read from each side gives the same page', () => {
  const sides = ['place', 'power', 'days'] as const;
  const cases: [string, Parameters<typeof whoDid>[1], string[]][] = [
    [
      'June in the province, every span',
      { power: 'long', place: 'prov', from: '2022-06-01', to: '2022-06-30' },
      ['l1', 'l2', 'l3', 'l9', 'l11', 'l10', 'l5'],
    ],
    ['June anywhere, every span', { power: 'long', from: '2022-06-01', to: '2022-06-30' }, ['l1', 'l2', 'l3', 'l9', 'l11', 'l10', 'l5', 'l6']],
    ['June anywhere, a page of three', { power: 'long', from: '2022-06-01', to: '2022-06-30', limit: 3 }, ['l1', 'l2', 'l3']],
    ['from June on, open end', { power: 'long', place: 'prov', from: '2022-06-01' }, ['l1', 'l2', 'l3', 'l9', 'l11', 'l10', 'l5']],
    ['up to May, open start', { power: 'long', place: 'prov', to: '2022-05-31' }, ['l1', 'l2', 'l8', 'l3', 'l4', 'l9', 'l7', 'l11', 'l10']],
    ['a power family in a city', { power: 'code', place: 'city-a', from: '2022-05-31', to: '2022-07-01' }, ['a3', 'a1', 'a4', 'a5']],
    ['a power family anywhere, a page of two', { power: 'code', from: '2022-06-01', to: '2022-06-30', limit: 2 }, ['a3', 'a2']],
  ];
  it.each(cases)('%s', async (_name, question, expected) => {
    // Anywhere, there is no place to read from.
    for (const side of sides.filter((s) => question.place || s !== 'place'))
      expect([side, ids(await whoDid(db, { ...question, side }))]).toEqual([side, expected]);
  });
});

describe('the span classes the read by days rests on are kept true', () => {
  const september = { power: 'long', from: '2022-09-01', to: '2022-09-30', side: 'days' } as const;

  it('by a re-import that makes an action run longer', async () => {
    expect(ids(await whoDid(db, september))).toEqual(['l1', 'l3']);
    // l6, one day in June, now runs to the end of September.
    const longer = { ...bundle, actions: bundle.actions.map((a) => (a.id === 'l6' ? { ...a, endedAt: '2022-09-30' } : a)) };
    expect((await importBundle(db, longer)).problems).toEqual([]);
    expect(ids(await whoDid(db, september))).toEqual(['l1', 'l3', 'l6']);
  });

  it('by the migrations, for actions written without a class', async () => {
    await db.write((tx) => tx.run("MATCH (a:Action) REMOVE a.spanClass WITH count(a) AS n MATCH (m:Meta {id: 'actionSpans'}) DELETE m"));
    expect(ids(await whoDid(db, september))).toEqual([]);
    await migrate(db);
    expect(ids(await whoDid(db, september))).toEqual(['l1', 'l3', 'l6']);
  });

  it('by a re-import that moves an action to other days, in a narrower class', async () => {
    const june = { ...september, from: '2022-06-01', to: '2022-06-30' };
    expect(ids(await whoDid(db, june))).toContain('l6');
    // l6, which ran from June to the end of September, is now one day in September.
    const moved = { ...bundle, actions: bundle.actions.map((a) => (a.id === 'l6' ? { ...a, startedAt: '2022-09-20' } : a)) };
    expect((await importBundle(db, moved)).problems).toEqual([]);
    const [l6] = await db.query<{ spanClass: number }>("MATCH (a:Action {id: 'l6'}) RETURN a.spanClass AS spanClass");
    expect(Number(l6.spanClass)).toBe(0);
    expect(ids(await whoDid(db, september))).toEqual(['l1', 'l3', 'l6']);
    expect(ids(await whoDid(db, { ...september, from: '2022-09-20', to: '2022-09-20' }))).toEqual(['l1', 'l3', 'l6']);
    expect(ids(await whoDid(db, { ...september, to: '2022-09-19' }))).toEqual(['l1', 'l3']);
    expect(ids(await whoDid(db, june))).not.toContain('l6');
  });
});
