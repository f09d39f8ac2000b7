// Asks many whoCan questions in one query, both ways (the derived layer's whoCan.cypher and
// the live test/support/liveWhoCan.cypher), for the random differential test: one round trip
// per case instead of one per power and place.
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import { expandFragments } from '../../server/analyses/fragments.js';
import { plain } from '../../server/analyses/run.js';
import type { HoldingRow } from '../../server/analyses/whoCan.js';
import type { Database } from '../../server/neo4j/database.js';

const FILES = { derived: ['server', 'analyses', 'whoCan.cypher'], live: ['test', 'support', 'liveWhoCan.cypher'] };
const texts = new Map<string, string>();

function batched(which: keyof typeof FILES): string {
  let text = texts.get(which);
  if (!text) {
    const query = expandFragments(fs.readFileSync(path.join(projectRoot, ...FILES[which]), 'utf8'))
      .replace('WITH $at AS at', 'WITH q, q.at AS at')
      .replaceAll('$power', 'q.power')
      .replaceAll('$place', 'q.place')
      .replace('toInteger($skip)', '0')
      .replace('toInteger($rowCap)', '10000')
      .replaceAll('$grants', 'null');
    // replan=skip: the graphs are tiny and change every case, which would make Neo4j plan these big queries again and again.
    text = `CYPHER replan=skip UNWIND $questions AS q CALL (q) {\n${query}\n} RETURN *, q.i AS question`;
    texts.set(which, text);
  }
  return text;
}

/** The rows of each question, in order, both ways. */
export async function rowsBothWays(
  db: Database,
  questions: { power: string; place: string | null }[],
): Promise<{ derived: HoldingRow[][]; live: HoldingRow[][] }> {
  const params = { questions: questions.map((q, i) => ({ ...q, i, at: '2022-06-13' })) };
  const run = async (which: keyof typeof FILES) => {
    const out: HoldingRow[][] = questions.map(() => []);
    for (const record of await db.query(batched(which), params)) {
      const { question, q: _q, ...row } = plain(record) as Record<string, unknown>;
      out[Number(question)].push(row as unknown as HoldingRow);
    }
    return out;
  };
  return { derived: await run('derived'), live: await run('live') };
}
