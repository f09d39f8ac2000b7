// Writes through the API: refused without editor credentials (nothing changes), accepted
// with the editor token or an editor JWT, only as validated bundle imports (no generated
// entity mutations), each recorded in the audit log; a refused bundle names its problems.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';
import { startTestServer, type TestServer } from '../support/server.js';

const TOKEN = 'test-editor-token-0123456789';
const SECRET = 'test-jwt-secret-that-is-long-enough-for-hs256';
const tiny = () => parse(readFileSync(path.join(projectRoot, 'test', 'fixtures', 'bundles', 'valid-tiny.yaml'), 'utf8'));
const IMPORT = 'mutation($b: JSON!, $dry: Boolean) { importBundle(bundle: $b, dryRun: $dry) { dryRun nodes relations dataVersion } }';

let db: Database;
let server: TestServer;
const post = (query: string, variables: Record<string, unknown>, bearer?: string) => server.post(query, variables, bearer);

beforeAll(async () => {
  db = await testDatabase();
  await clearDatabase(db);
  server = await startTestServer(db, { QUANZE_EDITOR_TOKEN: TOKEN, QUANZE_JWT_SECRET: SECRET });
});
afterAll(async () => {
  await server?.close();
  await closeTestDatabase();
});

const count = async () => (await db.query<{ n: number }>('MATCH (n) RETURN count(n) AS n'))[0].n;
const editorJwt = (roles: string[], secret = SECRET) =>
  new SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('scholar@example.org')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secret));

describe('writes through the API', () => {
  it('are refused without credentials, with a wrong token, or with a JWT lacking the editor role, and change nothing', async () => {
    const before = await count();
    for (const bearer of [
      undefined,
      'wrong-token',
      await editorJwt(['reader']),
      await editorJwt(['editor'], 'another-secret-of-sufficient-length!!'),
    ]) {
      const body = await post(IMPORT, { b: tiny() }, bearer);
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(body.errors?.[0]?.message).toMatch(/Authorization: Bearer/);
    }
    const entity = await post('mutation { createPowers(input: [{ id: "x.y", name: "x", nameZh: "x" }]) { powers { id } } }', {});
    expect(entity.data).toBeUndefined();
    expect(entity.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|GRAPHQL_VALIDATION_FAILED/);
    expect(await count()).toBe(before);
  });

  it('import a bundle for an editor token (a dry run first writes nothing)', async () => {
    const before = await count();
    const dry = await post(IMPORT, { b: tiny(), dry: true }, TOKEN);
    expect(dry.errors).toBeUndefined();
    expect(dry.data!.importBundle.dryRun).toBe(true);
    expect(await count()).toBe(before);

    const real = await post(IMPORT, { b: tiny() }, TOKEN);
    expect(real.errors).toBeUndefined();
    expect(real.data!.importBundle.nodes).toBeGreaterThan(10);
    expect(await count()).toBeGreaterThan(before);
  });

  it('accept an editor JWT, and refuse a bad bundle with its problems, writing nothing', async () => {
    const jwt = await editorJwt(['editor']);
    const bad = tiny();
    bad.bodies[0].jurisdiction = 'no-such-place';
    const before = await count();
    const version = (await post('{ dataVersion }', {})).data!.dataVersion;
    const body = await post(IMPORT, { b: bad }, jwt);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(body.errors?.[0]?.extensions?.problems)).toMatch(/no-such-place/);
    expect(await count()).toBe(before);
    expect((await post('{ dataVersion }', {})).data!.dataVersion).toBe(version);
  });

  it('have no generated create, update or delete mutation, so `deleteBodies(where: {})` cannot run even for an editor', async () => {
    const before = await count();
    const bodies = (await db.query<{ n: number }>('MATCH (b:Body) RETURN count(b) AS n'))[0].n;
    expect(bodies).toBeGreaterThan(0);
    for (const mutation of [
      'mutation { deleteBodies(where: {}) { nodesDeleted } }',
      'mutation { createPeople(input: [{ id: "Bad Id!", name: "x", nameZh: "某人" }]) { people { id } } }',
      'mutation { updateBodies(where: {}, update: { name: { set: "Hijacked" } }) { bodies { id } } }',
      'mutation { createPowers(input: [{ id: "test.power", name: "Test power", nameZh: "测试权力" }]) { powers { id } } }',
    ]) {
      const body = await post(mutation, {}, TOKEN);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    const introspection = await post('{ __schema { mutationType { fields { name } } } }', {});
    expect(introspection.data!.__schema.mutationType.fields.map((f: { name: string }) => f.name)).toEqual(['importBundle']);
    expect(await count()).toBe(before);
    expect((await db.query<{ n: number }>('MATCH (b:Body) RETURN count(b) AS n'))[0].n).toBe(bodies);
  });

  it("meet every bundle rule on the one write path: bad id, private data, a taken id, dates out of order, another case's node", async () => {
    expect((await post(IMPORT, { b: tiny() }, TOKEN)).errors).toBeUndefined();
    const person = (over: Record<string, unknown>) => ({ ...tiny().persons[0], ...over });
    const otherCase = (extra: Record<string, unknown>) => ({
      format: 'quanze-bundle/1',
      case: { id: 'test-other', title: 'Another case', titleZh: '另一案例', summary: 'Probes.', fictional: true },
      sources: tiny().sources,
      ...extra,
    });
    const probes: [string, unknown, string][] = [
      ['bad id', { ...tiny(), persons: [person({ id: 'Bad Id!' })] }, 'BAD_ID'],
      ['private phone', { ...tiny(), persons: [person({ aliases: ['Reach him on +86 138-1234-5678'] })] }, 'PRIVATE_DATA'],
      ['private ID-card', { ...tiny(), persons: [person({ aliases: ['ID 4101 0519 9001 0112 33'] })] }, 'PRIVATE_DATA'],
      [
        'dates out of order',
        { ...tiny(), bodies: tiny().bodies.map((b: Record<string, unknown>) => (b.id === 't-old-bureau' ? { ...b, validFrom: '2023-01-01' } : b)) },
        'DATE_ORDER',
      ],
      [
        "a Body taking a Place's id",
        otherCase({ bodies: [{ ...tiny().bodies[2], id: 't-city', jurisdiction: 't-city', staffedBy: [] }] }),
        'ID_TAKEN',
      ],
      ["another case's Body", otherCase({ bodies: [{ ...tiny().bodies[2], name: 'Hijacked', staffedBy: [] }] }), 'NODE_OF_ANOTHER_CASE'],
    ];
    const before = await count();
    const audit = (await post('{ auditLog { id } }', {}, TOKEN)).data!.auditLog.length;
    for (const [what, bundle, code] of probes) {
      const body = await post(IMPORT, { b: bundle }, TOKEN);
      expect([what, body.errors?.[0]?.extensions?.code]).toEqual([what, 'BAD_USER_INPUT']);
      const codes = (body.errors?.[0]?.extensions?.problems as { code: string }[]).map((p) => p.code);
      expect([what, codes]).toEqual([what, expect.arrayContaining([code])]);
    }
    expect(await count()).toBe(before);
    expect((await post('{ auditLog { id } }', {}, TOKEN)).data!.auditLog.length).toBe(audit);
    expect((await db.query<{ name: string }>("MATCH (b:Body {id: 't-hq'}) RETURN b.name AS name"))[0].name).toBe('City epidemic HQ');
  });

  it('are recorded in an audit log that editors can read: who, when, which case, what changed', async () => {
    const refused = await post('{ auditLog { id } }', {});
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.data).toBeFalsy();

    const jwt = await editorJwt(['editor']);
    const changed = tiny();
    changed.bodies[2].name = 'City epidemic headquarters';
    const result = await post(IMPORT.replace('dataVersion }', 'dataVersion created updated unchanged removed }'), { b: changed }, jwt);
    expect(result.errors).toBeUndefined();
    expect(result.data!.importBundle).toMatchObject({ created: 0, updated: 1, removed: 0 });
    const [entry] = (
      await post('{ auditLog(case: "test-tiny", limit: 1) { at who via case created updated removed relations dataVersion } }', {}, TOKEN)
    ).data!.auditLog;
    expect(entry).toMatchObject({ who: 'scholar@example.org', via: 'api', case: 'test-tiny', created: 0, updated: 1, removed: 0 });
    expect(entry.dataVersion).toBe(result.data!.importBundle.dataVersion);
    expect(Date.now() - Date.parse(entry.at)).toBeLessThan(10 * 60_000);
    const all = (await post('{ auditLog { who case created } }', {}, TOKEN)).data!.auditLog;
    expect(all.some((e: { who: string; created: number }) => e.who === 'token' && e.created > 10)).toBe(true);

    // An import that changes nothing (the data version stays) writes no entry.
    const count = async () => (await post('{ auditLog(limit: 200) { id } }', {}, TOKEN)).data!.auditLog.length;
    const again = async () => (await post(IMPORT, { b: changed }, TOKEN)).data!.importBundle.dataVersion as number;
    await again();
    const [entries, version] = [await count(), await again()];
    expect(await again()).toBe(version);
    expect(await count()).toBe(entries);
    expect((await post(IMPORT, { b: tiny() }, TOKEN)).errors).toBeUndefined();
  });

  it('answer gaps from memory until the data version moves', async () => {
    const GAPS = '{ gaps(case: "test-tiny") { dataVersion computedAt findings { id } } }';
    const first = (await post(GAPS, {})).data!.gaps;
    const again = (await post(GAPS, {})).data!.gaps;
    expect(again).toEqual(first);
    // An import that changes something moves the data version (an unchanged one would not).
    const renamed = tiny();
    renamed.bodies[2].name = 'City epidemic headquarters';
    expect((await post(IMPORT, { b: renamed }, TOKEN)).errors).toBeUndefined();
    const after = (await post(GAPS, {})).data!.gaps;
    expect(after.dataVersion).toBeGreaterThan(first.dataVersion);
    expect(after.computedAt).not.toBe(first.computedAt);
    expect((await post(IMPORT, { b: tiny() }, TOKEN)).errors).toBeUndefined();
  });
});
