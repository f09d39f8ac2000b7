// gaps asks whoCan once per stretch of unchanged law (gaps/lawBoundaries.cypher). Two actions
// by the same body in the same place, either side of the day its grant takes effect, must
// still be judged by the law of their own day.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Database } from '../../server/neo4j/database.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { gaps } from '../../server/analyses/gaps.js';
import { HolderLookup, Holdings } from '../../server/analyses/gaps/holderLookup.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';

const ev = (quoteZh: string) => [{ source: 'src-s', quoteZh, locator: 'para 1' }];
const action = (id: string, startedAt: string) => ({
  id,
  summary: `Codes assigned on ${startedAt}`,
  summaryZh: `${startedAt}赋码`,
  startedAt,
  purpose: 'epidemic-control',
  exercised: ['s-code.assign'],
  in: 's-city',
  performedBy: [{ id: 's-office', role: 'DECIDED', evidence: ev('某办公室决定') }],
  evidence: ev('赋码'),
});

const bundle = {
  format: 'quanze-bundle/1',
  case: { id: 's-case', title: 'Law stretches', titleZh: '法律时段', fictional: true },
  sources: [{ id: 'src-s', title: '测试', outlet: '测试新闻', publishedAt: '2022-07-01', kind: 'NEWS', language: 'zh' }],
  places: [
    { id: 's-country', name: 'Stretchland', nameZh: '时段国', level: 'COUNTRY' },
    { id: 's-city', name: 'Stretch City', nameZh: '时段市', level: 'CITY', within: 's-country' },
  ],
  powers: [{ id: 's-code.assign', name: 'Assign a code', nameZh: '赋码' }],
  bodies: [
    {
      id: 's-office',
      name: 'Code office',
      nameZh: '赋码办公室',
      kind: 'AGENCY',
      level: 'MUNICIPAL',
      jurisdiction: 's-city',
      evidence: ev('赋码办公室'),
    },
  ],
  instruments: [{ id: 's-rule', title: 'Code rule', titleZh: '赋码规定', docType: 'NOTICE', issuedOn: '2022-06-15', evidence: ev('赋码规定') }],
  provisions: [{ id: 's-rule.a1', ref: '第一条', textZh: '赋码办公室负责赋码。', partOf: 's-rule', evidence: ev('第一条') }],
  grants: [
    {
      id: 's-grant',
      modality: 'POWER',
      conferredBy: 's-rule.a1',
      power: 's-code.assign',
      to: ['s-office'],
      within: 's-city',
      evidence: ev('负责赋码'),
    },
  ],
  actions: [action('s-before', '2022-06-10'), action('s-before-too', '2022-06-14'), action('s-after', '2022-06-20')],
};

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
  await clearDatabase(db);
  expect((await importBundle(db, bundle)).problems).toEqual([]);
});
afterAll(closeTestDatabase);

describe('gaps across a change in the law', () => {
  it('finds the actions before the rule took effect unauthorised, and the one after authorised', async () => {
    const { findings } = await gaps(db, { case: 's-case', at: null });
    const unauthorised = findings.filter((f) => f.kind === 'UNAUTHORIZED_ACTION').flatMap((f) => f.nodeIds);
    expect(unauthorised).toEqual(expect.arrayContaining(['s-before', 's-before-too']));
    expect(unauthorised).not.toContain('s-after');
  });
});

describe('the holders remembered per stretch', () => {
  // Before the rule (2022-06-15), from its first day, and back: four changes of stretch.
  const days = ['2022-06-10', '2022-06-20', '2022-06-21', '2022-06-14', '2022-06-10', '2022-07-01'];
  const ask = async (lookup: HolderLookup) => {
    const answers: string[][] = [];
    for (const at of days) answers.push((await lookup.holders('s-code.assign', ['s-code.assign'], 's-city', at)).map((h) => h.body.id));
    return answers;
  };

  it('asks once per stretch, and gives the same answers when it may keep only one', async () => {
    const all = new HolderLookup('AS_IT_STOOD', new Holdings(db));
    const answers = await ask(all);
    expect(answers).toEqual([[], ['s-office'], ['s-office'], [], [], ['s-office']]);
    expect([all.asked, all.kept]).toEqual([2, 2]);

    const one = new HolderLookup('AS_IT_STOOD', new Holdings(db), 1);
    expect(await ask(one)).toEqual(answers);
    // Each change of stretch lets the other answer go and asks again.
    expect([one.asked, one.kept]).toEqual([4, 1]);
  });
});
