// Reads a request starts together share one read transaction (server/graphql/batchedReads.ts):
// each gets its own rows; a read whose own code throws fails alone; a statement the database
// refuses fails the reads of that transaction still waiting, with the database's error.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Database } from '../../server/neo4j/database.js';
import { batchedReads } from '../../server/graphql/batchedReads.js';
import { closeTestDatabase, testDatabase } from '../support/neo4j.js';

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(closeTestDatabase);

const value = (view: Database, n: number) => view.read(async (tx) => (await tx.run('RETURN $n AS n', { n })).records[0].get('n') as number);

describe('reads started together', () => {
  it('each gets its own rows', async () => {
    const view = batchedReads(db);
    expect(await Promise.all([1, 2, 3].map((n) => value(view, n)))).toEqual([1, 2, 3]);
  });

  it('a read whose own code throws fails alone', async () => {
    const view = batchedReads(db);
    const [a, b, c] = await Promise.allSettled([
      value(view, 1),
      view.read(async (tx) => {
        await tx.run('RETURN 1');
        throw new Error('no such case');
      }),
      value(view, 3),
    ]);
    expect(a).toEqual({ status: 'fulfilled', value: 1 });
    expect(b).toMatchObject({ status: 'rejected', reason: { message: 'no such case' } });
    expect(c).toEqual({ status: 'fulfilled', value: 3 });
  });

  it('a statement the database refuses fails the reads still waiting with its error', async () => {
    const view = batchedReads(db);
    const results = await Promise.allSettled([view.read((tx) => tx.run('RETURN nonsense(')), value(view, 2)]);
    expect(results[0]).toMatchObject({ status: 'rejected', reason: { code: expect.stringContaining('Neo.ClientError') } });
    expect(results[1].status).toBe('rejected');
    // The view is not left broken: the next reads are answered.
    expect(await Promise.all([value(view, 4), value(view, 5)])).toEqual([4, 5]);
  });
});
