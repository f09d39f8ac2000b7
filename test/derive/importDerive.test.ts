// The derive step through the real import: a case, a second case sharing its places, powers
// and body type (a new body of that type; a grant to that type in the province, which reaches
// the provincial bureau that issued the first case's city measure, so that measure's grant
// becomes a delegation), then the second case changed and re-imported. After each import the derived rows equal the live
// ones for every power and place, and the import derives only the grants it can affect.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { importBundle, type ImportResult } from '../../server/bundle/importBundle.js';
import { whoCan } from '../../server/analyses/whoCan.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';
import { rowsBothWays } from './batchedRows.js';

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
  await clearDatabase(db);
});
afterAll(closeTestDatabase);

const tiny = () => parse(readFileSync(path.join(projectRoot, 'test', 'fixtures', 'bundles', 'valid-tiny.yaml'), 'utf8')) as Record<string, unknown>;
const Q = { unsourced: true };

/** A second case on the same places, powers and body type. */
function second({ withBureau }: { withBureau: boolean }) {
  return {
    format: 'quanze-bundle/1',
    case: { id: 'test-second', title: 'A second case' },
    sources: [{ id: 'src-second', title: 'Record', outlet: 'Gazette', publishedAt: '2022-07-01', kind: 'NEWS', language: 'en' }],
    bodies: withBureau
      ? [
          {
            id: 's-city-bureau',
            name: 'City big-data bureau',
            kind: 'AGENCY',
            level: 'MUNICIPAL',
            jurisdiction: 't-city',
            isA: ['t-bigdata-dept'],
            ...Q,
          },
        ]
      : [],
    instruments: [{ id: 's-decree', title: 'Provincial decree', docType: 'REGULATION', effectiveFrom: '2019-01-01', ...Q }],
    provisions: [{ id: 's-decree.a1', ref: 'Art. 1', text: 'Big-data departments manage health codes.', partOf: 's-decree', ...Q }],
    grants: [
      { id: 's-grant-type', modality: 'POWER', conferredBy: 's-decree.a1', power: 't-code', to: ['t-bigdata-dept'], within: 't-province', ...Q },
    ],
  };
}

async function load(bundle: unknown): Promise<ImportResult> {
  const result = await importBundle(db, bundle);
  expect(result.problems).toEqual([]);
  return result;
}

async function expectSameRows(): Promise<number> {
  const [{ powers, places }] = await db.query<{ powers: string[]; places: string[] }>(
    'RETURN COLLECT { MATCH (p:Power) RETURN p.id } AS powers, COLLECT { MATCH (p:Place) RETURN p.id } AS places',
  );
  const questions = powers.flatMap((power) => [null, ...places].map((place) => ({ power, place })));
  const { derived, live } = await rowsBothWays(db, questions);
  questions.forEach((q, i) => expect({ ...q, rows: derived[i] }).toEqual({ ...q, rows: live[i] }));
  return live.flat().length;
}

const holders = async () =>
  (await whoCan(db, { power: 't-code.assign', place: 't-city', at: '2022-06-13' })).holders.map((h) => `${h.body.id} ${h.via}`).sort();

describe('the derive step of an import', () => {
  it('derives a first case in full, the grants a second case reaches, and nothing for an unchanged bundle', async () => {
    const first = await load(tiny());
    expect(first.derivedHoldings).toMatchObject({ full: false, grants: 1 });
    expect(first.derivedHoldings!.holdings).toBeGreaterThan(0);
    expect(await expectSameRows()).toBeGreaterThan(0);
    expect(await holders()).toEqual(['t-bigdata-dept BY_TYPE', 't-new-bureau DIRECT']);

    // A new body of the type gains the first case's grant; a grant to the issuer of the city
    // measure makes that measure's grant a delegation.
    const added = await load(second({ withBureau: true }));
    expect(added.derivedHoldings).toMatchObject({ full: false, grants: 2 });
    await expectSameRows();
    expect(await holders()).toEqual(['s-city-bureau BY_DELEGATION', 't-bigdata-dept BY_TYPE', 't-new-bureau DIRECT']);

    const again = await load(second({ withBureau: true }));
    expect(again.written).toBe(0);
    expect(again.derivedHoldings).toBeUndefined();
  });

  it('derives again what a changed re-import reaches, and drops what it no longer does', async () => {
    const changed = await load(second({ withBureau: false }));
    expect(changed.derivedHoldings).toMatchObject({ full: false, grants: 2 });
    await expectSameRows();
    expect(await holders()).toEqual(['t-bigdata-dept BY_TYPE', 't-new-bureau DIRECT']);
    const [{ left }] = await db.query<{ left: number }>("RETURN COUNT { MATCH (h:Holding {bodyId: 's-city-bureau'}) } AS left");
    expect(left).toBe(0);
  });

  it('derives everything when a write behind the import moved the data version', async () => {
    await db.write((tx) => tx.run("MATCH (m:Meta {id: 'dataVersion'}) SET m.version = m.version + 1"));
    const [{ before }] = await db.query<{ before: number }>('RETURN COUNT { MATCH (h:Holding) } AS before');
    // The next question notices and derives again before it reads.
    expect(await holders()).toContain('t-new-bureau DIRECT');
    const [{ after }] = await db.query<{ after: number }>('RETURN COUNT { MATCH (h:Holding) } AS after');
    expect(after).toBe(before);
    const reimport = await load({ ...tiny(), case: { ...(tiny().case as object), summary: 'Changed.' } });
    expect(reimport.derivedHoldings).toMatchObject({ full: false });
    await expectSameRows();
  });
});
