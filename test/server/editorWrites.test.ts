// Writes through the API: refused without editor credentials (nothing changes), accepted
// with the editor token or an editor JWT, and a refused bundle names its problems.
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
    expect(entity.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
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

  it('move the data version on after an entity mutation by an editor', async () => {
    const version = (await post('{ dataVersion }', {})).data!.dataVersion;
    const created = await post(
      'mutation { createPowers(input: [{ id: "test.power", name: "Test power", nameZh: "测试权力" }]) { powers { id } } }',
      {},
      TOKEN,
    );
    expect(created.errors).toBeUndefined();
    expect((await post('{ dataVersion }', {})).data!.dataVersion).toBeGreaterThan(version);
  });

  it('answer gaps from memory until the data version moves', async () => {
    const GAPS = '{ gaps(case: "test-tiny") { dataVersion computedAt findings { id } } }';
    const first = (await post(GAPS, {})).data!.gaps;
    const again = (await post(GAPS, {})).data!.gaps;
    expect(again).toEqual(first);
    expect((await post(IMPORT, { b: tiny() }, TOKEN)).errors).toBeUndefined();
    const after = (await post(GAPS, {})).data!.gaps;
    expect(after.dataVersion).toBeGreaterThan(first.dataVersion);
    expect(after.computedAt).not.toBe(first.computedAt);
  });
});
