// Findings on small hand-built graphs against the real Neo4j: each kind of gap with its near
// miss, referral outcomes, accountability, search, timeline and the graph views.
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../server/config.js';
import { createApp } from '../../server/http/app.js';
import { createGraphQL } from '../../server/graphql/server.js';
import type { Database } from '../../server/neo4j/database.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { gaps, type Finding } from '../../server/analyses/gaps.js';
import { referralPaths } from '../../server/analyses/referralPaths.js';
import { accountability } from '../../server/analyses/accountability.js';
import { search } from '../../server/analyses/search.js';
import { timeline } from '../../server/analyses/timeline.js';
import { caseGraph, neighborhood } from '../../server/analyses/graph.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';

const ev = (quoteZh: string) => [{ source: 'src-f', quoteZh, locator: 'para 1' }];

const source = {
  id: 'src-f',
  title: '测试报道',
  titleEn: 'Test report',
  outlet: '测试新闻',
  publishedAt: '2022-07-01',
  kind: 'NEWS',
  language: 'zh',
};
const places = [
  { id: 'f-country', name: 'Fictland', nameZh: '虚构国', level: 'COUNTRY' },
  { id: 'f-prov', name: 'North Province', nameZh: '北省', level: 'PROVINCE', within: 'f-country' },
  { id: 'f-city', name: 'Harbour City', nameZh: '港市', level: 'CITY', within: 'f-prov' },
];
const powers = [
  { id: 'f-code', name: 'Manage the code system', nameZh: '管理健康码' },
  { id: 'f-code.assign', name: 'Assign a code', nameZh: '赋码', narrowerThan: 'f-code', affectsPeople: true },
  { id: 'f-code.convert', name: 'Convert a code', nameZh: '转码', narrowerThan: 'f-code', affectsPeople: true },
];
const body = (id: string, name: string, nameZh: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  nameZh,
  kind: 'AGENCY',
  level: 'MUNICIPAL',
  jurisdiction: 'f-city',
  evidence: ev(nameZh),
  ...extra,
});

/** Grants, actions and statements that exercise every kind of gap. */
export function gapsBundle() {
  return {
    format: 'quanze-bundle/1',
    case: { id: 'f-gaps', title: 'Gaps test case', titleZh: '缺口测试', fictional: true },
    // stop-petition is left undeclared: it must read as "a purpose the case does not describe".
    terms: [{ id: 'f-term-epidemic', vocabulary: 'PURPOSE', value: 'epidemic-control', label: 'epidemic control', labelZh: '疫情防控' }],
    sources: [source],
    places,
    powers,
    bodies: [
      body('f-hq', 'Harbour City Epidemic HQ', '港市疫情防控指挥部', { kind: 'EPIDEMIC_HQ' }),
      body('f-division', 'Social Control Division', '社会管控处', { kind: 'HQ_DIVISION', partOf: 'f-hq' }),
      body('f-bureau', 'North Province Big Data Bureau', '北省大数据局', { level: 'PROVINCIAL', jurisdiction: 'f-prov' }),
      body('f-health', 'Harbour City Health Commission', '港市卫健委'),
      body('f-hotline', 'Harbour City 12345 Hotline', '港市12345热线', { kind: 'HOTLINE' }),
    ],
    persons: [
      {
        id: 'f-official',
        name: 'Official Wang',
        nameZh: '王官员',
        evidence: ev('王官员'),
        positions: [{ id: 'f-division', title: 'Head', titleZh: '负责人', from: '2021-01-01', evidence: ev('社会管控处负责人王官员') }],
      },
    ],
    instruments: [
      {
        id: 'f-measure',
        title: 'Code measures',
        titleZh: '健康码管理办法',
        docType: 'MEASURE',
        issuedOn: '2020-01-01',
        effectiveFrom: '2020-01-01',
        evidence: ev('管理办法'),
      },
    ],
    provisions: [
      { id: 'f-measure.a1', ref: '第一条', textZh: '指挥部负责健康码管理。', partOf: 'f-measure', evidence: ev('第一条') },
      { id: 'f-measure.a2', ref: '第二条', textZh: '大数据局依书面申请赋码。', partOf: 'f-measure', evidence: ev('第二条') },
      { id: 'f-measure.a3', ref: '第三条', textZh: '不得用于疫情防控以外的目的。', partOf: 'f-measure', evidence: ev('第三条') },
      { id: 'f-measure.a4', ref: '第四条', textZh: '卫健委负责赋码。', partOf: 'f-measure', evidence: ev('第四条') },
    ],
    grants: [
      // The HQ holds the broad power, so it may assign codes (a narrower act).
      {
        id: 'f-g-hq',
        modality: 'POWER',
        conferredBy: 'f-measure.a1',
        power: 'f-code',
        to: ['f-hq'],
        within: 'f-city',
        evidence: ev('指挥部负责健康码管理'),
      },
      {
        id: 'f-g-bureau',
        modality: 'POWER',
        conferredBy: 'f-measure.a2',
        power: 'f-code.assign',
        to: ['f-bureau'],
        within: 'f-prov',
        conditions: [
          { kind: 'PROCEDURE', param: 'writtenRequest', description: 'a written request with evidence', descriptionZh: '书面申请并附证据' },
        ],
        evidence: ev('依书面申请赋码'),
      },
      {
        id: 'f-g-prohibit',
        modality: 'PROHIBITION',
        purposes: ['epidemic-control'],
        conferredBy: 'f-measure.a3',
        power: 'f-code',
        within: 'f-country',
        evidence: ev('不得用于疫情防控以外'),
      },
      {
        id: 'f-g-health',
        modality: 'DUTY',
        conferredBy: 'f-measure.a4',
        power: 'f-code.assign',
        to: ['f-health'],
        within: 'f-city',
        evidence: ev('卫健委负责赋码'),
      },
    ],
    actions: [
      {
        id: 'f-a-division',
        summary: 'Division red-coded petitioners',
        summaryZh: '处室给上访者赋红码',
        startedAt: '2022-06-10',
        purpose: 'stop-petition',
        exercised: ['f-code.assign'],
        in: 'f-city',
        evidence: ev('擅自赋红码'),
        performedBy: [{ id: 'f-official', role: 'DECIDED', evidence: ev('王官员擅自决定') }],
      },
      {
        id: 'f-a-hq',
        summary: 'HQ coded contacts of cases',
        summaryZh: '指挥部为密接者赋码',
        startedAt: '2022-06-11',
        purpose: 'epidemic-control',
        exercised: ['f-code.assign'],
        in: 'f-city',
        evidence: ev('为密接者赋码'),
        performedBy: [{ id: 'f-hq', role: 'DECIDED', evidence: ev('指挥部决定') }],
      },
      {
        id: 'f-a-bureau-unmet',
        summary: 'Bureau coded without a request',
        summaryZh: '大数据局无申请赋码',
        startedAt: '2022-06-12',
        purpose: 'epidemic-control',
        conditionsMet: [{ kind: 'PROCEDURE', met: false, note: 'no request' }],
        exercised: ['f-code.assign'],
        in: 'f-city',
        evidence: ev('无申请赋码'),
        performedBy: [{ id: 'f-bureau', role: 'DECIDED', evidence: ev('大数据局决定') }],
      },
      {
        id: 'f-a-bureau-met',
        summary: 'Bureau coded on request',
        summaryZh: '大数据局依申请赋码',
        startedAt: '2022-06-13',
        purpose: 'epidemic-control',
        conditionsMet: [{ kind: 'PROCEDURE', met: true, note: 'request on file' }],
        exercised: ['f-code.assign'],
        in: 'f-city',
        evidence: ev('依申请赋码'),
        performedBy: [{ id: 'f-bureau', role: 'DECIDED', evidence: ev('大数据局依申请') }],
      },
      {
        id: 'f-a-hotline',
        summary: 'Hotline converted codes',
        summaryZh: '热线转码',
        startedAt: '2022-06-14',
        purpose: 'epidemic-control',
        exercised: ['f-code.convert'],
        in: 'f-city',
        evidence: ev('热线转码'),
        performedBy: [{ id: 'f-hotline', role: 'DECIDED', evidence: ev('热线决定转码') }],
      },
      {
        id: 'f-a-pushed',
        summary: 'Codes pushed by the province',
        summaryZh: '省里推送红码',
        startedAt: '2022-07-07',
        purpose: 'epidemic-control',
        exercised: ['f-code.assign'],
        in: 'f-city',
        evidence: ev('异常信息由省推送'),
        performedBy: [{ id: 'f-hq', role: 'COMMUNICATED', evidence: ev('指挥部告知') }],
      },
    ],
    statements: [
      {
        id: 'f-s-health-denies',
        saidOn: '2022-07-08',
        stance: 'DENIES_SELF',
        saidBy: 'f-health',
        about: ['f-code.assign'],
        quoteZh: '我们不是赋码单位',
        quote: 'We do not assign codes.',
        evidence: ev('我们不是赋码单位'),
      },
      {
        id: 'f-s-hotline-unknown',
        saidOn: '2022-07-08',
        stance: 'UNKNOWN',
        saidBy: 'f-hotline',
        about: ['f-code.assign'],
        quoteZh: '不清楚',
        quote: 'Do not know.',
        evidence: ev('不清楚'),
      },
      {
        id: 'f-s-hq-refers',
        saidOn: '2022-07-09',
        stance: 'REFERS',
        saidBy: 'f-hq',
        names: ['f-bureau'],
        about: ['f-code.assign'],
        quoteZh: '去问大数据局',
        quote: 'Ask the big-data bureau.',
        evidence: ev('去问大数据局'),
      },
      {
        id: 'f-s-bureau-refers',
        saidOn: '2022-07-09',
        stance: 'REFERS',
        saidBy: 'f-bureau',
        names: ['f-hq'],
        about: ['f-code.assign'],
        quoteZh: '去问指挥部',
        quote: 'Ask the HQ.',
        evidence: ev('去问指挥部'),
      },
      {
        id: 'f-s-health-attributes',
        saidOn: '2022-07-10',
        stance: 'ATTRIBUTES',
        saidBy: 'f-health',
        names: ['f-bureau'],
        about: ['f-code.assign'],
        quoteZh: '赋码归大数据局',
        quote: 'The bureau assigns codes.',
        evidence: ev('赋码归大数据局'),
      },
      {
        id: 'f-s-hotline-attributes',
        saidOn: '2022-07-10',
        stance: 'ATTRIBUTES',
        saidBy: 'f-hotline',
        names: ['f-hq'],
        about: ['f-code.assign'],
        quoteZh: '指挥部说了算',
        quote: 'The HQ has the final say.',
        evidence: ev('指挥部说了算'),
      },
    ],
  };
}

/**
 * Referral graphs, one per power so each walks alone:
 *   r-loop:     A → B → A                      (LOOP)
 *   r-dead:     A → B, B says it does not know  (DEAD_END)
 *   r-claimed:  A → B, B claims it              (CLAIMED)
 *   r-attrib:   A attributes to C (never asked), D claims it (ATTRIBUTED and CLAIMED)
 *   r-unasked:  A refers to C (never asked), nobody claims (DEAD_END)
 */
export function referralBundle() {
  const st = (id: string, stance: string, saidBy: string, power: string, names: string[] = []) => ({
    id,
    saidOn: '2022-07-10',
    stance,
    saidBy,
    about: [power],
    names,
    quoteZh: `${id}的原话`,
    quote: `Words of ${id}`,
    evidence: ev(`${id}的原话`),
  });
  return {
    format: 'quanze-bundle/1',
    case: { id: 'f-referrals', title: 'Referral test case', titleZh: '推诿测试', fictional: true },
    sources: [source],
    places,
    powers: ['loop', 'dead', 'claimed', 'attrib', 'unasked'].map((p) => ({ id: `r-${p}`, name: `Power ${p}`, nameZh: `权力${p}` })),
    bodies: [body('r-a', 'Agency A', '甲局'), body('r-b', 'Agency B', '乙局'), body('r-c', 'Agency C', '丙局'), body('r-d', 'Agency D', '丁局')],
    statements: [
      st('r-loop-1', 'REFERS', 'r-a', 'r-loop', ['r-b']),
      st('r-loop-2', 'REFERS', 'r-b', 'r-loop', ['r-a']),
      st('r-dead-1', 'REFERS', 'r-a', 'r-dead', ['r-b']),
      st('r-dead-2', 'UNKNOWN', 'r-b', 'r-dead'),
      st('r-claimed-1', 'REFERS', 'r-a', 'r-claimed', ['r-b']),
      st('r-claimed-2', 'CLAIMS_SELF', 'r-b', 'r-claimed'),
      st('r-attrib-1', 'ATTRIBUTES', 'r-a', 'r-attrib', ['r-c']),
      st('r-attrib-2', 'CLAIMS_SELF', 'r-d', 'r-attrib'),
      st('r-unasked-1', 'REFERS', 'r-a', 'r-unasked', ['r-c']),
    ],
  };
}

/**
 * Executors and dormant holders:
 *   e-x-cocactor   the contractor EXECUTED, the agency (which holds convert) COMMUNICATED  → nothing
 *   e-x-principal  the contractor EXECUTED alone; it operates the platform, which holds assign → nothing
 *   e-x-nobody     the contractor EXECUTED, the hotline (no grant) COMMUNICATED            → UNAUTHORIZED
 *   e-x-decided    the contractor DECIDED, the agency EXECUTED                              → UNAUTHORIZED
 *   e-x-division   an official of the HQ's division DECIDED                                 → via parent
 *   e-x-upgrade    nobody known; it changed nobody's code                                   → LOW unattributed
 * The HQ (its division acted) and the agency are not dormant; the idle body, holding a duty
 * and a power of one family, is dormant once.
 */
export function executorsBundle() {
  const action = (id: string, summary: string, summaryZh: string, startedAt: string, power: string, performedBy: { id: string; role: string }[]) => ({
    id,
    summary,
    summaryZh,
    startedAt,
    purpose: 'epidemic-control',
    exercised: [power],
    in: 'f-city',
    evidence: ev(summaryZh),
    performedBy: performedBy.map((p) => ({ ...p, evidence: ev(`${p.id}参与`) })),
  });
  const grant = (id: string, modality: string, power: string, to: string) => ({
    id,
    modality,
    conferredBy: 'e-measure.a1',
    power,
    to: [to],
    within: 'f-city',
    evidence: ev(`${id}的依据`),
  });
  return {
    format: 'quanze-bundle/1',
    case: { id: 'f-executors', title: 'Executors test case', titleZh: '执行者测试', fictional: true },
    sources: [source],
    places,
    powers,
    bodies: [
      body('e-hq', 'Harbour City Epidemic HQ', '港市疫情防控指挥部', { kind: 'EPIDEMIC_HQ' }),
      body('e-division', 'Social Control Division', '社会管控处', { kind: 'HQ_DIVISION', partOf: 'e-hq' }),
      body('e-agency', 'Code Agency', '码务局'),
      body('e-idle', 'Idle Office', '闲置办公室'),
      body('e-hotline', 'Harbour City 12345 Hotline', '港市12345热线', { kind: 'HOTLINE' }),
      body('e-contractor', 'Code Systems Ltd', '码系统公司', { kind: 'COMPANY', level: 'NONE' }),
      body('e-platform', 'Harbour City code platform', '港市健康码平台', {
        kind: 'PLATFORM',
        operatedBy: [{ id: 'e-contractor', evidence: ev('平台由码系统公司运营') }],
      }),
    ],
    persons: [
      {
        id: 'e-official',
        name: 'Official Li',
        nameZh: '李官员',
        evidence: ev('李官员'),
        positions: [{ id: 'e-division', title: 'Head', titleZh: '负责人', from: '2021-01-01', evidence: ev('社会管控处负责人李官员') }],
      },
    ],
    instruments: [
      {
        id: 'e-measure',
        title: 'Code measures',
        titleZh: '健康码管理办法',
        docType: 'MEASURE',
        issuedOn: '2020-01-01',
        effectiveFrom: '2020-01-01',
        evidence: ev('管理办法'),
      },
    ],
    provisions: [{ id: 'e-measure.a1', ref: '第一条', textZh: '各单位职责。', partOf: 'e-measure', evidence: ev('第一条') }],
    grants: [
      grant('e-g-hq', 'POWER', 'f-code', 'e-hq'),
      grant('e-g-agency', 'POWER', 'f-code.convert', 'e-agency'),
      grant('e-g-platform', 'POWER', 'f-code.assign', 'e-platform'),
      grant('e-g-idle-duty', 'DUTY', 'f-code', 'e-idle'),
      grant('e-g-idle-convert', 'POWER', 'f-code.convert', 'e-idle'),
    ],
    actions: [
      action('e-x-coactor', 'Contractor switched codes for the agency', '公司为码务局转码', '2022-06-01', 'f-code.convert', [
        { id: 'e-contractor', role: 'EXECUTED' },
        { id: 'e-agency', role: 'COMMUNICATED' },
      ]),
      action('e-x-principal', 'Contractor pushed codes through the platform', '公司经平台推送赋码', '2022-06-02', 'f-code.assign', [
        { id: 'e-contractor', role: 'EXECUTED' },
      ]),
      action('e-x-nobody', "Contractor switched codes on the hotline's word", '公司应热线转码', '2022-06-03', 'f-code.convert', [
        { id: 'e-contractor', role: 'EXECUTED' },
        { id: 'e-hotline', role: 'COMMUNICATED' },
      ]),
      action('e-x-decided', 'Contractor decided to switch codes', '公司自行决定转码', '2022-06-04', 'f-code.convert', [
        { id: 'e-contractor', role: 'DECIDED' },
        { id: 'e-agency', role: 'EXECUTED' },
      ]),
      action('e-x-division', 'Division red-coded visitors', '处室给来访者赋红码', '2022-06-05', 'f-code.assign', [
        { id: 'e-official', role: 'DECIDED' },
      ]),
      action('e-x-upgrade', 'The code system was upgraded, connecting every district', '健康码系统升级，各区互联互通', '2022-06-06', 'f-code', []),
    ],
  };
}

/**
 * Referral trails that end at one body, a circle entered from two sides, and a body asked
 * directly that did not know:
 *   g-a → g-c, g-b → g-c, g-c unreachable          one DEAD_END at g-c, both paths
 *   g-x → g-p → g-q → g-p, g-y → g-q → g-p → g-q    one REFERRAL_LOOP {g-p, g-q}
 *   g-d: "do not know", nobody sent the asker there  no DEAD_END
 */
export function groupingBundle() {
  const st = (id: string, stance: string, saidBy: string, names: string[] = []) => ({
    id,
    saidOn: '2022-07-10',
    stance,
    saidBy,
    about: ['f-code.assign'],
    names,
    quoteZh: `${id}的原话`,
    quote: `Words of ${id}`,
    evidence: ev(`${id}的原话`),
  });
  return {
    format: 'quanze-bundle/1',
    case: { id: 'f-grouping', title: 'Grouping test case', titleZh: '归并测试', fictional: true },
    sources: [source],
    places,
    powers,
    bodies: ['a', 'b', 'c', 'd', 'x', 'y', 'p', 'q'].map((k) => body(`g-${k}`, `Office ${k.toUpperCase()}`, `${k}办`)),
    statements: [
      st('g-a-refers', 'REFERS', 'g-a', ['g-c']),
      st('g-b-refers', 'REFERS', 'g-b', ['g-c']),
      st('g-c-unreachable', 'UNREACHABLE', 'g-c'),
      st('g-d-unknown', 'UNKNOWN', 'g-d'),
      st('g-x-refers', 'REFERS', 'g-x', ['g-p']),
      st('g-y-refers', 'REFERS', 'g-y', ['g-q']),
      st('g-p-refers', 'REFERS', 'g-p', ['g-q']),
      st('g-q-refers', 'REFERS', 'g-q', ['g-p']),
    ],
  };
}

/** Names to search: a renamed bureau and its successor, an official, a name with Lucene's special characters. */
export function namesBundle() {
  return {
    format: 'quanze-bundle/1',
    case: { id: 'f-names', title: 'Names test case', titleZh: '名称测试', fictional: true },
    sources: [source],
    places,
    bodies: [
      body('f-old-bureau', 'North Province Big Data Administration Bureau', '北省大数据管理局', {
        aliases: ['北省大数据局', 'NP big-data bureau'],
        level: 'PROVINCIAL',
        jurisdiction: 'f-prov',
        validTo: '2022-03-31',
        succeededBy: {
          id: 'f-new-bureau',
          on: '2022-04-01',
          how: 'RENAMED',
          evidence: ev('北省大数据管理局（后更名为北省行政审批和政务信息管理局）'),
        },
      }),
      body('f-new-bureau', 'North Province Administrative Approval and Government Information Bureau', '北省行政审批和政务信息管理局', {
        level: 'PROVINCIAL',
        jurisdiction: 'f-prov',
        validFrom: '2022-04-01',
      }),
      body('f-odd', 'Office "A" (temporary)', '临时（甲）办公室'),
    ],
    persons: [
      {
        id: 'f-feng',
        name: 'Feng Xianbin',
        nameZh: '冯献彬',
        evidence: ev('冯献彬'),
        positions: [{ id: 'f-odd', title: 'Head', titleZh: '主任', from: '2021-01-01', to: '2022-06-22', evidence: ev('主任冯献彬') }],
      },
    ],
  };
}

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
}, 600_000);
afterAll(closeTestDatabase);

async function load(bundle: unknown) {
  // gaps computes here: the import need not derive the findings too.
  const result = await importBundle(db, bundle, { findings: 'later' });
  expect(result.problems).toEqual([]);
  expect(result.ok).toBe(true);
}

const ofKind = (findings: Finding[], kind: string) => findings.filter((f) => f.kind === kind);
const about = (findings: Finding[], kind: string, id: string) => ofKind(findings, kind).filter((f) => f.nodeIds.includes(id));

describe('gaps on a hand-built case', () => {
  let findings: Finding[];
  beforeAll(async () => {
    await clearDatabase(db);
    await load(gapsBundle());
    findings = (await gaps(db, { case: 'f-gaps' })).findings;
  }, 600_000);

  it('reports a division acting on its parent HQ power as AUTHORITY_VIA_PARENT_ONLY, naming both', () => {
    const [finding] = about(findings, 'AUTHORITY_VIA_PARENT_ONLY', 'f-a-division');
    expect(finding).toBeDefined();
    expect(finding.severity).toBe('MEDIUM');
    expect(finding.nodeIds).toEqual(expect.arrayContaining(['f-official', 'f-division', 'f-hq']));
    expect(finding.explanation).toContain('Harbour City Epidemic HQ (港市疫情防控指挥部)');
    expect(finding.explanation).toContain('weaker');
    expect(finding.explanationZh).toContain('社会管控处');
    expect(finding.evidence.map((e) => e.quote)).toEqual(expect.arrayContaining(['擅自赋红码', '王官员擅自决定']));
    expect(about(findings, 'UNAUTHORIZED_ACTION', 'f-a-division')).toEqual([]);
  });

  it('reports an actor with no grant anywhere as UNAUTHORIZED_ACTION (HIGH), and not an authorised one', () => {
    const [finding] = about(findings, 'UNAUTHORIZED_ACTION', 'f-a-hotline');
    expect(finding?.severity).toBe('HIGH');
    expect(finding?.explanation).toContain('Harbour City 12345 Hotline (港市12345热线)');
    expect(finding?.evidence.length).toBeGreaterThan(0);
    // The HQ holds the broader power "manage the code system", which covers assigning.
    for (const kind of ['UNAUTHORIZED_ACTION', 'AUTHORITY_VIA_PARENT_ONLY', 'CONDITION_NOT_MET']) {
      expect(about(findings, kind, 'f-a-hq')).toEqual([]);
    }
  });

  it('reports CONDITION_NOT_MET when the action records the condition as not met, and nothing when it was met', () => {
    const [finding] = about(findings, 'CONDITION_NOT_MET', 'f-a-bureau-unmet');
    expect(finding?.explanation).toContain('a written request with evidence');
    expect(finding?.explanationZh).toContain('书面申请并附证据');
    expect(about(findings, 'CONDITION_NOT_MET', 'f-a-bureau-met')).toEqual([]);
    expect(about(findings, 'UNAUTHORIZED_ACTION', 'f-a-bureau-met')).toEqual([]);
  });

  it('reports PROHIBITED_ACTION for a purpose outside the prohibition, not for epidemic control', () => {
    const [finding] = about(findings, 'PROHIBITED_ACTION', 'f-a-division');
    expect(finding?.severity).toBe('HIGH');
    expect(finding?.nodeIds).toContain('f-g-prohibit');
    expect(finding?.evidence.map((e) => e.quote)).toContain('不得用于疫情防控以外');
    expect(ofKind(findings, 'PROHIBITED_ACTION').map((f) => f.nodeIds.find((id) => id.startsWith('f-a-')))).toEqual(['f-a-division']);
  });

  it('reports UNATTRIBUTED_ACTION only for the action with no decider, MEDIUM as it gave people codes', () => {
    expect(ofKind(findings, 'UNATTRIBUTED_ACTION').map((f) => f.nodeIds)).toEqual([['f-a-pushed']]);
    const [finding] = ofKind(findings, 'UNATTRIBUTED_ACTION');
    expect(finding.explanation).toContain('which told people of it');
    expect(finding.severity).toBe('MEDIUM');
    expect(finding.title).toBe('Assign a code (July 2022): nobody is known to have decided it');
    expect(finding.titleZh).toBe('赋码（2022年7月）：不知由谁决定');
    expect(finding.basis).toBe('INFERRED');
  });

  it('names the action, its people and its date in every title about an action, and shows purposes in plain words', () => {
    const titles = findings.map((f) => f.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(new Set(findings.map((f) => f.titleZh)).size).toBe(titles.length);
    const [prohibited] = about(findings, 'PROHIBITED_ACTION', 'f-a-division');
    // A measure is named as what it is, never "the law"; an undeclared purpose is never shown by its slug.
    expect(prohibited.title).toBe('Assign a code (June 2022): a purpose forbidden by the Code measures');
    expect(prohibited.titleZh).toBe('赋码（2022年6月）：用途违反《健康码管理办法》');
    expect(prohibited.explanation).toContain('for a purpose the case does not describe');
    expect(prohibited.explanationZh).toContain('目的是案例未说明的用途');
    expect(prohibited.explanation).not.toContain('stop');
    expect(prohibited.explanation).toContain('Under the measures "Code measures"');
    expect(prohibited.explanation).toContain('other than epidemic control');
    expect(`${prohibited.title} ${prohibited.explanation}`).not.toMatch(/\blaw\b/);
    expect(prohibited.titleZh + prohibited.explanationZh).not.toContain('违法');
    const [unauthorized] = about(findings, 'UNAUTHORIZED_ACTION', 'f-a-hotline');
    expect(unauthorized.title).toMatch(/^Convert a code \(June 2022\): decided by Harbour City 12345 Hotline/);
  });

  it('reports DISCLAIMED_AUTHORITY for a duty holder that denied it, not for a body that holds nothing', () => {
    expect(ofKind(findings, 'DISCLAIMED_AUTHORITY').map((f) => f.nodeIds.find((id) => id.startsWith('f-s-')))).toEqual(['f-s-health-denies']);
    const [finding] = ofKind(findings, 'DISCLAIMED_AUTHORITY');
    expect(finding.explanation).toContain('Harbour City Health Commission (港市卫健委)');
    expect(finding.evidence.map((e) => e.quote)).toEqual(expect.arrayContaining(['我们不是赋码单位', '卫健委负责赋码']));
  });

  it('reports CONFLICTING_ATTRIBUTION when statements name two holders of one power, saying who named whom', () => {
    const [finding] = ofKind(findings, 'CONFLICTING_ATTRIBUTION');
    expect(finding?.nodeIds).toEqual(['f-bureau', 'f-code.assign', 'f-hq']);
    expect(finding?.power?.id).toBe('f-code.assign');
    expect(finding?.explanation).toContain('North Province Big Data Bureau (北省大数据局): named by Harbour City Health Commission (港市卫健委)');
    expect(finding?.explanation).toContain('Harbour City Epidemic HQ (港市疫情防控指挥部): named by Harbour City 12345 Hotline (港市12345热线)');
    expect(finding?.explanationZh).toContain('北省大数据局：由港市卫健委');
    // "Ask the bureau" from the HQ is a referral, not a claim that the bureau holds the power.
    expect(finding?.evidence.map((e) => e.quote)).not.toContain('去问大数据局');
  });

  it('reports the HQ ⇄ bureau referrals as one REFERRAL_LOOP, and never stitches a later attribution onto earlier calls', () => {
    const loops = ofKind(findings, 'REFERRAL_LOOP');
    expect(loops.length).toBe(1);
    expect(loops[0].nodeIds).toEqual(expect.arrayContaining(['f-hq', 'f-bureau', 'f-s-hq-refers', 'f-s-bureau-refers']));
    // The attributions of 07-10 come after the referrals of 07-09: not part of the circle.
    expect(loops[0].nodeIds).not.toContain('f-s-health-attributes');
    expect(loops[0].nodeIds).not.toContain('f-s-hotline-attributes');
    for (const end of ofKind(findings, 'DEAD_END')) expect(end.title).toContain('nobody is recorded as asking it after that');
  });

  it('reports DORMANT_POWER (LOW) for the duty holder that never acted, not for bodies that acted', () => {
    const dormant = ofKind(findings, 'DORMANT_POWER');
    expect(dormant.map((f) => f.nodeIds.filter((id) => id === 'f-health' || id === 'f-hq' || id === 'f-bureau'))).toEqual([['f-health']]);
    expect(dormant[0].severity).toBe('LOW');
  });

  it('sorts by severity and gives stable ids from kind and sorted node ids', async () => {
    const order = findings.map((f) => ['HIGH', 'MEDIUM', 'LOW'].indexOf(f.severity));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const f of findings) {
      expect(f.id).toBe(`${f.kind}:${[...f.nodeIds].sort().join(',')}`);
      expect(f.evidence.length).toBeGreaterThan(0);
    }
    const again = await gaps(db, { case: 'f-gaps' });
    expect(again.findings.map((f) => f.id)).toEqual(findings.map((f) => f.id));
  });

  it('pages through the findings with first/after, with totals per kind and severity over the whole case', async () => {
    const pages: Finding[] = [];
    let after: string | null = null;
    for (let n = 0; n < 20; n++) {
      const page = await gaps(db, { case: 'f-gaps', limit: 2, after });
      expect(page.total).toBe(findings.length);
      expect(page.byKind.reduce((sum, c) => sum + c.count, 0)).toBe(findings.length);
      expect(page.bySeverity.find((c) => c.key === 'HIGH')?.count).toBe(findings.filter((f) => f.severity === 'HIGH').length);
      pages.push(...page.findings);
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    expect(pages.map((f) => f.id)).toEqual(findings.map((f) => f.id));
  });

  it('considers only what had happened by `at`', async () => {
    const early = await gaps(db, { case: 'f-gaps', at: '2022-06-10' });
    expect(early.at).toBe('2022-06-10');
    expect(ofKind(early.findings, 'UNATTRIBUTED_ACTION')).toEqual([]);
    expect(ofKind(early.findings, 'DISCLAIMED_AUTHORITY')).toEqual([]);
    expect(about(early.findings, 'AUTHORITY_VIA_PARENT_ONLY', 'f-a-division').length).toBe(1);
  });

  it('counts statements per stance for a power, including narrower powers', async () => {
    const answer = await accountability(db, { case: 'f-gaps', power: 'f-code' });
    const counts = Object.fromEntries(answer.stances.map((s) => [s.stance, s.count]));
    expect(counts).toEqual({
      CLAIMS_SELF: 0,
      DENIES_SELF: 1,
      ATTRIBUTES: 2,
      DENIES_OTHER: 0,
      REFERS: 2,
      FORWARDS: 0,
      ACCUSES: 0,
      EXPLAINS_CAUSE: 0,
      UNKNOWN: 1,
      UNREACHABLE: 0,
    });
    const refers = answer.stances.find((s) => s.stance === 'REFERS')!;
    expect(refers.speakers.map((s) => s.id).sort()).toEqual(['f-bureau', 'f-hq']);
    expect(refers.statements[0].evidence[0].source.id).toBe('src-f');
  });
});

describe('gaps: executors, dormant holders', () => {
  let findings: Finding[];
  beforeAll(async () => {
    await clearDatabase(db);
    await load(executorsBundle());
    findings = (await gaps(db, { case: 'f-executors' })).findings;
  }, 600_000);
  const judged = (action: string) =>
    findings.filter((f) => f.nodeIds.includes(action) && ['UNAUTHORIZED_ACTION', 'AUTHORITY_VIA_PARENT_ONLY', 'CONDITION_NOT_MET'].includes(f.kind));

  it('does not judge an executor that acted for a co-actor holding the power', () => {
    expect(judged('e-x-coactor')).toEqual([]);
  });
  it('does not judge a contractor that acted for the body it operates, which holds the power', () => {
    expect(judged('e-x-principal')).toEqual([]);
  });
  it('still reports an executor whose co-actors hold nothing, and a contractor that decided', () => {
    expect(judged('e-x-nobody').map((f) => [f.kind, f.severity])).toEqual([['UNAUTHORIZED_ACTION', 'HIGH']]);
    expect(judged('e-x-nobody')[0].explanation).toContain('no co-actor of the action');
    expect(judged('e-x-decided').map((f) => f.kind)).toEqual(['UNAUTHORIZED_ACTION']);
    expect(judged('e-x-decided')[0].title).toContain('decided by Code Systems Ltd');
  });
  it('does not call a body dormant when an official of one of its parts acted on that power family', () => {
    expect(about(findings, 'AUTHORITY_VIA_PARENT_ONLY', 'e-x-division').length).toBe(1);
    const dormant = ofKind(findings, 'DORMANT_POWER');
    expect(dormant.filter((f) => f.nodeIds.includes('e-hq') || f.nodeIds.includes('e-agency'))).toEqual([]);
  });
  it('reports a dormant body once per power family, merging its duty and its power', () => {
    const idle = about(findings, 'DORMANT_POWER', 'e-idle');
    expect(idle.length).toBe(1);
    expect(idle[0].severity).toBe('LOW');
    expect(idle[0].nodeIds).toEqual(expect.arrayContaining(['e-g-idle-duty', 'e-g-idle-convert']));
    expect(idle[0].title).toBe('Idle Office held duties and powers over "Manage the code system" but is not shown acting on them');
    expect(idle[0].evidence.map((e) => e.quote)).toEqual(expect.arrayContaining(['e-g-idle-duty的依据', 'e-g-idle-convert的依据']));
  });
  it('rates unattributed actions by whether their power bears on people (Power.affectsPeople), and titles each with its action (sorted by title within a severity)', () => {
    const unattributed = ofKind(findings, 'UNATTRIBUTED_ACTION');
    expect(unattributed.map((f) => [f.nodeIds[0], f.severity, f.title])).toEqual([
      ['e-x-principal', 'MEDIUM', 'Assign a code (June 2022): nobody is known to have decided it'],
      ['e-x-coactor', 'MEDIUM', 'Convert a code (June 2022): nobody is known to have decided it — Contractor switched codes for the agency'],
      ['e-x-nobody', 'MEDIUM', "Convert a code (June 2022): nobody is known to have decided it — Contractor switched codes on the hotline's word"],
      ['e-x-upgrade', 'LOW', 'Manage the code system (June 2022): nobody is known to have decided it'],
    ]);
    expect(ofKind(findings, 'UNATTRIBUTED_ACTION').find((f) => f.nodeIds[0] === 'e-x-upgrade')!.titleZh).toBe(
      '管理健康码（2022年6月）：不知由谁决定',
    );
    expect(new Set(findings.map((f) => f.title)).size).toBe(findings.length);
  });
});

describe('gaps: referral findings grouped', () => {
  let findings: Finding[];
  beforeAll(async () => {
    await clearDatabase(db);
    await load(groupingBundle());
    findings = (await gaps(db, { case: 'f-grouping' })).findings;
  }, 600_000);

  it('reports one DEAD_END per body where the trails end, listing every path and all their evidence', () => {
    const ends = ofKind(findings, 'DEAD_END');
    expect(ends.length).toBe(1);
    const [end] = ends;
    expect(end.nodeIds).toEqual(['g-a', 'g-a-refers', 'g-b', 'g-b-refers', 'g-c', 'g-c-unreachable']);
    expect(end.title).toBe('Asked who holds "Manage the code system", the referrals end at Office C: could not be reached');
    expect(end.explanation).toMatch(/^2 referral paths end at Office C \(c办\).*\(1\).*\(2\)/);
    expect(end.evidence.map((e) => e.quote).sort()).toEqual(['g-a-refers的原话', 'g-b-refers的原话', 'g-c-unreachable的原话']);
  });
  it('does not call a body asked directly that did not know a dead end', () => {
    expect(findings.filter((f) => f.nodeIds.includes('g-d-unknown'))).toEqual([]);
  });
  it('reports one REFERRAL_LOOP per distinct circle', () => {
    const loops = ofKind(findings, 'REFERRAL_LOOP');
    expect(loops.length).toBe(1);
    expect(loops[0].nodeIds).toEqual(expect.arrayContaining(['g-x-refers', 'g-y-refers', 'g-p-refers', 'g-q-refers']));
    expect(loops[0].title).toMatch(/go round in a circle: Office [PQ] → Office [PQ] → Office [PQ]$/);
  });
});

describe('referral paths', () => {
  beforeAll(async () => {
    await clearDatabase(db);
    await load(referralBundle());
  }, 600_000);
  const outcomes = async (power: string) => (await referralPaths(db, { case: 'f-referrals', power })).paths.map((p) => p.outcome).sort();

  it('marks a circle as LOOP', async () => {
    const answer = await referralPaths(db, { case: 'f-referrals', power: 'r-loop' });
    expect(answer.paths.map((p) => p.outcome)).toEqual(['LOOP']);
    expect(answer.paths[0].steps.map((s) => [s.from.id, s.to?.id])).toEqual([
      ['r-a', 'r-b'],
      ['r-b', 'r-a'],
    ]);
    expect(answer.paths[0].explanation).toContain('circle');
    expect(answer.paths[0].explanationZh).toContain('绕成一圈');
  });
  it('marks an end at a body that did not know as DEAD_END, with that statement as the last step', async () => {
    const answer = await referralPaths(db, { case: 'f-referrals', power: 'r-dead' });
    expect(answer.paths.map((p) => p.outcome)).toEqual(['DEAD_END']);
    const last = answer.paths[0].steps.at(-1)!;
    expect([last.from.id, last.to, last.statement.stance]).toEqual(['r-b', null, 'UNKNOWN']);
  });
  it('marks an end at a body that claims the power as CLAIMED', async () => {
    expect(await outcomes('r-claimed')).toEqual(['CLAIMED']);
  });
  it('marks an unasked named holder as ATTRIBUTED when someone claims, DEAD_END when nobody does', async () => {
    expect(await outcomes('r-attrib')).toEqual(['ATTRIBUTED', 'CLAIMED']);
    expect(await outcomes('r-unasked')).toEqual(['DEAD_END']);
  });
  it('walks each power family apart when no power is given', async () => {
    const all = await referralPaths(db, { case: 'f-referrals' });
    expect(all.paths.filter((p) => p.power?.id === 'r-loop').map((p) => p.outcome)).toEqual(['LOOP']);
    expect(all.paths.length).toBe(6);
  });
});

describe('search', () => {
  beforeAll(async () => {
    await clearDatabase(db);
    await load(namesBundle());
  }, 600_000);
  const ids = async (text: string) => (await search(db, { text })).hits.map((h) => h.node.id);

  it('finds a body by its Chinese name and shows the body that succeeded it', async () => {
    const answer = await search(db, { text: '北省大数据管理局' });
    const [first] = answer.hits;
    expect(first?.node.id).toBe('f-old-bureau');
    expect(first?.matched).toBe('北省大数据管理局');
    expect(first?.successor).toEqual({
      id: 'f-new-bureau',
      label: 'Body',
      name: 'North Province Administrative Approval and Government Information Bureau',
      nameZh: '北省行政审批和政务信息管理局',
    });
    expect(answer.hits.find((h) => h.node.id === 'f-new-bureau')?.successor ?? null).toBeNull();
  });
  it('finds by English name and by alias, saying which name matched', async () => {
    expect((await ids('big data administration bureau'))[0]).toBe('f-old-bureau');
    const alias = await search(db, { text: '北省大数据局' });
    expect(alias.hits[0]?.node.id).toBe('f-old-bureau');
    expect(alias.hits[0]?.matched).toBe('北省大数据局');
  });
  it('finds a person by pinyin, with or without spaces, in part, and by Chinese name', async () => {
    for (const text of ['fengxianbin', 'Feng Xianbin', 'FENGXIANBIN', 'fengxian', '冯献彬']) expect((await ids(text))[0]).toBe('f-feng');
  });
  it('finds by a single character', async () => {
    expect(await ids('冯')).toContain('f-feng');
    expect(await ids('甲')).toContain('f-odd');
  });
  it('searches special characters as text instead of failing', async () => {
    expect(await ids('"(')).toEqual([]);
    expect((await ids('Office "A" (temporary)'))[0]).toBe('f-odd');
    for (const text of ['AND', 'a:b', 'x~', '[', '\\\\', '*', ')']) await expect(search(db, { text })).resolves.toBeDefined();
  });
  it('says when the list was cut', async () => {
    const answer = await search(db, { text: '北省', limit: 1 });
    expect(answer.hits.length).toBe(1);
    expect(answer.incomplete).toBe(true);
  });
});

describe('timeline', () => {
  beforeAll(async () => {
    await clearDatabase(db);
    await load(gapsBundle());
    await load(namesBundle());
  }, 600_000);
  it('lists the dated events of a case in order, each with evidence', async () => {
    const answer = await timeline(db, { case: 'f-gaps' });
    const dates = answer.events.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    const kinds = new Set(answer.events.map((e) => e.kind));
    for (const kind of ['INSTRUMENT_ISSUED', 'ACTION', 'STATEMENT', 'SOURCE_PUBLISHED']) expect(kinds).toContain(kind);
    for (const event of answer.events) expect(event.evidence.length).toBeGreaterThan(0);
    const denial = answer.events.find((e) => e.node.id === 'f-s-health-denies')!;
    expect(denial.title).toContain('Harbour City Health Commission');
    expect(denial.titleZh).toContain('港市卫健委');
  });
  it('tells a renaming once, as a succession with its evidence', async () => {
    const answer = await timeline(db, { case: 'f-names' });
    const renamed = answer.events.filter((e) => e.kind === 'BODY_RENAMED');
    expect(renamed.map((e) => [e.date, e.nodeIds])).toEqual([['2022-04-01', ['f-old-bureau', 'f-new-bureau']]]);
    expect(renamed[0].evidence[0].quote).toContain('后更名为');
    expect(answer.events.filter((e) => e.kind === 'BODY_CREATED' || e.kind === 'BODY_DISSOLVED')).toEqual([]);
  });
});

describe('graph views', () => {
  beforeAll(async () => {
    await clearDatabase(db);
    await load(gapsBundle());
    await load(namesBundle());
  }, 600_000);
  const nodeIds = (answer: { nodes: { id: string }[] }) => answer.nodes.map((n) => n.id).sort();

  it('draws a neighbourhood to the asked depth, without sources or cases', async () => {
    const one = await neighborhood(db, { id: 'f-division', depth: 1 });
    expect(nodeIds(one)).toEqual(expect.arrayContaining(['f-division', 'f-hq', 'f-official']));
    expect(nodeIds(one)).not.toContain('f-g-hq');
    expect(one.nodes.some((n) => n.label === 'Source' || n.label === 'Case')).toBe(false);
    const two = await neighborhood(db, { id: 'f-division', depth: 2 });
    expect(nodeIds(two)).toEqual(expect.arrayContaining(['f-g-hq', 'f-a-division']));
    expect(nodeIds(two)).not.toContain('f-code.assign'); // three steps away: division ← official ← action → power
    expect(two.nodes.find((n) => n.id === 'f-division')?.parent).toBe('f-hq');
    const partOf = two.edges.find((e) => e.type === 'PART_OF' && e.source === 'f-division');
    expect(partOf).toMatchObject({ target: 'f-hq', layer: 'STRUCTURE' });
    expect(two.edges.find((e) => e.type === 'PERFORMED_BY')?.layer).toBe('DE_FACTO');
    const zero = await neighborhood(db, { id: 'f-division', depth: 0 });
    expect(nodeIds(zero)).toEqual(['f-division']);
  });
  it('marks what did not exist or was not in force at the date as inactive', async () => {
    const before = await neighborhood(db, { id: 'f-old-bureau', depth: 1, at: '2022-01-01' });
    const after = await neighborhood(db, { id: 'f-old-bureau', depth: 1, at: '2022-06-01' });
    const inactive = (answer: typeof before, id: string) => answer.nodes.find((n) => n.id === id)?.inactive;
    expect([inactive(before, 'f-old-bureau'), inactive(before, 'f-new-bureau')]).toEqual([false, true]);
    expect([inactive(after, 'f-old-bureau'), inactive(after, 'f-new-bureau')]).toEqual([true, false]);
    expect(before.edges.find((e) => e.type === 'SUCCEEDED_BY')?.inactive).toBe(true);
    const undated = await neighborhood(db, { id: 'f-old-bureau', depth: 1 });
    expect(undated.nodes.every((n) => !n.inactive)).toBe(true);
    const position = (await neighborhood(db, { id: 'f-feng', depth: 1, at: '2022-07-01' })).edges.find((e) => e.type === 'HOLDS_POSITION');
    expect(position?.inactive).toBe(true);
  });
  it('draws a whole case, with layers from the model, and says when the limit cut it', async () => {
    const answer = await caseGraph(db, { case: 'f-gaps' });
    expect(answer.incomplete).toBe(false);
    expect(nodeIds(answer)).toEqual(expect.arrayContaining(['f-hq', 'f-g-hq', 'f-a-division', 'f-s-hq-refers', 'f-city', 'f-code']));
    expect(nodeIds(answer)).not.toContain('f-old-bureau');
    const layers = Object.fromEntries(answer.edges.map((e) => [e.type, e.layer]));
    expect(layers).toMatchObject({
      OF: 'DE_JURE',
      PERFORMED_BY: 'DE_FACTO',
      ABOUT: 'WHO_SAYS',
      PART_OF: expect.any(String),
      WITHIN: expect.any(String),
    });
    expect(answer.edges.some((e) => e.type === 'EVIDENCED_BY' || e.type === 'IN_CASE')).toBe(false);
    const grant = answer.nodes.find((n) => n.id === 'f-g-bureau')!;
    expect(grant.properties.conditions).toEqual([expect.objectContaining({ kind: 'PROCEDURE' })]);
    const small = await caseGraph(db, { case: 'f-gaps', limit: 5 });
    expect(small.nodes.length).toBe(5);
    expect(small.incomplete).toBe(true);
  });
});

describe('through the GraphQL API', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    await clearDatabase(db);
    await load(gapsBundle());
    // Answers, not speed: a busy machine may be slow, so a generous request deadline.
    const graphql = await createGraphQL(db, loadConfig({ QUANZE_REQUEST_DEADLINE_MS: '120000' }));
    const app = createApp({ db, mountGraphQL: graphql.mount });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
  }, 600_000);
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, any>; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  };
  const nodeCount = async () => (await db.query<{ n: number }>('MATCH (n) RETURN count(n) AS n'))[0].n;

  it('answers gaps with findings, evidence and the data version', async () => {
    const body = await post(
      `query($case: ID!) { gaps(case: $case) {
      case { id } dataVersion computedAt incomplete
      findings { id kind severity title titleZh explanation explanationZh nodeIds power { id } evidence { quote source { id title } } } } }`,
      { case: 'f-gaps' },
    );
    expect(body.errors).toBeUndefined();
    const answer = body.data!.gaps;
    expect(answer.case.id).toBe('f-gaps');
    expect(answer.dataVersion).toBeGreaterThan(0);
    expect(answer.findings.map((f: Finding) => f.kind)).toEqual(
      expect.arrayContaining(['UNAUTHORIZED_ACTION', 'PROHIBITED_ACTION', 'REFERRAL_LOOP']),
    );
    expect(answer.findings[0].evidence[0].source.id).toBe('src-f');
  });
  it('answers the other findings questions', async () => {
    const body = await post(`{
      accountability(case: "f-gaps", power: "f-code") { stances { stance count speakers { id } } }
      referralPaths(case: "f-gaps") { paths { outcome explanation steps { from { id } to { id } statement { id stance } } } }
      timeline(case: "f-gaps", limit: 3) { incomplete events { date kind title } }
      search(text: "港市卫健委") { hits { node { id } matched } }
      neighborhood(id: "f-division", depth: 1) { nodes { id parent } edges { type layer } }
      caseGraph(case: "f-gaps", at: "2022-06-10") { nodes { id inactive } incomplete }
    }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!.timeline.incomplete).toBe(true);
    expect(body.data!.search.hits[0].node.id).toBe('f-health');
    expect(body.data!.referralPaths.paths.map((p: { outcome: string }) => p.outcome)).toContain('LOOP');
  });
  it('refuses an unknown id with NOT_FOUND and says what to do', async () => {
    const body = await post('{ gaps(case: "no-such-case") { findings { id } } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(body.errors?.[0]?.message).toMatch(/no case with id "no-such-case"\. .*cases/);
    const node = await post('{ neighborhood(id: "nothing-here") { nodes { id } } }');
    expect(node.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
  it('refuses importBundle without credentials, with FORBIDDEN, and changes nothing', async () => {
    const before = await nodeCount();
    const body = await post('mutation($b: JSON!) { importBundle(bundle: $b) { nodes } }', { b: namesBundle() });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await nodeCount()).toBe(before);
  });
  it('refuses a query over the depth limit and one over the cost limit, with their codes', async () => {
    let deep = 'id';
    for (let i = 0; i < 14; i++) deep = `partOf { ${deep} }`;
    const tooDeep = await post(`{ bodies(limit: 1) { ${deep} } }`);
    // So deep a query is also costly; each limit reports its own error.
    expect(tooDeep.data).toBeUndefined();
    expect(tooDeep.errors?.map((e) => e.extensions?.code)).toContain('QUERY_TOO_DEEP');
    const evidence = 'evidence { quote quoteZh quoteEn locator unsourced source { id title titleEn outlet author publishedAt url kind } }';
    const holder = `body { id name nameZh label } power { id name nameZh label } conditions { id kind description ${evidence} } chain { kind text textZh node { id name nameZh label } ${evidence} }`;
    const fields = `holders { ${holder} } excludedByContext { ${holder} }`;
    const aliases = Array.from({ length: 14 }, (_, i) => `w${i}: whoCan(power: "p") { ${fields} }`).join('\n');
    const costly = await post(`{ ${aliases} }`);
    expect(costly.data).toBeUndefined();
    expect(costly.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_TOO_COSTLY']);
  });
});
