// The live derivation of whoCan's holdings (test/support/liveWhoCan.cypher): the query whoCan
// ran before the derived layer, expanding the raw graph at every question. The differential
// test (test/derive/) asks every question both ways and expects the same answers; nothing in
// server/ uses this.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { expandFragments } from '../../server/analyses/fragments.js';
import { plain } from '../../server/analyses/run.js';
import { judgeRows, ROW_CAP, type HoldingRow, type HoldingSource } from '../../server/analyses/whoCan.js';

let text: string | undefined;

/** The same rows as derivedRows (not yet judged), from the raw graph. */
export async function liveRows(db: Database, params: { power: string; place?: string | null; at: string }): Promise<HoldingRow[]> {
  text ??= expandFragments(fs.readFileSync(path.join(projectRoot, 'test', 'support', 'liveWhoCan.cypher'), 'utf8'));
  return (await db.query(text, { power: params.power, place: params.place ?? null, at: params.at, rowCap: ROW_CAP })).map(
    (row) => plain(row) as HoldingRow,
  );
}

/** The same judged rows as holdingRows, from the raw graph. */
export const liveHoldingRows: HoldingSource = async (db, params) => {
  const rows = await liveRows(db, params);
  return { rows: judgeRows(rows, params.at, params.reading ?? 'AS_IT_STOOD'), capped: rows.length >= ROW_CAP };
};
