// De jure and de facto analyses on small hand-built graphs, one rule per test, against the
// real Neo4j. Each graph is a tiny case bundle written with importBundle, as real data is.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Database } from '../../server/neo4j/database.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { describeNodes, evidenceForNodes, evidenceFromCitations, UNSOURCED_SOURCE } from '../../server/analyses/evidence.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(closeTestDatabase);
beforeEach(async () => {
  await clearDatabase(db);
});

type Item = Record<string, unknown>;
const CITED = ['bodies', 'persons', 'groups', 'instruments', 'provisions', 'grants', 'actions', 'statements'];

/** Writes a tiny case: every cited item without evidence gets one quote from the test source. */
async function load(lists: Record<string, Item[]>) {
  const bundle: Record<string, unknown> = {
    format: 'quanze-bundle/1',
    case: { id: 'test-dejure', title: 'De jure test', titleZh: '测试' },
    sources: [
      { id: 'src-t', title: '测试来源', titleEn: 'Test source', outlet: '测试报', publishedAt: '2022-07-01', kind: 'NEWS', language: 'zh' },
      ...(lists.sources ?? []),
    ],
  };
  for (const [key, items] of Object.entries(lists)) {
    if (key === 'sources') continue;
    bundle[key] = CITED.includes(key)
      ? items.map((i) => (i.evidence || i.unsourced ? i : { ...i, evidence: [{ source: 'src-t', quoteZh: `引文 ${i.id as string}`, locator: 'p1' }] }))
      : items;
  }
  const result = await importBundle(db, bundle);
  expect(result.problems).toEqual([]);
  expect(result.ok).toBe(true);
}

describe('evidence', () => {
  it('names nodes by their label, resolves node and relationship citations, and marks unsourced ones', async () => {
    await load({
      places: [{ id: 'p-country', name: 'Testland', nameZh: '测试国', level: 'COUNTRY' }],
      powers: [{ id: 'pw', name: 'Assign a code', nameZh: '赋码' }],
      bodies: [
        { id: 'b-a', name: 'Bureau A', nameZh: '甲局', kind: 'AGENCY', level: 'NATIONAL', jurisdiction: 'p-country',
          succeededBy: { id: 'b-b', on: '2022-04-01', how: 'RENAMED', evidence: [{ source: 'src-t', quoteZh: '更名', quote: 'renamed', locator: 'p2' }] } },
        { id: 'b-b', name: 'Bureau B', nameZh: '乙局', kind: 'AGENCY', level: 'NATIONAL', unsourced: true },
      ],
      instruments: [{ id: 'i', title: 'Measures', titleZh: '办法', docType: 'MEASURE', issuedOn: '2021-01-01', issuedBy: ['b-a'] }],
      provisions: [{ id: 'i.a1', ref: '第一条', textZh: '甲局负责赋码。', partOf: 'i' }],
      grants: [{ id: 'g', modality: 'POWER', conferredBy: 'i.a1', power: 'pw', to: ['b-a'], within: 'p-country' }],
    });
    const described = await describeNodes(db, ['b-a', 'b-b', 'i', 'i.a1', 'g', 'p-country', 'src-t', 'nope']);
    expect(described.has('nope')).toBe(false);
    expect(described.get('i')!.ref).toEqual({ id: 'i', label: 'Instrument', name: 'Measures', nameZh: '办法' });
    expect(described.get('i.a1')!.ref).toEqual({ id: 'i.a1', label: 'Provision', name: '第一条 of Measures', nameZh: '《办法》第一条' });
    expect(described.get('g')!.ref.name).toBe('power to Assign a code (第一条 of Measures)');
    expect(described.get('g')!.ref.nameZh).toBe('《办法》第一条：赋码（职权）');
    expect(described.get('src-t')!.source).toMatchObject({ id: 'src-t', title: '测试来源', publishedAt: '2022-07-01' });
    expect(described.get('b-a')!.evidence).toEqual([{
      quote: '引文 b-a', quoteZh: '引文 b-a', quoteEn: null, locator: 'p1', unsourced: false,
      source: { id: 'src-t', title: '测试来源', titleEn: 'Test source', outlet: '测试报', author: null, publishedAt: '2022-07-01', url: null, kind: 'NEWS' },
    }]);
    const byNode = await evidenceForNodes(db, ['b-b', 'p-country']);
    expect(byNode.get('b-b')).toEqual([expect.objectContaining({ unsourced: true, source: UNSOURCED_SOURCE })]);
    expect(byNode.get('p-country')).toEqual([]);

    const [rel] = await db.query<{ citations: string }>("MATCH (:Body {id: 'b-a'})-[s:SUCCEEDED_BY]->() RETURN s.citations AS citations");
    const fromRelation = await evidenceFromCitations(db, rel.citations);
    expect(fromRelation).toEqual([expect.objectContaining({ quote: '更名', quoteZh: '更名', quoteEn: 'renamed', locator: 'p2', unsourced: false })]);
    expect(fromRelation[0].source.id).toBe('src-t');
    expect(await evidenceFromCitations(db, null, true)).toEqual([expect.objectContaining({ unsourced: true })]);
    expect(await evidenceFromCitations(db, null)).toEqual([]);
  });
});
