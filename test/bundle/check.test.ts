// `check` on the real Neo4j: every seed bundle carries expected answers, and the analyses
// give them; a wrong expectation fails with the answer given; the command line says so.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { bundleFromData, parseBundleText, readBundleFile } from '../../server/bundle/parse.js';
import { checkBundle } from '../../server/bundle/checkBundle.js';
import { validateBundle } from '../../server/bundle/validate.js';
import { closeTestDatabase, testDatabase } from '../support/neo4j.js';

const SEED = path.join(projectRoot, 'seed');
const seedBundles = readdirSync(SEED)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const MILLBROOK = path.join(SEED, 'illustrative-millbrook-demolition-permit.yaml');

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(closeTestDatabase);

describe('the expected answers of every seed bundle', () => {
  it.each(seedBundles)(
    '%s has expected answers, and the analyses give them',
    async (file) => {
      const result = await checkBundle(db, await readBundleFile(path.join(SEED, file)));
      expect(result.problems).toEqual([]);
      expect(result.results.length).toBeGreaterThan(0);
      const failed = result.results.filter((r) => !r.passed).map((r) => `${r.question}: expected ${r.expected}; answer ${r.actual}`);
      expect(failed).toEqual([]);
    },
    600_000,
  );
});

describe('an expectation the analyses do not meet', () => {
  it('fails, with the answer that was given', async () => {
    const bundle = (await readBundleFile(MILLBROOK)).data as Record<string, unknown>;
    bundle.expect = [
      { explain: { body: 'fx-millbrook-building-control', power: 'fx-permit.demolish', at: '2024-02-12' }, verdict: 'HOLDS' },
      { whoCan: { power: 'fx-permit.demolish', place: 'fx-westland-millbrook', at: '2024-02-12' }, holders: ['fx-millbrook-building-control'] },
      { findings: { about: 'fx-action-warehouse-permit' }, exclude: ['UNAUTHORIZED_ACTION'] },
    ];
    const result = await checkBundle(db, bundleFromData(bundle));
    expect(result.passed).toBe(false);
    expect(result.results.map((r) => r.passed)).toEqual([false, false, false]);
    expect(result.results[0].actual).toMatch(/^verdict DOES_NOT_HOLD, missing link NO_GRANT: /);
    expect(result.results[1].actual).toContain('Missing: fx-millbrook-building-control');
    expect(result.results[2].actual).toContain('UNAUTHORIZED_ACTION (');
  });
});

describe('validating the expect section', () => {
  const base = [
    'format: quanze-bundle/1',
    'case: { id: t-case, title: T }',
    'places:',
    '  - { id: t-land, name: Land, level: COUNTRY }',
    'powers:',
    '  - { id: t-power, name: A power }',
    'bodies:',
    '  - { id: t-body, name: A body, kind: OTHER, level: NATIONAL, unsourced: true }',
    'expect:',
  ];
  const problemsOf = (...lines: string[]) =>
    validateBundle(parseBundleText([...base, ...lines].join('\n'), 'expect.yaml')).map((p) => `${p.line} ${p.path} ${p.code} ${p.message}`);

  it('refuses typos, unknown ids, answers to another question and kinds of finding that do not exist', () => {
    expect(
      problemsOf(
        '  - whoCan: { power: t-powr, at: 2022-02-30 }',
        '    holder: [t-body]',
        '  - explain: { body: t-land, power: t-power, at: 2022-01-01 }',
        '    verdict: HOLD',
        '    holders: [t-body]',
        '  - findings: { about: t-body }',
        '    include: [UNAUTHORISED_ACTION]',
        '  - note: asks nothing',
      ),
    ).toEqual([
      '10 expect[0] MISSING_FIELD This expected answer asks whoCan but states no answer: write holders or notHolders.',
      '10 expect[0].whoCan.at BAD_DATE at is text ("2022-02-30"), which is not a real calendar date written YYYY-MM-DD.',
      '10 expect[0].whoCan.power DANGLING_REFERENCE power names "t-powr", which this bundle does not define or point at. Did you mean t-power?',
      '11 expect[0].holder UNKNOWN_FIELD An expected answer has no field holder. Did you mean holders?',
      '12 expect[1].explain.body WRONG_TARGET_TYPE body names "t-land", which is a Place; it must be a Body or a Person.',
      '13 expect[1].verdict BAD_ENUM verdict is text ("HOLD"), which is not one of HOLDS, CONDITIONAL, DOES_NOT_HOLD, UNKNOWN. Did you mean HOLDS?',
      '14 expect[1].holders UNKNOWN_FIELD holders is an answer to whoCan, not to explain: an explain expectation states verdict, missingLink, via.',
      expect.stringMatching(
        /^16 expect\[2\]\.include\[0\] BAD_ENUM "UNAUTHORISED_ACTION" is not a kind of finding\. Did you mean UNAUTHORIZED_ACTION\? The kinds are UNAUTHORIZED_ACTION, /,
      ),
      '17 expect[3] MISSING_FIELD This expected answer asks nothing: write whoCan: { power, place, at }, explain: { body, power, at } or findings: { about }.',
    ]);
  });

  it('takes a holder that is a body or a person, and names any other kind of node', () => {
    expect(problemsOf('  - whoCan: { power: t-power, at: 2022-01-01, holder: t-land }', '    holders: [t-body]')).toEqual([
      '10 expect[0].whoCan.holder WRONG_TARGET_TYPE holder names "t-land", which is a Place; it must be a Body or a Person.',
    ]);
    expect(problemsOf('  - whoCan: { power: t-power, at: 2022-01-01, holder: t-bdy }', '    holders: [t-body]')).toEqual([
      '10 expect[0].whoCan.holder DANGLING_REFERENCE holder names "t-bdy", which this bundle does not define or point at. Did you mean t-body?',
    ]);
    expect(problemsOf('  - whoCan: { power: t-power, at: 2022-01-01, holder: t-body }', '    holders: [t-body]')).toEqual([]);
  });

  it('is ignored by import: the bundle imports the same with or without it', () => {
    expect(problemsOf('  - whoCan: { power: t-power, place: t-land, at: 2022-01-01, reading: AS_LATER_HELD }', '    notHolders: [t-body]')).toEqual(
      [],
    );
  });
});

describe('npm run check', () => {
  it('prints PASS and FAIL with the answer, and exits 1 on a failure', () => {
    const run = spawnSync('npx', ['tsx', 'server/cli/check.ts', 'test/fixtures/bundles/check-one-fails.yaml'], {
      cwd: projectRoot,
      encoding: 'utf8',
      env: { ...process.env, NEO4J_URI: '', QUANZE_CHECK_DATABASE: '' },
      timeout: 600_000,
    });
    expect(run.stderr).toContain('in a throw-away Neo4j');
    expect(run.stdout).toMatch(/^PASS {2}test\/fixtures\/bundles\/check-one-fails\.yaml:\d+ {2}whoCan t-power in t-land on 2022-01-01$/m);
    expect(run.stdout).toMatch(/^FAIL {2}test\/fixtures\/bundles\/check-one-fails\.yaml:\d+ {2}explain t-body t-power on 2022-01-01$/m);
    expect(run.stdout).toContain('      answer:   verdict HOLDS, via DIRECT');
    expect(run.stdout).toContain('Case t-check: 2 expected answers, 1 passed, 1 failed.');
    expect(run.status).toBe(1);
  });
});
