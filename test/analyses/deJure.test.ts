// De jure and de facto analyses on small hand-built graphs, one rule per test, against the
// real Neo4j. Each graph is a tiny case bundle written with importBundle, as real data is.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Database } from '../../server/neo4j/database.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { describeNodes, evidenceForNodes, evidenceFromCitations, UNSOURCED_SOURCE, UnknownNodeError } from '../../server/analyses/evidence.js';
import { conditionStatus, whoCan } from '../../server/analyses/whoCan.js';
import { whoDid } from '../../server/analyses/whoDid.js';
import { explain } from '../../server/analyses/explain.js';
import type { Holder, WhoCanAnswer } from '../../server/analyses/types.js';
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
      ? items.map((i) =>
          i.evidence || i.unsourced ? i : { ...i, evidence: [{ source: 'src-t', quoteZh: `引文 ${i.id as string}`, locator: 'p1' }] },
        )
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
        {
          id: 'b-a',
          name: 'Bureau A',
          nameZh: '甲局',
          kind: 'AGENCY',
          level: 'NATIONAL',
          jurisdiction: 'p-country',
          succeededBy: {
            id: 'b-b',
            on: '2022-04-01',
            how: 'RENAMED',
            evidence: [{ source: 'src-t', quoteZh: '更名', quote: 'renamed', locator: 'p2' }],
          },
        },
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
    expect(described.get('b-a')!.evidence).toEqual([
      {
        quote: '引文 b-a',
        quoteZh: '引文 b-a',
        quoteEn: null,
        locator: 'p1',
        unsourced: false,
        source: {
          id: 'src-t',
          title: '测试来源',
          titleEn: 'Test source',
          outlet: '测试报',
          author: null,
          publishedAt: '2022-07-01',
          url: null,
          kind: 'NEWS',
        },
      },
    ]);
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

// ---------------------------------------------------------------- a small body of law
//
// cn ⊃ prov ⊃ {city, city2}; cn ⊃ other-prov ⊃ other-city.
// Powers: code ⊃ {code.assign, code.convert}; data (granted to no one).
// National measures (2021) ← provincial measures (2020, IMPLEMENTS national).
const law: Record<string, Item[]> = {
  places: [
    { id: 'cn', name: 'Testland', nameZh: '测试国', level: 'COUNTRY' },
    { id: 'prov', name: 'Province', nameZh: '甲省', level: 'PROVINCE', within: 'cn' },
    { id: 'city', name: 'City', nameZh: '甲市', level: 'CITY', within: 'prov' },
    { id: 'city2', name: 'Second City', nameZh: '乙市', level: 'CITY', within: 'prov' },
    { id: 'other-prov', name: 'Other Province', nameZh: '丙省', level: 'PROVINCE', within: 'cn' },
    { id: 'other-city', name: 'Other City', nameZh: '丙市', level: 'CITY', within: 'other-prov' },
  ],
  powers: [
    { id: 'code', name: 'Manage the code system', nameZh: '管理健康码' },
    { id: 'code.assign', name: 'Assign a code', nameZh: '赋码', narrowerThan: 'code' },
    { id: 'code.convert', name: 'Convert a code', nameZh: '转码', narrowerThan: 'code' },
    { id: 'data', name: 'Aggregate data', nameZh: '汇聚数据' },
  ],
  bodyTypes: [{ id: 'bigdata-type', name: 'big-data departments at all levels', nameZh: '各级大数据管理部门' }],
  bodies: [
    { id: 'nat-council', name: 'National council', nameZh: '国务院联防联控机制', kind: 'AGENCY', level: 'NATIONAL', jurisdiction: 'cn' },
    { id: 'prov-hq', name: 'Provincial HQ', nameZh: '甲省指挥部', kind: 'EPIDEMIC_HQ', level: 'PROVINCIAL', jurisdiction: 'prov' },
    { id: 'prov-division', name: 'Provincial HQ division', nameZh: '甲省指挥部某处', kind: 'HQ_DIVISION', level: 'PROVINCIAL', partOf: 'prov-hq' },
    { id: 'city-hq', name: 'City HQ', nameZh: '甲市指挥部', kind: 'EPIDEMIC_HQ', level: 'MUNICIPAL', jurisdiction: 'city' },
    {
      id: 'city-division',
      name: 'City HQ control division',
      nameZh: '甲市指挥部社会管控处',
      kind: 'HQ_DIVISION',
      level: 'MUNICIPAL',
      partOf: 'city-hq',
    },
    {
      id: 'old-bureau',
      name: 'Provincial Big Data Bureau',
      nameZh: '甲省大数据管理局',
      kind: 'AGENCY',
      level: 'PROVINCIAL',
      jurisdiction: 'prov',
      validTo: '2022-03-31',
      succeededBy: {
        id: 'new-bureau',
        on: '2022-04-01',
        how: 'RENAMED',
        evidence: [{ source: 'src-t', quoteZh: '大数据管理局更名', locator: 'p3' }],
      },
    },
    {
      id: 'new-bureau',
      name: 'Provincial Approval Bureau',
      nameZh: '甲省政务信息管理局',
      kind: 'AGENCY',
      level: 'PROVINCIAL',
      jurisdiction: 'prov',
      validFrom: '2022-04-01',
    },
    {
      id: 'city-bureau',
      name: 'City Big Data Bureau',
      nameZh: '甲市大数据局',
      kind: 'AGENCY',
      level: 'MUNICIPAL',
      jurisdiction: 'city',
      isA: ['bigdata-type'],
    },
    {
      id: 'city2-bureau',
      name: 'Second City Big Data Bureau',
      nameZh: '乙市大数据局',
      kind: 'AGENCY',
      level: 'MUNICIPAL',
      jurisdiction: 'city2',
      isA: ['bigdata-type'],
    },
    {
      id: 'other-bureau',
      name: 'Other City Big Data Bureau',
      nameZh: '丙市大数据局',
      kind: 'AGENCY',
      level: 'MUNICIPAL',
      jurisdiction: 'other-city',
      isA: ['bigdata-type'],
    },
    { id: 'other-hq', name: 'Other Provincial HQ', nameZh: '丙省指挥部', kind: 'EPIDEMIC_HQ', level: 'PROVINCIAL', jurisdiction: 'other-prov' },
    { id: 'platform-co', name: 'Platform company', nameZh: '平台公司', kind: 'COMPANY', level: 'NONE' },
    { id: 'police', name: 'City police', nameZh: '甲市公安局', kind: 'POLICE', level: 'MUNICIPAL', jurisdiction: 'city' },
    { id: 'hotline', name: 'City hotline', nameZh: '甲市12345热线', kind: 'HOTLINE', level: 'MUNICIPAL', jurisdiction: 'city' },
  ],
  instruments: [
    {
      id: 'national',
      title: 'National interim measures',
      titleZh: '全国暂行办法',
      docType: 'MEASURE',
      officialId: '国发〔2021〕1号',
      issuedOn: '2021-01-10',
      effectiveFrom: '2021-01-15',
      issuedBy: ['nat-council'],
    },
    {
      id: 'provincial',
      title: 'Provincial measures',
      titleZh: '甲省办法',
      docType: 'MEASURE',
      issuedOn: '2020-03-01',
      effectiveFrom: '2020-03-02',
      issuedBy: ['prov-hq'],
      implements: ['national'],
    },
    {
      id: 'future-measure',
      title: 'Future measures',
      titleZh: '甲省新办法',
      docType: 'MEASURE',
      issuedOn: '2022-12-01',
      effectiveFrom: '2023-01-01',
      issuedBy: ['prov-hq'],
    },
    {
      id: 'city-decision',
      title: 'City HQ decision',
      titleZh: '甲市指挥部决定',
      docType: 'INTERNAL_DECISION',
      issuedOn: '2022-01-01',
      issuedBy: ['city-hq'],
    },
    { id: 'other-rule', title: 'Other province rule', titleZh: '丙省规定', docType: 'MEASURE', issuedOn: '2021-02-01', issuedBy: ['other-hq'] },
  ],
  provisions: [
    { id: 'national.a1', ref: '第一条', textZh: '联防联控机制负责健康码管理。', text: 'The council manages the code system.', partOf: 'national' },
    {
      id: 'provincial.a2',
      ref: '第二条',
      textZh: '省指挥部负责赋码，批量一百人以上。',
      text: 'The provincial HQ assigns codes to batches of 100 or more.',
      partOf: 'provincial',
    },
    {
      id: 'provincial.a3',
      ref: '第三条',
      textZh: '各级大数据管理部门负责赋码。',
      text: 'Big-data departments at all levels assign codes.',
      partOf: 'provincial',
    },
    {
      id: 'provincial.a4',
      ref: '第四条',
      textZh: '省大数据管理局负责转码。',
      text: 'The provincial big-data bureau converts codes.',
      partOf: 'provincial',
    },
    {
      id: 'provincial.a5',
      ref: '第五条',
      textZh: '市指挥部负责本市健康码管理。',
      text: 'The city HQ manages codes in the city.',
      partOf: 'provincial',
    },
    {
      id: 'provincial.a6',
      ref: '第六条',
      textZh: '自2023年起平台公司赋码。',
      text: 'From 2023 the platform company assigns codes.',
      partOf: 'provincial',
    },
    { id: 'provincial.a7', ref: '第七条', textZh: '公安机关不得赋码。', text: 'The police may not assign codes.', partOf: 'provincial' },
    {
      id: 'provincial.a8',
      ref: '第八条',
      textZh: '热线在2021年底前可以赋码。',
      text: 'The hotline may assign codes until the end of 2021.',
      partOf: 'provincial',
    },
    {
      id: 'future-measure.a1',
      ref: '第一条',
      textZh: '省政务信息管理局负责赋码。',
      text: 'The approval bureau assigns codes.',
      partOf: 'future-measure',
    },
    { id: 'city-decision.a1', ref: '第一条', textZh: '社会管控处负责赋码。', text: 'The control division assigns codes.', partOf: 'city-decision' },
    { id: 'other-rule.a1', ref: '第一条', textZh: '丙省指挥部负责赋码。', text: 'The other HQ assigns codes.', partOf: 'other-rule' },
  ],
  grants: [
    { id: 'g-nat', modality: 'POWER', conferredBy: 'national.a1', power: 'code', to: ['nat-council'], within: 'cn' },
    {
      id: 'g-prov-hq',
      modality: 'POWER',
      conferredBy: 'provincial.a2',
      power: 'code.assign',
      to: ['prov-hq'],
      within: 'prov',
      conditions: [{ kind: 'THRESHOLD', param: 'batchSize', min: 100, description: 'batches of 100 or more', descriptionZh: '一百人以上' }],
    },
    { id: 'g-type', modality: 'DUTY', conferredBy: 'provincial.a3', power: 'code.assign', to: ['bigdata-type'], within: 'prov' },
    { id: 'g-old', modality: 'POWER', conferredBy: 'provincial.a4', power: 'code.convert', to: ['old-bureau'], within: 'prov' },
    { id: 'g-city-hq', modality: 'POWER', conferredBy: 'provincial.a5', power: 'code', to: ['city-hq'], within: 'city' },
    {
      id: 'g-future-grant',
      modality: 'POWER',
      conferredBy: 'provincial.a6',
      power: 'code.assign',
      to: ['platform-co'],
      within: 'prov',
      validFrom: '2023-01-01',
    },
    { id: 'g-prohibit', modality: 'PROHIBITION', conferredBy: 'provincial.a7', power: 'code.assign', to: ['police'], within: 'prov' },
    {
      id: 'g-expired',
      modality: 'PERMISSION',
      conferredBy: 'provincial.a8',
      power: 'code.assign',
      to: ['hotline'],
      within: 'city',
      validTo: '2021-12-31',
    },
    { id: 'g-future-ins', modality: 'POWER', conferredBy: 'future-measure.a1', power: 'code.assign', to: ['new-bureau'], within: 'prov' },
    { id: 'g-delegate', modality: 'POWER', conferredBy: 'city-decision.a1', power: 'code.assign', to: ['city-division'], within: 'city' },
    { id: 'g-other', modality: 'POWER', conferredBy: 'other-rule.a1', power: 'code.assign', to: ['other-hq'], within: 'other-prov' },
  ],
};

const AT = '2022-06-13';
const bodiesOf = (holders: Holder[]) => holders.map((h) => `${h.body.id}:${h.via}`).sort();
const holderOf = (holders: Holder[], body: string) => {
  const found = holders.filter((h) => h.body.id === body);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('whoCan', () => {
  beforeEach(async () => {
    await load(law);
  });

  it('finds direct, typed and delegated holders of a power in a place, and nobody else', async () => {
    const answer = await whoCan(db, { power: 'code.assign', place: 'city', at: AT });
    expect(answer.power).toEqual({ id: 'code.assign', label: 'Power', name: 'Assign a code', nameZh: '赋码' });
    expect(answer.place?.id).toBe('city');
    expect(answer.at).toBe(AT);
    expect(answer.incomplete).toBe(false);
    // Not: city2-bureau and other-bureau (type, but elsewhere), platform-co (grant not yet in force),
    // new-bureau (instrument not yet in force), police (prohibition), hotline (grant expired),
    // other-hq (grant for another place), prov-division (only its parent holds it), city-hq (holds only the broader power).
    expect(bodiesOf(answer.holders)).toEqual(['city-bureau:BY_TYPE', 'city-division:BY_DELEGATION', 'prov-hq:DIRECT']);
  });

  it('resolves a type-level grant to the bodies of that type in the place, not those elsewhere', async () => {
    const inCity = await whoCan(db, { power: 'code.assign', place: 'city', at: AT });
    const bureau = holderOf(inCity.holders, 'city-bureau');
    expect(bureau).toMatchObject({ via: 'BY_TYPE', modality: 'DUTY', grantPlace: { id: 'prov' }, grantId: 'g-type' });
    expect(bureau.chain.map((s) => `${s.kind}:${s.node.id}`)).toEqual([
      'BODY_TYPE:bigdata-type',
      'GRANT:g-type',
      'PROVISION:provincial.a3',
      'INSTRUMENT:provincial',
      'IMPLEMENTS:national',
    ]);
    expect(bureau.noteZh).toContain('各级大数据管理部门');

    const inProvince = await whoCan(db, { power: 'code.assign', place: 'prov', at: AT });
    expect(bodiesOf(inProvince.holders).filter((b) => b.endsWith('BY_TYPE'))).toEqual(['city-bureau:BY_TYPE', 'city2-bureau:BY_TYPE']);
    const inOtherCity = await whoCan(db, { power: 'code.assign', place: 'other-city', at: AT });
    expect(bodiesOf(inOtherCity.holders)).toEqual(['other-hq:DIRECT']);
  });

  it('answers for a broader power with grants of narrower ones, naming the granted power', async () => {
    const answer = await whoCan(db, { power: 'code', place: 'city', at: AT });
    expect(bodiesOf(answer.holders)).toEqual([
      'city-bureau:BY_TYPE',
      'city-division:BY_DELEGATION',
      'city-hq:DIRECT',
      'nat-council:DIRECT',
      'new-bureau:BY_SUCCESSION',
      'prov-hq:DIRECT',
    ]);
    expect(holderOf(answer.holders, 'prov-hq').power.id).toBe('code.assign');
    expect(holderOf(answer.holders, 'nat-council').power.id).toBe('code');
    expect(holderOf(answer.holders, 'new-bureau').power.id).toBe('code.convert');
  });

  it('honours the dates of grants and of instruments', async () => {
    const before = await whoCan(db, { power: 'code.assign', place: 'prov', at: AT });
    expect(bodiesOf(before.holders)).not.toContain('platform-co:DIRECT');
    expect(bodiesOf(before.holders).filter((b) => b.startsWith('new-bureau'))).toEqual([]);
    const after = await whoCan(db, { power: 'code.assign', place: 'prov', at: '2023-02-01' });
    // The new measures are issued by the provincial HQ, itself a holder: the bureau holds by its delegation.
    expect(bodiesOf(after.holders)).toEqual(expect.arrayContaining(['platform-co:DIRECT', 'new-bureau:BY_DELEGATION']));
    const early = await whoCan(db, { power: 'code.assign', place: 'city', at: '2021-06-01' });
    expect(bodiesOf(early.holders)).toContain('hotline:DIRECT');
    // Before the national measures were in force the provincial ones still were.
    const first = await whoCan(db, { power: 'code', place: 'city', at: '2020-06-01' });
    expect(bodiesOf(first.holders)).not.toContain('nat-council:DIRECT');
    expect(bodiesOf(first.holders)).toContain('old-bureau:DIRECT');
  });

  it('passes a grant to a renamed body on to its successor, and says so', async () => {
    const renamed = await whoCan(db, { power: 'code.convert', place: 'city', at: AT });
    expect(bodiesOf(renamed.holders)).toEqual(['new-bureau:BY_SUCCESSION']);
    const holder = renamed.holders[0];
    expect(holder.note).toContain('甲省大数据管理局');
    expect(holder.note).toContain('on 1 April 2022');
    expect(holder.chain.map((s) => `${s.kind}:${s.node.id}`)).toEqual([
      'SUCCESSION:old-bureau',
      'GRANT:g-old',
      'PROVISION:provincial.a4',
      'INSTRUMENT:provincial',
      'IMPLEMENTS:national',
    ]);
    expect(holder.chain[0].evidence).toEqual([expect.objectContaining({ quoteZh: '大数据管理局更名', locator: 'p3' })]);
    const beforeRename = await whoCan(db, { power: 'code.convert', place: 'city', at: '2022-03-31' });
    expect(bodiesOf(beforeRename.holders)).toEqual(['old-bureau:DIRECT']);
  });

  it('leaves out places outside the grant', async () => {
    const answer = await whoCan(db, { power: 'code.assign', place: 'other-city', at: AT });
    expect(bodiesOf(answer.holders)).not.toContain('prov-hq:DIRECT');
    const nowhere = await whoCan(db, { power: 'code.convert', place: 'other-prov', at: AT });
    expect(nowhere.holders).toEqual([]);
  });

  it('evaluates a threshold against the context: unknown without it, met, or not met (and then not a holder)', async () => {
    const conditionOf = (a: WhoCanAnswer) => holderOf(a.holders, 'prov-hq').conditions;
    const unknown = await whoCan(db, { power: 'code.assign', place: 'city', at: AT });
    expect(conditionOf(unknown)).toEqual([
      {
        id: 'g-prov-hq#1',
        from: 'GRANT',
        kind: 'THRESHOLD',
        param: 'batchSize',
        min: 100,
        max: null,
        body: null,
        description: 'batches of 100 or more',
        descriptionZh: '一百人以上',
        status: 'UNKNOWN',
        outcomeNote: null,
        outcomeNoteZh: null,
        evidence: [],
      },
    ]);
    const met = await whoCan(db, { power: 'code.assign', place: 'city', at: AT, context: { batchSize: 1317 } });
    expect(conditionOf(met)[0].status).toBe('MET');
    const notMet = await whoCan(db, { power: 'code.assign', place: 'city', at: AT, context: { batchSize: 50 } });
    expect(bodiesOf(notMet.holders)).not.toContain('prov-hq:DIRECT');
    expect(notMet.excludedByContext.map((h) => h.body.id)).toEqual(['prov-hq']);
    expect(notMet.excludedByContext[0].conditions[0].status).toBe('NOT_MET');
    expect(notMet.context).toEqual({ batchSize: 50 });
  });

  it('gives each holder its chain up the IMPLEMENTS ladder, with evidence at each step', async () => {
    const answer = await whoCan(db, { power: 'code.assign', place: 'city', at: AT });
    const hq = holderOf(answer.holders, 'prov-hq');
    expect(hq.chain.map((s) => `${s.kind}:${s.node.id}`)).toEqual([
      'GRANT:g-prov-hq',
      'PROVISION:provincial.a2',
      'INSTRUMENT:provincial',
      'IMPLEMENTS:national',
    ]);
    expect(hq.chain[1]).toMatchObject({
      node: { label: 'Provision', name: '第二条 of Provincial measures', nameZh: '《甲省办法》第二条' },
      text: 'The provincial HQ assigns codes to batches of 100 or more.',
      textZh: '省指挥部负责赋码，批量一百人以上。',
    });
    expect(hq.chain[3].node).toEqual({ id: 'national', label: 'Instrument', name: 'National interim measures', nameZh: '全国暂行办法' });
    for (const step of hq.chain)
      expect(step.evidence).toEqual([expect.objectContaining({ quoteZh: `引文 ${step.node.id}`, source: expect.objectContaining({ id: 'src-t' }) })]);
  });

  it('recognises delegation: a holder issuing a grant of its own to a subordinate', async () => {
    const answer = await whoCan(db, { power: 'code.assign', place: 'city', at: AT });
    const division = holderOf(answer.holders, 'city-division');
    expect(division.via).toBe('BY_DELEGATION');
    expect(division.chain.map((s) => `${s.kind}:${s.node.id}`)).toEqual([
      'GRANT:g-delegate',
      'PROVISION:city-decision.a1',
      'INSTRUMENT:city-decision',
      'DELEGATION:city-hq',
      'GRANT:g-city-hq',
      'PROVISION:provincial.a5',
      'INSTRUMENT:provincial',
      'IMPLEMENTS:national',
    ]);
    expect(division.note).toContain('甲市指挥部');
  });

  it('marks a list cut by the limit as incomplete', async () => {
    const answer = await whoCan(db, { power: 'code', place: 'city', at: AT, limit: 2 });
    expect(answer.holders).toHaveLength(2);
    expect(answer.incomplete).toBe(true);
  });

  it('refuses unknown powers and places by name', async () => {
    await expect(whoCan(db, { power: 'nope', at: AT })).rejects.toBeInstanceOf(UnknownNodeError);
    await expect(whoCan(db, { power: 'code', place: 'code.assign', at: AT })).rejects.toThrow('No Place with id "code.assign"');
  });
});

// ---------------------------------------------------------------- what was done
const facts: Record<string, Item[]> = {
  places: law.places,
  powers: law.powers,
  bodies: [
    { id: 'city-hq', name: 'City HQ', nameZh: '甲市指挥部', kind: 'EPIDEMIC_HQ', level: 'MUNICIPAL', jurisdiction: 'city' },
    {
      id: 'city-division',
      name: 'City HQ control division',
      nameZh: '甲市指挥部社会管控处',
      kind: 'HQ_DIVISION',
      level: 'MUNICIPAL',
      partOf: 'city-hq',
    },
  ],
  persons: [
    {
      id: 'official-a',
      name: 'Official A',
      nameZh: '甲官员',
      positions: [
        {
          id: 'city-division',
          title: 'Head of division',
          titleZh: '处长',
          from: '2021-01-01',
          to: '2022-06-22',
          evidence: [{ source: 'src-t', quoteZh: '社会管控处处长甲官员', locator: 'p4' }],
        },
        { id: 'city-hq', title: 'Deputy director', titleZh: '副主任', from: '2022-06-23', unsourced: true },
      ],
    },
    {
      id: 'official-b',
      name: 'Official B',
      nameZh: '乙官员',
      positions: [{ id: 'city-division', title: 'Deputy head', titleZh: '副处长', unsourced: true }],
    },
  ],
  groups: [{ id: 'depositors', name: 'Depositors', nameZh: '储户', size: 1317 }],
  actions: [
    {
      id: 'act-june',
      summary: 'Red codes for depositors',
      summaryZh: '储户被赋红码',
      startedAt: '2022-06-13',
      endedAt: '2022-06-14',
      affectedCount: 1317,
      purpose: 'stop-petition',
      exercised: ['code.assign'],
      in: 'city',
      affected: [{ id: 'depositors', count: 1317 }],
      performedBy: [
        {
          id: 'official-a',
          role: 'DECIDED',
          evidence: [{ source: 'src-t', quoteZh: '擅自决定赋红码', quote: 'decided on their own', locator: 'p5' }],
        },
        { id: 'official-b', role: 'DECIDED', evidence: [{ source: 'src-t', quoteZh: '擅自决定赋红码', locator: 'p5' }] },
        { id: 'city-division', role: 'EXECUTED', unsourced: true },
      ],
    },
    {
      id: 'act-long',
      summary: 'Codes over two weeks',
      summaryZh: '持续赋码',
      startedAt: '2022-05-25',
      endedAt: '2022-06-02',
      exercised: ['code.assign'],
      in: 'city',
      performedBy: [{ id: 'city-hq', role: 'EXECUTED', unsourced: true }],
    },
    {
      id: 'act-july',
      summary: 'Codes turned red again',
      summaryZh: '再次赋红码',
      startedAt: '2022-07-07',
      exercised: ['code.convert'],
      in: 'city',
      performedBy: [{ id: 'official-a', role: 'DECIDED', unsourced: true }],
    },
    {
      id: 'act-other-city',
      summary: 'Elsewhere',
      summaryZh: '别处',
      startedAt: '2022-06-01',
      exercised: ['code.assign'],
      in: 'other-city',
      performedBy: [],
    },
    {
      id: 'act-province',
      summary: 'Province-wide',
      summaryZh: '全省',
      startedAt: '2022-06-20',
      exercised: ['code.assign'],
      in: 'prov',
      performedBy: [],
    },
    { id: 'act-data', summary: 'Data pooled', summaryZh: '汇聚数据', startedAt: '2022-06-15', exercised: ['data'], in: 'city', performedBy: [] },
  ],
};

describe('whoDid', () => {
  beforeEach(async () => {
    await load(facts);
  });

  it('finds the actions in the place and period, earliest first, with each person acting through the body of their position that day', async () => {
    const answer = await whoDid(db, { power: 'code.assign', place: 'city', from: '2022-06-01', to: '2022-06-30' });
    // act-long overlaps the period's first days; act-province is in the province, not the city.
    expect(answer.actions.map((a) => a.id)).toEqual(['act-long', 'act-june']);
    expect(answer).toMatchObject({ from: '2022-06-01', to: '2022-06-30', incomplete: false, place: { id: 'city' }, power: { id: 'code.assign' } });
    const june = answer.actions[1];
    expect(june).toMatchObject({
      summaryZh: '储户被赋红码',
      startedAt: '2022-06-13',
      endedAt: '2022-06-14',
      affectedCount: 1317,
      purpose: 'stop-petition',
      place: { id: 'city', nameZh: '甲市' },
      powers: [{ id: 'code.assign' }],
    });
    expect(june.evidence).toEqual([expect.objectContaining({ quoteZh: '引文 act-june' })]);
    expect(june.actors.map((a) => [a.who.id, a.role, a.through?.id ?? null, a.positionZh])).toEqual([
      ['official-a', 'DECIDED', 'city-division', '处长'],
      ['official-b', 'DECIDED', 'city-division', '副处长'],
      ['city-division', 'EXECUTED', null, null],
    ]);
    const [a] = june.actors;
    expect(a.who).toEqual({ id: 'official-a', label: 'Person', name: 'Official A', nameZh: '甲官员' });
    expect(a.position).toBe('Head of division');
    expect(a.evidence.map((e) => e.quoteZh)).toEqual(['擅自决定赋红码', '社会管控处处长甲官员']);
    expect(june.actors[2].evidence).toEqual([expect.objectContaining({ unsourced: true })]);
  });

  it('follows narrower powers, and the position a person held at the later date', async () => {
    const answer = await whoDid(db, { power: 'code', place: 'city', from: '2022-06-01', to: '2022-07-31' });
    expect(answer.actions.map((a) => a.id)).toEqual(['act-long', 'act-june', 'act-july']);
    const july = answer.actions[2];
    expect(july.powers.map((p) => p.id)).toEqual(['code.convert']);
    expect(july.actors.map((a) => [a.who.id, a.through?.id, a.position])).toEqual([['official-a', 'city-hq', 'Deputy director']]);
  });

  it('filters by period and place, and marks a cut list incomplete', async () => {
    expect((await whoDid(db, { power: 'code.assign', place: 'city', from: '2022-06-03', to: '2022-06-12' })).actions).toEqual([]);
    expect((await whoDid(db, { power: 'code.assign', place: 'prov' })).actions.map((a) => a.id)).toEqual(['act-long', 'act-june', 'act-province']);
    expect((await whoDid(db, { power: 'code.assign' })).actions.map((a) => a.id)).toEqual(['act-long', 'act-other-city', 'act-june', 'act-province']);
    const cut = await whoDid(db, { power: 'code', limit: 2 });
    expect(cut.actions).toHaveLength(2);
    expect(cut.incomplete).toBe(true);
  });
});

describe('explain', () => {
  beforeEach(async () => {
    await load(law);
  });
  const ask = (body: string, power: string, extra: Partial<Parameters<typeof explain>[1]> = {}) => explain(db, { body, power, at: AT, ...extra });

  it('HOLDS with the chain, saying how', async () => {
    const answer = await ask('city-bureau', 'code.assign');
    expect(answer).toMatchObject({
      verdict: 'HOLDS',
      holds: true,
      via: 'BY_TYPE',
      missingLink: null,
      body: { id: 'city-bureau' },
      power: { id: 'code.assign' },
    });
    expect(answer.chain.map((s) => s.kind)).toEqual(['BODY_TYPE', 'GRANT', 'PROVISION', 'INSTRUMENT', 'IMPLEMENTS']);
    expect(answer.reasonZh).toContain('各级大数据管理部门');
    const successor = await ask('new-bureau', 'code');
    expect(successor).toMatchObject({ verdict: 'HOLDS', via: 'BY_SUCCESSION' });
    expect(successor.reason).toContain('甲省大数据管理局');
  });

  it('CONDITIONAL without context, HOLDS when the context meets the condition, DOES_NOT_HOLD (CONDITION_UNMET) when it does not', async () => {
    const conditional = await ask('prov-hq', 'code.assign');
    expect(conditional).toMatchObject({ verdict: 'CONDITIONAL', holds: false, missingLink: null });
    expect(conditional.conditions.map((c) => c.status)).toEqual(['UNKNOWN']);
    expect(conditional.reason).toContain('batches of 100 or more');
    const met = await ask('prov-hq', 'code.assign', { context: { batchSize: 1317 } });
    expect(met).toMatchObject({ verdict: 'HOLDS', holds: true });
    const notMet = await ask('prov-hq', 'code.assign', { context: { batchSize: 12 } });
    expect(notMet).toMatchObject({ verdict: 'DOES_NOT_HOLD', holds: false, missingLink: { kind: 'CONDITION_UNMET', nodeIds: ['g-prov-hq'] } });
    expect(notMet.chain.length).toBeGreaterThan(0);
  });

  it('PARENT_ONLY for a division whose parent holds the power, with no delegation', async () => {
    const answer = await ask('prov-division', 'code.assign', { context: { batchSize: 500 } });
    expect(answer).toMatchObject({ verdict: 'DOES_NOT_HOLD', missingLink: { kind: 'PARENT_ONLY' } });
    expect(answer.missingLink!.nodeIds).toEqual(['prov-division', 'prov-hq', 'g-prov-hq']);
    expect(answer.missingLink!.explanationZh).toContain('甲省指挥部');
    // The delegated division of the city HQ does hold it.
    expect((await ask('city-division', 'code.assign')).verdict).toBe('HOLDS');
  });

  it('NOT_YET_IN_FORCE for a grant that starts later (grant or instrument), NO_LONGER_IN_FORCE for one that ended', async () => {
    const later = await ask('platform-co', 'code.assign');
    expect(later.missingLink).toMatchObject({ kind: 'NOT_YET_IN_FORCE', nodeIds: ['g-future-grant', 'provincial'] });
    expect(later.missingLink!.explanation).toContain('1 January 2023');
    const laterInstrument = await ask('new-bureau', 'code.assign');
    expect(laterInstrument.missingLink).toMatchObject({ kind: 'NOT_YET_IN_FORCE', nodeIds: ['g-future-ins', 'future-measure'] });
    const ended = await ask('hotline', 'code.assign');
    expect(ended).toMatchObject({ verdict: 'DOES_NOT_HOLD', missingLink: { kind: 'NO_LONGER_IN_FORCE' } });
    expect(ended.missingLink!.explanation).toContain('31 December 2021');
  });

  it('WRONG_PLACE for a grant to the body (or its type) for another place', async () => {
    const typeElsewhere = await ask('other-bureau', 'code.assign');
    expect(typeElsewhere.missingLink).toMatchObject({ kind: 'WRONG_PLACE', nodeIds: ['g-type', 'provincial', 'bigdata-type', 'prov'] });
    const otherCity = await ask('city2-bureau', 'code.assign', { place: 'city' });
    expect(otherCity.missingLink?.kind).toBe('WRONG_PLACE');
    const direct = await ask('other-hq', 'code.assign', { place: 'city' });
    expect(direct.missingLink?.kind).toBe('WRONG_PLACE');
    expect(direct.missingLink!.explanation).toContain('丙省');
    expect((await ask('other-hq', 'code.assign', { place: 'other-city' })).verdict).toBe('HOLDS');
  });

  it('a body renamed before the date answers through its successor: renamed to …, which holds …', async () => {
    const answer = await ask('old-bureau', 'code.convert');
    expect(answer).toMatchObject({ verdict: 'HOLDS', missingLink: null, through: { id: 'new-bureau' }, body: { id: 'old-bureau' } });
    expect(answer.chain[0]).toMatchObject({ kind: 'SUCCESSION', node: { id: 'old-bureau' } });
    expect(answer.reason).toMatch(/was renamed .* on 1 April 2022, which holds Convert a code \(转码\) on 13 June 2022: /);
    expect(answer.reasonZh).toContain('甲省政务信息管理局');
    expect((await ask('old-bureau', 'code.convert', { at: '2022-01-01' })).verdict).toBe('HOLDS');
  });

  it('NO_GRANT when others hold it but nothing reaches the body (noting a prohibition), UNKNOWN when nobody is granted it', async () => {
    const police = await ask('police', 'code.assign');
    expect(police).toMatchObject({ verdict: 'DOES_NOT_HOLD', missingLink: { kind: 'NO_GRANT' } });
    expect(police.missingLink!.nodeIds).toContain('g-prohibit');
    expect(police.missingLink!.explanation).toContain('forbids');
    const unknown = await ask('city-hq', 'data');
    expect(unknown).toMatchObject({ verdict: 'UNKNOWN', holds: false, missingLink: { kind: 'NO_INFORMATION' } });
    expect(unknown.reason).toContain('do not say');
  });

  it('refuses an id that is not a body', async () => {
    await expect(ask('code', 'code')).rejects.toThrow('No Body with id "code"');
  });
});

describe('conditions against a context', () => {
  it('reads thresholds, consents, approvals and procedures; what the context does not say stays UNKNOWN', () => {
    const threshold = { kind: 'THRESHOLD', param: 'batchSize', max: 99 };
    expect(conditionStatus(threshold, { batchSize: 99 })).toBe('MET');
    expect(conditionStatus(threshold, { batchSize: '100' })).toBe('NOT_MET');
    expect(conditionStatus(threshold, { other: 1 })).toBe('UNKNOWN');
    expect(conditionStatus(threshold, null)).toBe('UNKNOWN');
    const consent = { kind: 'CONSENT', body: 'prov-hq' };
    expect(conditionStatus(consent, { consents: ['prov-hq'] })).toBe('MET');
    expect(conditionStatus(consent, { consents: ['city-hq'] })).toBe('UNKNOWN');
    expect(conditionStatus({ kind: 'APPROVAL', body: 'prov-hq' }, { approvals: ['prov-hq'] })).toBe('MET');
    const procedure = { kind: 'PROCEDURE', param: 'writtenRequest', description: 'a written request with evidence' };
    expect(conditionStatus(procedure, { procedures: ['writtenRequest'] })).toBe('MET');
    expect(conditionStatus(procedure, { consents: ['writtenRequest'] })).toBe('UNKNOWN');
  });
});
