// The findings on the seed case (seed/henan-red-code-2022.yaml) against the real Neo4j:
// what a reporter must see. Skipped only when the seed file is missing.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { readBundleFile } from '../../server/bundle/parse.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { gaps, type Finding } from '../../server/analyses/gaps.js';
import { accountability } from '../../server/analyses/accountability.js';
import { search } from '../../server/analyses/search.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';

const SEED = path.join(projectRoot, 'seed', 'henan-red-code-2022.yaml');
const describeSeed = existsSync(SEED) ? describe : describe.skip;
const CASE = 'henan-red-code-2022';

let db: Database;
let findings: Finding[] = [];
beforeAll(async () => {
  if (!existsSync(SEED)) return;
  db = await testDatabase();
  await clearDatabase(db);
  const result = await importBundle(db, await readBundleFile(SEED));
  expect(result.problems).toEqual([]);
  findings = (await gaps(db, { case: CASE })).findings;
});
afterAll(closeTestDatabase);

const withEvidence = (f: Finding) => f.evidence.some((e) => (e.quote || e.quoteEn) && e.source.id && !e.unsourced);

describeSeed('findings of the Henan red-code case', () => {
  it('print', () => {
    console.log(findings.map((f) => `${f.severity} ${f.kind} ${f.nodeIds.join(',')}\n   ${f.explanation}\n   ${f.explanationZh}`).join('\n'));
  });
  it('include an unauthorised or parent-only action for the June red codes, with evidence', () => {
    const june = findings.filter((f) => ['UNAUTHORIZED_ACTION', 'AUTHORITY_VIA_PARENT_ONLY'].includes(f.kind) && f.nodeIds.includes('action-2022-06-red-codes'));
    expect(june.length).toBeGreaterThan(0);
    expect(june.every(withEvidence)).toBe(true);
    expect(june.map((f) => f.nodeIds).flat()).toEqual(expect.arrayContaining(['feng-xianbin', 'zz-social-control-division']));
  });
  it('include PROHIBITED_ACTION for using the code outside epidemic control', () => {
    const prohibited = findings.filter((f) => f.kind === 'PROHIBITED_ACTION');
    expect(prohibited.map((f) => f.nodeIds).flat()).toEqual(expect.arrayContaining(['action-2022-06-red-codes', 'g-national-prohibit-beyond-epidemic']));
    expect(prohibited.every(withEvidence)).toBe(true);
  });
  it('include UNATTRIBUTED_ACTION for the 7 July codes', () => {
    const july = findings.filter((f) => f.kind === 'UNATTRIBUTED_ACTION' && f.nodeIds.includes('action-2022-07-red-codes'));
    expect(july.length).toBe(1);
    expect(july.every(withEvidence)).toBe(true);
  });
  it('include a disclaimed authority or conflicting attribution', () => {
    const said = findings.filter((f) => f.kind === 'DISCLAIMED_AUTHORITY' || f.kind === 'CONFLICTING_ATTRIBUTION');
    expect(said.length).toBeGreaterThan(0);
    expect(said.every(withEvidence)).toBe(true);
  });
  it('include a referral loop or dead end', () => {
    const referrals = findings.filter((f) => f.kind === 'REFERRAL_LOOP' || f.kind === 'DEAD_END');
    expect(referrals.length).toBeGreaterThan(0);
    expect(referrals.every(withEvidence)).toBe(true);
  });
  it('give every finding evidence, both languages and a stable id', () => {
    for (const f of findings) {
      expect(f.evidence.length).toBeGreaterThan(0);
      expect(f.explanation.length).toBeGreaterThan(20);
      expect(f.explanationZh.length).toBeGreaterThan(10);
      expect(f.id.startsWith(`${f.kind}:`)).toBe(true);
    }
  });
  it('count the statements about assigning codes per stance', async () => {
    const answer = await accountability(db, { case: CASE, power: 'health-code.assign' });
    expect(answer.stances.map((s) => s.stance)).toEqual(['CLAIMS_SELF', 'DENIES_SELF', 'ATTRIBUTES', 'REFERS', 'UNKNOWN', 'UNREACHABLE']);
    const total = answer.stances.reduce((n, s) => n + s.count, 0);
    expect(total).toBeGreaterThan(5);
    for (const s of answer.stances) {
      expect(s.statements.length).toBe(s.count);
      expect(s.speakers.length).toBeLessThanOrEqual(s.count);
    }
    console.log(answer.stances.map((s) => `${s.stance} ${s.count} ${s.speakers.map((p) => p.nameZh).join('、')}`).join('\n'));
  });
  it('find the former big-data bureau by its Chinese name, with its successor', async () => {
    const answer = await search(db, { text: '河南省大数据管理局' });
    const bureau = answer.hits.find((h) => h.node.id === 'henan-big-data-bureau');
    expect(bureau?.successor?.id).toBe('henan-approval-info-bureau');
    expect(bureau?.successor?.nameZh).toBe('河南省行政审批和政务信息管理局');
  });
});
