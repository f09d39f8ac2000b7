// Every reader-facing string of every finding, on both seed cases, against the real Neo4j:
// one language at a time, no raw enum value, no internal id or slug, no doubled punctuation.
// Quoted passages (verbatim evidence, “…”, "…", 《…》) may be in their own language; English
// text names a body with its Chinese name in brackets, so bracketed Chinese is allowed there.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { readBundleFile } from '../../server/bundle/parse.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { gaps, type Finding } from '../../server/analyses/gaps.js';
import { ACTOR_ROLES, BASES, CONDITION_KINDS, MODALITIES, STANCES } from '../../server/model/model.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';
import { wordingProblems } from './gaps/wordingCheck.js';

const SEEDS = [
  { file: 'henan-red-code-2022.yaml', case: 'henan-red-code-2022' },
  { file: 'illustrative-millbrook-demolition-permit.yaml', case: 'illustrative-millbrook-demolition-permit' },
].filter((s) => existsSync(path.join(projectRoot, 'seed', s.file)));

let db: Database;
const found = new Map<string, Finding[]>();
let ids: string[] = [];
let names: string[] = [];

beforeAll(async () => {
  db = await testDatabase();
  await clearDatabase(db);
  for (const seed of SEEDS) {
    const result = await importBundle(db, await readBundleFile(path.join(projectRoot, 'seed', seed.file)), { findings: 'later' });
    expect(result.problems).toEqual([]);
    found.set(seed.case, (await gaps(db, { case: seed.case })).findings);
  }
  const rows = await db.query<{ ids: string[]; names: string[] }>(
    `MATCH (n) WHERE n.id IS NOT NULL
     WITH collect(n.id) + [x IN collect(n.purpose) WHERE x IS NOT NULL] + [x IN collect(n.value) WHERE x IS NOT NULL] AS ids,
          [x IN collect(n.name) + collect(n.title) + collect(n.nameZh) + collect(n.titleZh) WHERE x IS NOT NULL] AS names
     RETURN ids, names`,
    {},
  );
  ids = rows[0]?.ids ?? [];
  names = rows[0]?.names ?? [];
}, 600_000);
afterAll(closeTestDatabase);

const ENUMS = [
  ...ACTOR_ROLES,
  ...STANCES,
  ...MODALITIES,
  ...CONDITION_KINDS,
  ...BASES,
  'UNAUTHORIZED_ACTION',
  'PROHIBITED_ACTION',
  'AUTHORITY_VIA_PARENT_ONLY',
  'CONDITION_NOT_MET',
  'UNATTRIBUTED_ACTION',
  'DISCLAIMED_AUTHORITY',
  'CONFLICTING_ATTRIBUTION',
  'REFERRAL_LOOP',
  'DEAD_END',
  'DORMANT_POWER',
  'HELD_UNLAWFUL',
];

describe('the wording of every finding on the seed cases', () => {
  it('finds something on each seed case', () => {
    expect(SEEDS.length).toBe(2);
    for (const seed of SEEDS) expect(found.get(seed.case)!.length).toBeGreaterThan(0);
  });
  for (const seed of SEEDS) {
    it(`has no language leak, raw enum, id or doubled punctuation (${seed.case})`, () => {
      const problems = found
        .get(seed.case)!
        .flatMap((f) => [
          ...wordingProblems(f.title, 'en', { ids, enums: ENUMS, names }).map((p) => `${f.id} title: ${p}`),
          ...wordingProblems(f.explanation, 'en', { ids, enums: ENUMS, names }).map((p) => `${f.id} explanation: ${p}`),
          ...wordingProblems(f.titleZh, 'zh', { ids, enums: ENUMS, names }).map((p) => `${f.id} titleZh: ${p}`),
          ...wordingProblems(f.explanationZh, 'zh', { ids, enums: ENUMS, names }).map((p) => `${f.id} explanationZh: ${p}`),
        ]);
      expect(problems).toEqual([]);
    });
  }
});
