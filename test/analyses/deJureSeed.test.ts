// The de jure and de facto analyses on the seed case (seed/henan-red-code-2022.yaml), and
// whoCan through the real Apollo server over HTTP. Skipped only when the seed file is missing.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Database } from '../../server/neo4j/database.js';
import { whoCan } from '../../server/analyses/whoCan.js';
import { whoDid } from '../../server/analyses/whoDid.js';
import { explain } from '../../server/analyses/explain.js';
import { compare } from '../../server/analyses/compare.js';
import { closeTestDatabase } from '../support/neo4j.js';
import { describeSeed, loadSeedCase, SEED_FILE } from '../support/seed.js';
import { startTestServer, type TestServer } from '../support/server.js';

const AT = '2022-06-13';

let db: Database;
beforeAll(async () => {
  if (existsSync(SEED_FILE)) db = await loadSeedCase();
});
afterAll(closeTestDatabase);

const ZHENGZHOU = 'cn-henan-zhengzhou';

describeSeed('the Henan red-code case, de jure', () => {
  it('whoCan assign codes in Zhengzhou on 13 June 2022: the epidemic HQs, with chains to the Henan measures that grant it', async () => {
    const answer = await whoCan(db, { power: 'health-code.assign', place: ZHENGZHOU, at: AT });
    expect(answer.incomplete).toBe(false);
    const holders = answer.holders.map((h) => h.body.id);
    expect(holders).toEqual(expect.arrayContaining(['zz-epidemic-hq', 'henan-epidemic-hq']));
    // Neither the division that decided the red codes nor bodies outside Henan hold it.
    expect(holders).not.toContain('zz-social-control-division');
    expect(holders).not.toContain('hainan-big-data-bureau');
    for (const holder of answer.holders) {
      const kinds = holder.chain.map((s) => s.kind);
      expect(kinds).toEqual(expect.arrayContaining(['GRANT', 'PROVISION', 'INSTRUMENT']));
      const instrument = holder.chain.find((s) => s.kind === 'INSTRUMENT')!;
      expect(instrument.node.label).toBe('Instrument');
      expect(instrument.node.nameZh).toBeTruthy();
      // Every grant and provision on the way is evidenced by a source (or marked unsourced).
      for (const s of holder.chain.filter((c) => c.kind === 'GRANT' || c.kind === 'PROVISION')) expect(s.evidence.length).toBeGreaterThan(0);
    }
    const zz = answer.holders.find((h) => h.body.id === 'zz-epidemic-hq')!;
    expect(zz).toMatchObject({ via: 'BY_TYPE', power: { id: 'health-code.assign' }, grantPlace: { id: 'cn-henan' } });
    expect(zz.chain.find((s) => s.kind === 'INSTRUMENT')!.node.id).toBe('henan-health-code-measures-2020');
    expect(zz.chain.find((s) => s.kind === 'GRANT')!.evidence.some((e) => e.source.id === 'src-tianmu-2022-06-15')).toBe(true);
    // The Henan measures attach a procedure that nobody has said was followed.
    expect(zz.conditions.map((c) => [c.kind, c.status])).toEqual([['PROCEDURE', 'UNKNOWN']]);
  });

  it('whoDid assign codes in Zhengzhou in June 2022: the 1,317-depositor action, decided by the two officials of the HQ division', async () => {
    const answer = await whoDid(db, { power: 'health-code.assign', place: ZHENGZHOU, from: '2022-06-01', to: '2022-06-30' });
    const june = answer.actions.find((a) => a.affectedCount === 1317);
    expect(june).toBeDefined();
    expect(june!.id).toBe('action-2022-06-red-codes');
    expect(june!.evidence.some((e) => e.quoteZh === '共有1317名村镇银行储户被赋红码')).toBe(true);
    const actors = june!.actors.map((a) => [a.who.nameZh, a.role, a.through?.id, a.positionZh]);
    expect(actors).toEqual([
      ['冯献彬', 'DECIDED', 'zz-social-control-division', '部长'],
      ['张琳琳', 'DECIDED', 'zz-social-control-division', '副部长'],
    ]);
    for (const actor of june!.actors) {
      expect(actor.evidence.map((e) => e.source.id)).toContain('src-jiemian-2022-07-08');
    }
    expect(answer.actions.map((a) => a.startedAt)).toEqual([...answer.actions.map((a) => a.startedAt)].sort());
  });

  it('explain: the division holds it only through its parent; the renamed big-data bureau no longer exists', async () => {
    const division = await explain(db, { body: 'zz-social-control-division', power: 'health-code.assign', at: AT });
    expect(division).toMatchObject({ verdict: 'DOES_NOT_HOLD', missingLink: { kind: 'PARENT_ONLY' } });
    expect(division.missingLink!.nodeIds).toContain('zz-epidemic-hq');
    const hq = await explain(db, { body: 'zz-epidemic-hq', power: 'health-code.assign', at: AT });
    expect(hq.verdict).toBe('CONDITIONAL');
    // Succession is followed: the renamed bureau answers through its successor, saying so.
    const bureau = await explain(db, { body: 'henan-big-data-bureau', power: 'health-code.assign', at: AT });
    expect(bureau).toMatchObject({ body: { id: 'henan-big-data-bureau' }, through: { id: 'henan-approval-info-bureau' } });
    expect(bureau.chain[0]).toMatchObject({ kind: 'SUCCESSION', node: { id: 'henan-big-data-bureau' } });
    expect(bureau.reason).toMatch(/^Henan Big Data Administration Bureau.* was renamed /);
    expect(bureau.reason).not.toContain('did not exist');
  });

  it('a rule naming only a type of body still answers: Hainan under 100 names the city and county HQs; Guangxi keeps its local departments', async () => {
    const hainan = await whoCan(db, { power: 'health-code.assign', place: 'cn-hainan', at: AT, context: { batchSize: 50 } });
    const typeLevel = hainan.holders.find((h) => h.body.id === 'bt-hainan-city-county-hq')!;
    expect(typeLevel).toMatchObject({ typeLevel: true, via: 'BY_TYPE', body: { label: 'BodyType', nameZh: '各市县指挥部' } });
    expect(typeLevel.note).toContain('no body of this type is recorded in the case');
    expect(typeLevel.noteZh).toContain('本案未记录此类机构');
    const guangxi = await whoCan(db, { power: 'health-code', place: 'cn-guangxi', at: AT });
    expect(guangxi.holders.map((h) => h.body.nameZh)).toContain('各地疫情防控有关部门');
  });

  it('compare Henan and Hainan for a batch of 1,317: Hainan sends it to the provincial bureau', async () => {
    const answer = await compare(db, { power: 'health-code.assign', places: ['cn-henan', 'cn-hainan'], at: AT, context: { batchSize: 1317 } });
    expect(answer.rows.map((r) => r.place.id)).toEqual(['cn-henan', 'cn-hainan']);
    const hainan = answer.rows[1].holders.map((h) => h.body.id);
    expect(hainan).toContain('hainan-big-data-bureau');
    expect(answer.rows[1].holders.every((h) => h.conditions.every((c) => c.status !== 'NOT_MET'))).toBe(true);
    expect(answer.rows[0].holders.map((h) => h.body.id)).toContain('henan-epidemic-hq');
    // Each row names a holder once.
    for (const row of answer.rows) {
      const keys = row.holders.map((h) => `${h.body.id}|${h.power.id}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});

describeSeed('whoCan through the GraphQL API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(db);
  });
  afterAll(async () => {
    await server?.close();
  });

  // Keeps the HTTP status, which these tests check alongside the body.
  async function post(query: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { data?: Record<string, any>; errors?: { message: string; extensions: Record<string, unknown> }[] },
    };
  }

  const WHO_CAN = `query($power: ID!, $place: ID, $at: Date, $context: JSON, $limit: Int) {
    whoCan(power: $power, place: $place, at: $at, context: $context, limit: $limit) {
      power { id nameZh } place { id } at context dataVersion computedAt incomplete
      holders {
        body { id label name nameZh } via modality power { id } grantPlace { id } note noteZh
        conditions { kind param status description }
        chain { kind node { id label name nameZh } text textZh evidence { quote quoteZh quoteEn locator unsourced source { id title outlet publishedAt kind } } }
      }
      excludedByContext { body { id } }
    }
  }`;

  it('answers with holders, chains, evidence, the date and the data version', async () => {
    const { status, body } = await post(WHO_CAN, { power: 'health-code.assign', place: ZHENGZHOU, at: AT, context: { keyPersonReporting: true } });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const answer = body.data!.whoCan;
    expect(answer).toMatchObject({ power: { id: 'health-code.assign', nameZh: '赋码' }, place: { id: ZHENGZHOU }, at: AT, incomplete: false });
    expect(answer.dataVersion).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(answer.computedAt))).toBe(false);
    const zz = answer.holders.find((h: { body: { id: string } }) => h.body.id === 'zz-epidemic-hq');
    expect(zz.via).toBe('BY_TYPE');
    const grant = zz.chain.find((s: { kind: string }) => s.kind === 'GRANT');
    expect(grant.evidence[0].source).toMatchObject({ id: 'src-tianmu-2022-06-15', publishedAt: '2022-06-15' });
  });

  it('says NOT_FOUND, and what to do, for an unknown power or place', async () => {
    const { body } = await post(WHO_CAN, { power: 'health-code.paint', at: AT });
    expect(body.errors![0].extensions.code).toBe('NOT_FOUND');
    expect(body.errors![0].message).toContain('search(text:)');
    const place = await post(WHO_CAN, { power: 'health-code.assign', place: 'cn-atlantis', at: AT });
    expect(place.body.errors![0]).toMatchObject({ extensions: { code: 'NOT_FOUND', id: 'cn-atlantis' } });
  });

  it('caps the limit at 200 and refuses a bad limit or context with a sentence', async () => {
    const capped = await post(WHO_CAN, { power: 'health-code', place: ZHENGZHOU, at: AT, limit: 100000 });
    expect(capped.body.errors).toBeUndefined();
    const one = await post(WHO_CAN, { power: 'health-code', place: ZHENGZHOU, at: AT, limit: 1 });
    expect(one.body.data!.whoCan.holders).toHaveLength(1);
    expect(one.body.data!.whoCan.incomplete).toBe(true);
    const negative = await post(WHO_CAN, { power: 'health-code', at: AT, limit: -1 });
    expect(negative.body.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const context = await post(WHO_CAN, { power: 'health-code', at: AT, context: [1317] });
    expect(context.body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(context.body.errors![0].message).toContain('batchSize');
  });

  it('explain takes a reading and answers with basis, uncertainty, the body it goes through and conditions with ids', async () => {
    const { status, body } = await post(
      `query($at: Date) {
      explain(body: "henan-big-data-bureau", power: "health-code", at: $at, reading: AS_LATER_HELD) {
        verdict reading basis dateUncertain uncertainty through { id } reason
        chain { kind basis evidence { quote } } conditions { id from status }
      }
      whoCan(power: "health-code.assign", place: "cn-hainan", at: $at, context: { batchSize: 50 }) {
        reading holders { body { id label } typeLevel basis note conditions { id from status } }
      }
    }`,
      { at: AT },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.explain).toMatchObject({
      verdict: 'HOLDS',
      reading: 'AS_LATER_HELD',
      basis: 'STATED',
      dateUncertain: false,
      through: { id: 'henan-approval-info-bureau' },
    });
    expect(body.data!.explain.chain[0].kind).toBe('SUCCESSION');
    expect(body.data!.whoCan.reading).toBe('AS_IT_STOOD');
    expect(body.data!.whoCan.holders).toEqual(
      expect.arrayContaining([expect.objectContaining({ body: { id: 'bt-hainan-city-county-hq', label: 'BodyType' }, typeLevel: true })]),
    );
  });
});
