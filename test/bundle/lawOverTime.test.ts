// The model's parts for any legal system: a case written only in English, with its own
// terms, repeal, amendment, restriction, a holding of invalidity, condition outcomes, the
// new stances and an action that targets a person, is valid, imports and exports unchanged.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { bundleFromData, readBundleFile } from '../../server/bundle/parse.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { exportBundle } from '../../server/bundle/exportBundle.js';
import { validateBundle } from '../../server/bundle/validate.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';

const FIXTURE = path.join(projectRoot, 'test', 'fixtures', 'bundles', 'valid-law-over-time.yaml');
const written = () => parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>;

function inIdOrder(bundle: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(bundle).map(([key, value]) => [
      key,
      Array.isArray(value) ? [...value].sort((a, b) => String(a.id).localeCompare(String(b.id))) : value,
    ]),
  );
}

/** The bundle with one change made to a copy of it, and the messages of its problems. */
function problemsAfter(change: (bundle: Record<string, any>) => void): string[] {
  const bundle = written() as Record<string, any>;
  change(bundle);
  return validateBundle(bundleFromData(bundle, 'edited.yaml')).map((p) => `${p.path}: ${p.message}`);
}

describe('validating a case from another legal system', () => {
  it('accepts an English-only case with its own terms and the relations of law over time', async () => {
    expect(validateBundle(await readBundleFile(FIXTURE))).toEqual([]);
  });

  it('needs a name in at least one language', () => {
    expect(problemsAfter((b) => delete b.bodies[0].name)).toEqual([
      'bodies[0]: Body "lot-monarch" has neither name nor nameZh: write at least one (a text in either language is enough).',
    ]);
    expect(
      problemsAfter((b) => {
        b.bodies[0].nameZh = '王室';
        delete b.bodies[0].name;
      }),
    ).toEqual([]);
  });

  it('needs a title of a position in at least one language', () => {
    expect(problemsAfter((b) => delete b.persons[0].positions[0].title)).toEqual([
      'persons[0].positions[0]: This HOLDS_POSITION reference has neither title nor titleZh: write at least one (a text in either language is enough).',
    ]);
  });

  it('refuses a kind that is neither built in nor declared, and says how to declare it', () => {
    expect(
      problemsAfter((b) => {
        b.bodies[1].kind = 'PRIVY_COUNCILL';
      }),
    ).toEqual([
      expect.stringMatching(
        /^bodies\[1\]\.kind: kind is "PRIVY_COUNCILL", which is not one of .*PRIVY_COUNCIL\. Did you mean PRIVY_COUNCIL\? A case may add its own: terms: \[\{ id, vocabulary: BODY_KIND, value: PRIVY_COUNCILL, label \}\]\.$/,
      ),
    ]);
    expect(
      problemsAfter((b) => {
        b.terms.splice(0, 1);
      }),
    ).toEqual([expect.stringMatching(/^bodies\[1\]\.kind: kind is "PRIVY_COUNCIL", which is not one of /)]);
  });

  it('refuses a term value written in the wrong form', () => {
    expect(
      problemsAfter((b) => {
        b.terms[2].value = 'End Session';
      }),
    ).toEqual([
      'terms[2].value: Term "term.purpose.end-session" has the value "End Session": write a PURPOSE value as lowercase words joined by hyphens (stop-petition).',
    ]);
  });

  it('refuses a restriction without its effect and a holding without its date', () => {
    expect(
      problemsAfter((b) => {
        delete b.provisions[3].restricts[0].effect;
        delete b.instruments[4].holdsInvalid[0].from;
      }),
    ).toEqual([
      expect.stringMatching(/^instruments\[4\]\.holdsInvalid\[0\]\.from: This HOLDS_INVALID reference has no from, which is required/),
      expect.stringMatching(/^provisions\[3\]\.restricts\[0\]\.effect: This RESTRICTS reference has no effect, which is required/),
    ]);
  });
});

describe('importing a case from another legal system', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
    await clearDatabase(db);
  });
  afterAll(closeTestDatabase);

  it('stores the new relations with their properties and exports the bundle unchanged', async () => {
    const result = await importBundle(db, await readBundleFile(FIXTURE));
    expect(result.problems).toEqual([]);
    const [row] = await db.query<Record<string, unknown>>(
      `MATCH (:Instrument {id: 'lot-judgment'})-[h:HOLDS_INVALID]->(:Action {id: 'lot-prorogation'}),
             (:Provision {id: 'lot-fixed-terms-act.s3'})-[r:RESTRICTS]->(:Grant {id: 'lot-grant-dissolve'}),
             (:Instrument {id: 'lot-repeal-act'})-[p:REPEALS]->(:Instrument {id: 'lot-fixed-terms-act'}),
             (:Action {id: 'lot-early-election-motion'})-[:TARGETED]->(:Person {id: 'lot-sovereign'}),
             (t:Term {id: 'term.body-kind.privy-council'})
       RETURN h.retroactive AS retroactive, toString(h.from) AS heldOn, r.effect AS effect, toString(p.from) AS repealedFrom, t.value AS term`,
    );
    expect(row).toEqual({ retroactive: true, heldOn: '2019-09-24', effect: 'SUSPENDS', repealedFrom: '2022-03-24', term: 'PRIVY_COUNCIL' });
    // Export writes each list in id order; otherwise it gives back what was written.
    expect(inIdOrder(await exportBundle(db, 'test-law-over-time'))).toEqual(inIdOrder(written()));
  });
});
