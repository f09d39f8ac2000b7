// search's page on a case where a common text has many full-text hits: 120 action summaries
// share the bigrams of "第12县" with the counties' names. search takes the best hits of each
// full-text query and more only while a hit not taken could reach the page; a short page must
// be the head of the whole list, with the exact name first and the names that contain the text
// next, against the real Neo4j.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Database } from '../../server/neo4j/database.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { search } from '../../server/analyses/search.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';

let db: Database;

const counties = Array.from({ length: 30 }, (_, i) => i + 1);

beforeAll(async () => {
  db = await testDatabase();
  await clearDatabase(db);
  const result = await importBundle(db, {
    format: 'quanze-bundle/1',
    case: { id: 'test-search-page', title: 'search page test', titleZh: '测试' },
    sources: [{ id: 'src-s', title: '测试来源', outlet: '测试报', publishedAt: '2022-08-01', kind: 'NEWS', language: 'zh' }],
    places: [
      { id: 'land', name: 'Testland', nameZh: '测试国', level: 'COUNTRY' },
      ...counties.map((n) => ({ id: `c${n}`, name: `County ${n}`, nameZh: `第${n}县`, level: 'COUNTY', within: 'land' })),
    ],
    powers: [{ id: 'assign', name: 'Assign a code', nameZh: '赋码' }],
    actions: Array.from({ length: 120 }, (_, i) => {
      const n = counties[i % counties.length];
      return {
        id: `a${i}`,
        summary: `Action ${i}`,
        summaryZh: `第${n}县卫健委第${i}次赋码，县里的第一批`,
        startedAt: '2022-06-01',
        exercised: ['assign'],
        in: `c${n}`,
        performedBy: [],
        evidence: [{ source: 'src-s', quoteZh: `引文${i}`, locator: 'p1' }],
      };
    }),
  });
  expect(result.problems).toEqual([]);
});
afterAll(closeTestDatabase);

const ids = async (text: string, limit: number) => (await search(db, { text, limit })).hits.map((h) => h.node.id);

describe('search, a page of many hits', () => {
  it.each(['第12县', '第1县', '县卫健委', 'county 7', '赋码'])('%s: a short page is the head of the whole list', async (text) => {
    const whole = await ids(text, 1000);
    expect(whole.length).toBeGreaterThan(3);
    for (const limit of [1, 3, 10]) expect(await ids(text, limit)).toEqual(whole.slice(0, limit));
  });

  it('ranks the exact name first, then what contains the text', async () => {
    const answer = await search(db, { text: '第12县', limit: 5 });
    expect(answer.hits[0].node.id).toBe('c12');
    // The actions in county 12 name it in their summaries: +5 over the bigram hits of other counties.
    expect(answer.hits.slice(1).every((h) => ['a11', 'a41', 'a71', 'a101'].includes(h.node.id))).toBe(true);
    expect(answer.incomplete).toBe(true);
  });
});
