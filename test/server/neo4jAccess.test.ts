// The local Neo4j lets nobody in without its generated password, and has no HTTP API a
// web page could post to. A private Neo4j is started here so the shared one is untouched.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from '@jest/globals';
import neo4j from 'neo4j-driver';
import { passwordFile, startLocalNeo4j, type LocalNeo4j } from '../../server/neo4j/localNeo4j.js';
import { Database } from '../../server/neo4j/database.js';
import { testNeo4jOptions } from '../support/testNeo4j.js';

let options: Awaited<ReturnType<typeof testNeo4jOptions>>;
let local: LocalNeo4j | undefined;
const lines: string[] = [];

afterAll(async () => {
  await local?.stop();
  if (options) fs.rmSync(options.dataDir, { recursive: true, force: true });
});

async function boltRefuses(user: string, password: string): Promise<string> {
  const driver = neo4j.driver(local!.uri, neo4j.auth.basic(user, password));
  try {
    // verifyAuthentication answers false on bad credentials; a query shows the server's own refusal.
    if (!(await driver.verifyAuthentication())) {
      await driver.executeQuery('RETURN 1');
    }
    return 'accepted';
  } catch (error) {
    return String((error as { code?: string }).code);
  } finally {
    await driver.close();
  }
}

describe('the local Neo4j', () => {
  it('keeps a generated password in its data folder (mode 600) and never logs it', async () => {
    options = await testNeo4jOptions('neo4j-access');
    fs.rmSync(options.dataDir, { recursive: true, force: true });
    local = await startLocalNeo4j({ ...options, heap: '512m', pageCache: '64m', log: (l) => lines.push(l) });
    const file = passwordFile(options.dataDir);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(local.password);
    expect(local.password.length).toBeGreaterThanOrEqual(24);
    expect(lines.join('\n')).not.toContain(local.password);
    expect(fs.readFileSync(`${options.dataDir}/conf/neo4j.conf`, 'utf8')).not.toContain(local.password);
  });

  it('refuses Bolt without the password and accepts it with the password', async () => {
    // After three wrong passwords Neo4j also rate-limits the user for 5 s: that is a refusal too.
    const refused = /^Neo\.ClientError\.Security\.(Unauthorized|AuthenticationRateLimit)$/;
    expect(await boltRefuses('neo4j', 'neo4j')).toMatch(refused);
    expect(await boltRefuses('neo4j', '')).toMatch(refused);
    expect(await boltRefuses('neo4j', `${local!.password}x`)).toMatch(refused);
    const none = neo4j.driver(local!.uri); // no credentials at all
    await expect(none.executeQuery('CREATE (:Intruder) RETURN 1')).rejects.toMatchObject({ code: expect.stringMatching(refused) });
    await none.close();
    await new Promise((r) => setTimeout(r, 6000));
    expect(await boltRefuses('neo4j', local!.password)).toBe('accepted');
  });

  it('answers no cross-origin POST on the old HTTP port, and nothing is created', async () => {
    const attempt = fetch(`http://127.0.0.1:${options.httpPort}/db/neo4j/tx/commit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
      body: JSON.stringify({ statements: [{ statement: 'CREATE (:Intruder {via: "http"})' }] }),
    });
    await expect(attempt).rejects.toThrow(/fetch failed/);
    const db = new Database({ uri: local!.uri, user: local!.user, password: local!.password });
    try {
      expect(await db.query('MATCH (n:Intruder) RETURN n')).toEqual([]);
      const conf = fs.readFileSync(`${options.dataDir}/conf/neo4j.conf`, 'utf8');
      expect(conf).toContain('server.http.enabled=false');
      expect(conf).toContain('dbms.security.auth_enabled=true');
    } finally {
      await db.close();
    }
  });

  it('keeps the password across restarts of the same data folder', async () => {
    const first = local!.password;
    await local!.stop();
    local = await startLocalNeo4j({ ...options, heap: '512m', pageCache: '64m', log: () => {} });
    expect(local.password).toBe(first);
    expect(await boltRefuses('neo4j', first)).toBe('accepted');
  });
});
