// The derived layer against the live derivation on the three seed cases, imported together:
// for every power and every place of each case (and anywhere), the candidate holdings read
// from the derived layer are the rows the live query expands from the raw graph; and the
// answers of whoCan, compare and explain built on them are the same at several dates in
// both readings.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { readBundleFile } from '../../server/bundle/parse.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { derivedRows, judgeRows, whoCan, type HoldingRow, type HoldingSource } from '../../server/analyses/whoCan.js';
import { explain } from '../../server/analyses/explain.js';
import { compare } from '../../server/analyses/compare.js';
import { READINGS } from '../../server/analyses/inForce.js';
import { liveRows } from '../support/liveHoldings.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';

const SEEDS = readdirSync(path.join(projectRoot, 'seed')).filter((f) => f.endsWith('.yaml'));
const DATES = ['2019-08-28', '2019-09-24', '2020-07-01', '2022-04-15', '2022-06-13', '2023-06-01'];
/** The rows do not depend on the date (it is judged on them); the answers are compared at three dates of each case's story. */
const ANSWER_DATES = [DATES[1], DATES[3], DATES[4]];

let db: Database;
const cases: { id: string; powers: string[]; places: (string | null)[]; bodies: string[] }[] = [];

beforeAll(async () => {
  db = await testDatabase();
  await clearDatabase(db);
  for (const file of SEEDS) {
    const result = await importBundle(db, await readBundleFile(path.join(projectRoot, 'seed', file)));
    expect(result.problems).toEqual([]);
    expect(result.derivedHoldings).toMatchObject({ full: false });
  }
  const rows = await db.query<{ id: string; powers: string[]; places: string[]; bodies: string[] }>(
    `MATCH (c:Case)
     RETURN c.id AS id,
            [(p:Power)-[:IN_CASE]->(c) | p.id] AS powers,
            [(p:Place)-[:IN_CASE]->(c) | p.id] AS places,
            [(b:Body)-[:IN_CASE]->(c) | b.id] AS bodies
     ORDER BY id`,
  );
  for (const r of rows) cases.push({ id: r.id, powers: r.powers.sort(), places: [null, ...r.places.sort()], bodies: r.bodies.sort() });
});
afterAll(closeTestDatabase);

/** Raw rows per power and place, both ways, asked once. */
const asked = new Map<string, { derived: HoldingRow[]; live: HoldingRow[] }>();
async function rowsOf(power: string, place: string | null) {
  const key = `${power}|${place}`;
  let pair = asked.get(key);
  if (!pair) {
    const question = { power, place, at: DATES[0] };
    pair = { derived: await derivedRows(db, question), live: await liveRows(db, question) };
    asked.set(key, pair);
  }
  return pair;
}
/** Sources that judge the rows asked once, so answers can be compared at many dates cheaply. */
const fromAsked =
  (which: 'derived' | 'live'): HoldingSource =>
  async (_db, params) => {
    const rows = (await rowsOf(params.power, params.place ?? null))[which];
    return { rows: judgeRows(rows, params.at, params.reading ?? 'AS_IT_STOOD'), capped: false };
  };

describe('the seed cases, derived and live', () => {
  it('imports them together, deriving only what each import touches', () => {
    expect(cases.map((c) => c.id)).toHaveLength(SEEDS.length);
  });

  it('the candidate holdings of every power in every place of each case are the same rows', async () => {
    let compared = 0;
    let nonEmpty = 0;
    for (const c of cases) {
      for (const power of c.powers) {
        for (const place of c.places) {
          const { derived, live } = await rowsOf(power, place);
          expect({ power, place, rows: derived }).toEqual({ power, place, rows: live });
          compared += 1;
          if (live.length) nonEmpty += 1;
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(20);
    expect(compared).toBeGreaterThan(100);
  });

  it('whoCan answers the same at several dates in both readings', async () => {
    for (const c of cases) {
      for (const power of c.powers) {
        for (const place of c.places) {
          if (!(await rowsOf(power, place)).live.length) continue;
          for (const at of ANSWER_DATES) {
            for (const reading of READINGS) {
              const question = { power, place, at, reading };
              expect(await whoCan(db, question, fromAsked('derived'))).toEqual(await whoCan(db, question, fromAsked('live')));
            }
          }
        }
      }
    }
  });

  it('whoCan, compare and explain answer the same through the real sources', async () => {
    const live: HoldingSource = async (d, params) => {
      const rows = await liveRows(d, params);
      return { rows: judgeRows(rows, params.at, params.reading ?? 'AS_IT_STOOD'), capped: false };
    };
    for (const c of cases) {
      const places = c.places.filter((p): p is string => p !== null);
      for (const power of c.powers) {
        if (!(await rowsOf(power, null)).live.length) continue;
        for (const reading of READINGS) {
          const at = reading === 'AS_IT_STOOD' ? DATES[4] : DATES[1];
          expect(await whoCan(db, { power, at, reading })).toEqual(await whoCan(db, { power, at, reading }, live));
          if (places.length)
            expect(await compare(db, { power, places, at, reading })).toEqual(await compare(db, { power, places, at, reading }, live));
        }
        for (const body of c.bodies.slice(0, 6)) {
          const question = { body, power, at: DATES[4] };
          expect(await explain(db, question)).toEqual(await explain(db, question, live));
        }
      }
    }
  });
});
