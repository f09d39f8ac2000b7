// The derived layer against the live derivation on random small cases (fast-check, fixed
// seed): a case is written and derived the way an import does it (the grants its nodes reach,
// inside the same transaction), then changed (nodes rewritten, added, dropped, shared nodes
// included) and derived again incrementally; after each step, for every power and every place
// (and anywhere), the rows whoCan reads from the derived layer are the rows the live query
// expands from the raw graph. Equal rows make equal answers: whoCan, explain and compare judge
// them with the same code. A failure prints the smallest case found.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Database } from '../../server/neo4j/database.js';
import { ImportDerivation } from '../../server/derive/derive.js';
import { closeTestDatabase, testDatabase } from '../support/neo4j.js';
import { rowsBothWays } from './batchedRows.js';
import { changedCase, diff, PLACE_IDS, POWER_IDS, writeStep, type Graph } from './randomCase.js';

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(closeTestDatabase);

const QUESTIONS = POWER_IDS.flatMap((power) => [null, ...PLACE_IDS].map((place) => ({ power, place })));

/** One import-like step: derive what the changed nodes reach, in the transaction that writes them. */
async function step(from: Graph, to: Graph): Promise<{ grants: number }> {
  const d = diff(from, to);
  const derivation = new ImportDerivation({
    changed: d.changed.map((n) => n.id),
    added: d.added.map((n) => n.id),
    dropped: d.dropped.map((n) => n.id),
  });
  return db.write(async (tx) => {
    await derivation.before(tx);
    await writeStep(tx, d);
    const bumped = await tx.run("MERGE (m:Meta {id: 'dataVersion'}) SET m.version = coalesce(m.version, 0) + 1 RETURN m.version AS v");
    const report = await derivation.after(tx, Number(bumped.records[0].get('v')));
    expect(report.full).toBe(false);
    return { grants: report.grants };
  });
}

/** Compares every question both ways; returns how many rows the live query gave in all. */
async function sameRows(): Promise<number> {
  const { derived, live } = await rowsBothWays(db, QUESTIONS);
  QUESTIONS.forEach((q, i) => expect({ ...q, rows: derived[i] }).toEqual({ ...q, rows: live[i] }));
  return live.reduce((n, rows) => n + rows.length, 0);
}

describe('random cases, derived and live', () => {
  it('give the same rows for every power and place, after a first import and after a change', async () => {
    let stats = { cases: 0, rows: 0, rederived: 0 };
    await fc.assert(
      fc.asyncProperty(changedCase, async ({ before, after }) => {
        await db.write((tx) => tx.run('MATCH (n) DETACH DELETE n'));
        await step([], before);
        const first = await sameRows();
        const { grants } = await step(before, after);
        const second = await sameRows();
        stats = { cases: stats.cases + 1, rows: stats.rows + first + second, rederived: stats.rederived + grants };
      }),
      { seed: 20261202, numRuns: 200, endOnFailure: true },
    );
    expect(stats.cases).toBeGreaterThanOrEqual(200);
    // Not vacuous: the cases hold holdings, and the changes re-derive some grants.
    expect(stats.rows).toBeGreaterThan(2000);
    expect(stats.rederived).toBeGreaterThan(200);
  }, 600_000);
});
