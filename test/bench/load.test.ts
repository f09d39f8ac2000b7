// `npm run load` (bench/load.ts) as a smoke run: 2 clients for 2 s against the real server over
// the seed case. It finds its questions from the server, sends the whole mix, and reports its
// figures. Nothing here is timed: the figures belong in docs/reliability.md.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { formatFigures, questionMix, runLoad } from '../../bench/load.js';
import { closeTestDatabase } from '../support/neo4j.js';
import { describeSeed, loadSeedCase } from '../support/seed.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(await loadSeedCase());
}, 600_000);
afterAll(async () => {
  await server?.close();
  await closeTestDatabase();
});

describeSeed('the load tool', () => {
  it('builds its question mix from what the server holds, each question answered without error', async () => {
    const mix = await questionMix(server.url);
    expect([...new Set(mix.map((q) => q.name))].sort()).toEqual(['caseGraph', 'explain', 'gaps', 'neighborhood', 'search', 'whoCan', 'whoDid']);
    for (const question of mix) {
      const body = await server.post(question.query, question.variables);
      expect({ name: question.name, errors: body.errors }).toEqual({ name: question.name, errors: undefined });
    }
  }, 600_000);

  it('runs 2 clients for 2 s and reports requests, latency, errors and the server memory', async () => {
    const figures = await runLoad({ url: server.url, clients: 2, seconds: 2, pid: process.pid });
    expect(figures.requests).toBeGreaterThan(0);
    expect(figures.errors).toBe(0);
    expect(figures.p99Ms).toBeGreaterThanOrEqual(figures.p50Ms);
    expect(figures.rssBeforeMb).toBeGreaterThan(0);
    expect(formatFigures(figures)).toMatch(/^2 clients, [\d.]+ s against http:\/\/127\.0\.0\.1:\d+: \d+ requests, [\d.]+ requests\/s\nlatency p50 /);
    await expect(runLoad({ url: 'http://10.0.0.1:4000', clients: 1, seconds: 1 })).rejects.toThrow(/only targets this machine/);
  }, 300_000);
});
