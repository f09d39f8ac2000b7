// The Henan seed says no more than its sources (issue: dates at their precision, readings as
// data), on the real database through the real Apollo server: the answers this file's analyses
// own (timeline, whoDid, the statements of accountability) write month-only dates as months,
// and say in words, in both languages, where they rest on the editor's reading.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Database } from '../../server/neo4j/database.js';
import { closeTestDatabase } from '../support/neo4j.js';
import { describeSeed, loadSeedCase, SEED_CASE, SEED_FILE } from '../support/seed.js';
import { startTestServer, type TestServer } from '../support/server.js';

let db: Database;
let server: TestServer;
beforeAll(async () => {
  if (!existsSync(SEED_FILE)) return;
  db = await loadSeedCase();
  server = await startTestServer(db);
}, 180_000);
afterAll(async () => {
  await server?.close();
  await closeTestDatabase();
});

describeSeed('the Henan seed, dated as precisely as its sources', () => {
  it('the timeline says the rename happened in April 2022 and the Henan measures were issued in March 2020, not on the 1st', async () => {
    const body = await server.post(`query($case: ID!) { timeline(case: $case) { events { date kind title titleZh node { id } } } }`, {
      case: SEED_CASE,
    });
    expect(body.errors).toBeUndefined();
    const events = body.data!.timeline.events as { date: string; kind: string; title: string; titleZh: string; node: { id: string } }[];
    const find = (kind: string, id: string) => events.find((e) => e.kind === kind && e.node.id === id);
    expect(find('BODY_RENAMED', 'henan-big-data-bureau')?.date).toBe('2022-04');
    expect(find('INSTRUMENT_ISSUED', 'henan-health-code-measures-2020')?.date).toBe('2020-03');
    expect(find('INSTRUMENT_ISSUED', 'national-health-code-measures-2021')?.date).toBe('2021-01');
    // "印发" gives no date of effect: no separate coming-into-force event is invented.
    expect(find('INSTRUMENT_IN_FORCE', 'henan-health-code-measures-2020')).toBeUndefined();
    // A law is promulgated (公布), not issued (印发).
    expect(find('INSTRUMENT_ISSUED', 'pipl-2021')?.titleZh).toBe('公布：《中华人民共和国个人信息保护法》');
    const text = JSON.stringify(body.data);
    for (const invented of ['2022-04-01', '2022-03-31', '2020-03-01', '2021-01-01', '2020-08-01']) expect(text).not.toContain(invented);
  });

  it('the case graph gives node and edge dates at their precision, without the storage fields behind them', async () => {
    const body = await server.post(
      `query($case: ID!) { caseGraph(case: $case) { nodes { id properties } edges { source target type properties } } }`,
      {
        case: SEED_CASE,
      },
    );
    expect(body.errors).toBeUndefined();
    const graph = body.data!.caseGraph as { nodes: { id: string; properties: Record<string, unknown> }[]; edges: Record<string, any>[] };
    const measures = graph.nodes.find((n) => n.id === 'henan-health-code-measures-2020')!;
    expect(measures.properties.issuedOn).toBe('2020-03');
    expect(Object.keys(measures.properties).filter((k) => /Precision$|Last$/.test(k))).toEqual([]);
    const renamed = graph.edges.find((e) => e.type === 'SUCCEEDED_BY' && e.source === 'henan-big-data-bureau');
    expect(renamed?.properties.on).toBe('2022-04');
  });

  it("whoDid says the purpose of the June red codes is the editor's reading, in both languages, and never shows its slug", async () => {
    const body = await server.post(`{ whoDid(power: "health-code.assign", place: "cn-henan-zhengzhou", from: "2022-06-01", to: "2022-06-30") {
      actions { id startedAt basis basisNote basisNoteZh purposeLabel purposeLabelZh actors { who { id } basis } } } }`);
    expect(body.errors).toBeUndefined();
    const action = (body.data!.whoDid.actions as Record<string, any>[]).find((a) => a.id === 'action-2022-06-red-codes')!;
    expect(action.startedAt).toBe('2022-06-11');
    expect(action.basis).toBe('EDITOR_READING');
    expect(action.basisNote).toBe("The purpose recorded for this action is the editor's reading of the sources, not their words.");
    expect(action.basisNoteZh).toBe('此行动所记录的用途是编辑对来源的解读，并非来源原话。');
    expect(action.purposeLabel).not.toContain('stop-depositors-rights-defence');
    expect(action.purposeLabelZh).not.toContain('stop-depositors-rights-defence');
    // The deciders are named by the discipline commission: stated, not read.
    expect(action.actors.map((a: { basis: string }) => a.basis)).toEqual(['STATED', 'STATED']);
  });

  it('statements say which HQ a hotline meant is a reading, and a cause is not an attribution', async () => {
    const body = await server.post(`{ accountability(case: "${SEED_CASE}", power: "health-code.assign") {
      stances { stance statements { id saidOn basis basisNote basisNoteZh names { id } saidBy { id label } } } } }`);
    expect(body.errors).toBeUndefined();
    const statements = (body.data!.accountability.stances as { stance: string; statements: Record<string, any>[] }[]).flatMap((s) =>
      s.statements.map((st): Record<string, any> => ({ ...st, stance: s.stance })),
    );
    const hotline = statements.find((s) => s.id === 'st-yc-zz-12345-attributes-hq')!;
    expect(hotline).toMatchObject({ stance: 'ATTRIBUTES', basis: 'EDITOR_READING', saidOn: '2022-06-15' });
    expect(hotline.basisNote).toBe(
      "That the words mean Zhengzhou COVID-19 Epidemic Prevention and Control HQ is the editor's reading of the sources, not their words.",
    );
    expect(hotline.basisNoteZh).toContain('编辑对来源的解读');
    const cause = statements.find((s) => s.id === 'st-jm-henan-hc-attributes-system')!;
    expect(cause).toMatchObject({ stance: 'EXPLAINS_CAUSE', names: [], basis: 'STATED', basisNote: null });
    // The scholar's words are his own (a named public figure speaking to the media), not his university's.
    expect(statements.find((s) => s.id === 'st-tm-scholar-no-authority')).toMatchObject({
      stance: 'ACCUSES',
      basis: 'EDITOR_READING',
      saidBy: { id: 'liao-cangyi', label: 'Person' },
    });
  });

  it('names a provision whose article the sources do not report by what it is about, in the language of the text, and never says "(article not reported)"', async () => {
    const body = await server.post(`{
      whoCan(power: "health-code.assign", place: "cn-henan-zhengzhou", at: "2022-06-13") { holders { note noteZh chain { kind node { id name nameZh } text textZh } } }
      explain(body: "zz-epidemic-hq", power: "health-code.assign", at: "2022-06-13") { reason reasonZh chain { kind node { id name nameZh } text textZh } }
    }`);
    expect(body.errors).toBeUndefined();
    const steps = [...(body.data!.whoCan.holders as { chain: Record<string, any>[] }[]).flatMap((h) => h.chain), ...body.data!.explain.chain];
    const provision = steps.find((s) => s.kind === 'PROVISION' && s.node.id === 'prov-henan-measures-hq')!;
    expect(provision.node.nameZh).toBe('《河南省“健康码”使用管理办法》各地疫情防控领导机构职责条款');
    expect(provision.node.name).toBe(
      'local epidemic leading bodies clause of Henan Province Measures for the Use and Management of the "Health Code"',
    );
    const text = JSON.stringify(body.data);
    expect(text).not.toMatch(/article not reported|no article cited/i);
    // The district HQ is one unnamed district's: it does not govern Zhengzhou.
    expect(text).not.toMatch(/郑州市某区疫情防控指挥部[^。"]*管辖郑州市[）)，。"]/);
    expect(text).not.toMatch(/district not named\)[^."]*serving Zhengzhou[ ,.)"]/);
  });

  it('passing the leads on, or reporting upward, is the speaker acting itself: not "ask elsewhere", not a referral trail', async () => {
    const forwarded = ['st-fm-henan-discipline-refers-hc', 'st-21jj-district-hq-refers-city'];
    const body = await server.post(`{
      assign: accountability(case: "${SEED_CASE}", power: "health-code") { stances { stance statements { id } } }
      paths: referralPaths(case: "${SEED_CASE}") { paths { outcome steps { statement { id } } } }
      gaps(case: "${SEED_CASE}") { findings { kind nodeIds } }
    }`);
    expect(body.errors).toBeUndefined();
    const stances = body.data!.assign.stances as { stance: string; statements: { id: string }[] }[];
    const stanceOf = (id: string) => stances.find((s) => s.statements.some((st) => st.id === id))?.stance;
    for (const id of forwarded) expect(stanceOf(id)).toBe('FORWARDS');
    const trails = body.data!.paths.paths as { outcome: string; steps: { statement: { id: string } }[] }[];
    expect(trails.filter((p) => p.steps.some((s) => forwarded.includes(s.statement.id)))).toEqual([]);
    const referralFindings = (body.data!.gaps.findings as { kind: string; nodeIds: string[] }[]).filter((f) =>
      ['DEAD_END', 'REFERRAL_LOOP'].includes(f.kind),
    );
    for (const f of referralFindings) for (const id of forwarded) expect(f.nodeIds).not.toContain(id);
    // A body asked directly that did not know is not a dead-end trail: every dead end follows at least one referral.
    const referrals = stances.filter((s) => s.stance === 'REFERS' || s.stance === 'ATTRIBUTES').flatMap((s) => s.statements.map((st) => st.id));
    const deadEnds = referralFindings.filter((f) => f.kind === 'DEAD_END' && f.nodeIds.some((id) => id.startsWith('st-')));
    expect(deadEnds.length).toBeGreaterThan(0);
    for (const f of deadEnds) expect(f.nodeIds.some((id) => referrals.includes(id))).toBe(true);
  });

  it('holds the facts the five reports give that an earlier seed lacked, each cited with its quote, and the punished officials as targets', async () => {
    const facts: [string, string][] = [
      ['action-2022-06-green-on-leaving', '身份证拍照，其场所码当即转为绿码'], // 000: the 13 June ID-card photo
      ['action-2022-06-red-codes', '异常信息由河南省推送'], // 003: the June code page
      ['depositors-red-coded-forwarded-code', '郑州车站场所码发到了群里'], // 003: the station venue code of 12 June
      ['national-health-code-measures-2021', '并没有对健康码的权责问题作出明确界定'], // 004: the core fact on paper
      ['national-health-code-measures-2021', '并没有详细明确各权责主体'], // 004
      ['st-tm-scholar-no-authority', '法无授权不可为'], // 004: the scholar, as a statement
      ['st-jm-zz-hc-appeal-route', '转码申诉'], // 001: the appeal route
      ['action-2022-06-12-community-green-then-red', '仅仅一个小时后'], // 002: green, then red within the hour
    ];
    for (const [id, quote] of facts) {
      const rows = await db.query<{ n: number }>(
        'MATCH (n {id: $id})-[e:EVIDENCED_BY]->(:Source) WHERE e.quoteZh CONTAINS $quote RETURN count(e) AS n',
        { id, quote },
      );
      expect([id, Number(rows[0].n) > 0]).toEqual([id, true]);
    }
    const targets = await db.query<{ id: string }>(
      "MATCH (:Action {id: 'action-2022-06-22-discipline'})-[:TARGETED]->(p:Person) RETURN p.id AS id ORDER BY id",
      {},
    );
    expect(targets.map((t) => t.id)).toEqual(['feng-xianbin', 'zhang-linlin']);
  });

  it('the case summary dates the July codes as the reports do: complaints on the morning of 8 July about the day before', async () => {
    const body = await server.post(`{ cases(where: { id: { eq: "${SEED_CASE}" } }) { summary summaryZh } }`);
    expect(body.errors).toBeUndefined();
    const [c] = body.data!.cases as { summary: string; summaryZh: string }[];
    expect(c.summary).not.toContain('7 July');
    expect(c.summary).toContain('On the morning of 8 July');
    expect(c.summaryZh).toContain('7月8日上午');
  });
});
