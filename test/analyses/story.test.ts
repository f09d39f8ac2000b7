// The story view's question: chosen from the findings on the server, so the explorer asks it
// together with gaps. The lead action's rule without a database; the answer on the seed case
// through the real HTTP server and Neo4j.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { readBundleFile } from '../../server/bundle/parse.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { leadActionOf } from '../../server/analyses/story.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('the lead action', () => {
  it('is the action the findings name most, weighted by severity', () => {
    const actions = new Set(['a1', 'a2']);
    expect(
      leadActionOf(
        [
          { severity: 'LOW', nodeIds: ['a1', 'b'] },
          { severity: 'LOW', nodeIds: ['a1'] },
          { severity: 'HIGH', nodeIds: ['a2', 'b'] },
        ],
        actions,
      ),
    ).toBe('a2');
    expect(leadActionOf([{ severity: 'MEDIUM', nodeIds: ['b'] }], actions)).toBeNull();
  });
});

let db: Database;
let server: TestServer;
beforeAll(async () => {
  db = await testDatabase();
  await clearDatabase(db);
  const result = await importBundle(db, await readBundleFile(path.join(projectRoot, 'seed', 'henan-red-code-2022.yaml')));
  expect(result.problems).toEqual([]);
  server = await startTestServer(db);
}, 600_000);
afterAll(async () => {
  await server?.close();
  await closeTestDatabase();
});

describe('story on the seed case', () => {
  it('answers with the lead action, its power, place and date, and who could, did and says, in one request', async () => {
    const body = await server.post(`{
      story(case: "henan-red-code-2022") {
        case { id } leadAction power { id label } place { id } at
        whoCan { at holders { body { id } } dataVersion }
        whoDid { actions { id } }
        accountability { stances { stance count } }
        dataVersion incomplete
      }
      gaps(case: "henan-red-code-2022") { findings { nodeIds } }
    }`);
    expect(body.errors).toBeUndefined();
    const story = body.data!.story;
    expect(story.case.id).toBe('henan-red-code-2022');
    expect(story.power.label).toBe('Power');
    expect(story.leadAction).toMatch(/\w/);
    // The lead action is one the findings concern, and whoDid lists it.
    expect(body.data!.gaps.findings.some((f: { nodeIds: string[] }) => f.nodeIds.includes(story.leadAction))).toBe(true);
    expect(story.whoDid.actions.map((a: { id: string }) => a.id)).toContain(story.leadAction);
    expect(story.at).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(story.whoCan.at).toBe(story.at);
    expect(story.whoCan.holders.length).toBeGreaterThan(0);
    expect(story.accountability.stances.some((s: { count: number }) => s.count > 0)).toBe(true);
    expect(story.incomplete).toBe(false);
  });

  it('says what to do for an unknown case', async () => {
    const body = await server.post('{ story(case: "no-such-case") { leadAction } }');
    expect(body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
