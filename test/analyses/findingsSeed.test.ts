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
import { timeline } from '../../server/analyses/timeline.js';
import { caseGraph, neighborhood } from '../../server/analyses/graph.js';
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
  const result = await importBundle(db, await readBundleFile(SEED), { findings: 'later' });
  expect(result.problems).toEqual([]);
}, 600_000);
afterAll(closeTestDatabase);

const withEvidence = (f: Finding) => f.evidence.some((e) => (e.quote || e.quoteEn) && e.source.id && !e.unsourced);

describeSeed('findings of the Henan red-code case', () => {
  it('are computed, most severe first', async () => {
    const answer = await gaps(db, { case: CASE });
    findings = answer.findings;
    expect(answer.incomplete).toBe(false);
    expect(findings[0]?.severity).toBe('HIGH');
  });
  it('include an unauthorised or parent-only action for the June red codes, with evidence', () => {
    const june = findings.filter(
      (f) => ['UNAUTHORIZED_ACTION', 'AUTHORITY_VIA_PARENT_ONLY'].includes(f.kind) && f.nodeIds.includes('action-2022-06-red-codes'),
    );
    expect(june.length).toBeGreaterThan(0);
    expect(june.every(withEvidence)).toBe(true);
    expect(june.map((f) => f.nodeIds).flat()).toEqual(expect.arrayContaining(['feng-xianbin', 'zz-social-control-division']));
  });
  it('include PROHIBITED_ACTION for using the code outside epidemic control', () => {
    const prohibited = findings.filter((f) => f.kind === 'PROHIBITED_ACTION');
    expect(prohibited.map((f) => f.nodeIds).flat()).toEqual(
      expect.arrayContaining(['action-2022-06-red-codes', 'g-national-prohibit-assign-beyond-epidemic']),
    );
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
  it('read like a summary: no two findings share a title, and there are no more than 20', () => {
    expect(findings.length).toBeLessThanOrEqual(20);
    expect(new Set(findings.map((f) => f.title)).size).toBe(findings.length);
    expect(new Set(findings.map((f) => f.titleZh)).size).toBe(findings.length);
  });
  it('put the June red codes first: the most people affected, named in the title', () => {
    expect(findings[0].nodeIds).toContain('action-2022-06-red-codes');
    expect(findings[0].title).toBe(
      'Assign a health code (1,317 depositors, June 2022): a purpose forbidden by the Interim Measures for the Management and Service of Health Codes for COVID-19 Prevention and Control',
    );
    expect(findings[0].titleZh).toBe('赋码（1317名储户，2022年6月）：用途违反《新冠肺炎疫情防控健康码管理与服务暂行办法》');
  });
  it('never call the interim measures a law', () => {
    for (const f of findings.filter((x) => x.kind === 'PROHIBITED_ACTION')) {
      expect(`${f.title} ${f.explanation}`).not.toMatch(/\blaw\b/i);
      expect(`${f.titleZh}${f.explanationZh}`).not.toMatch(/违法|依法/);
      expect(f.explanation).toContain('Under the measures');
    }
  });
  it('judge turning codes green by the prohibition of converting them, not of assigning them', () => {
    const green = findings.filter((f) => f.kind === 'PROHIBITED_ACTION' && f.nodeIds.includes('action-2022-06-green-on-leaving'));
    expect(green.map((f) => f.nodeIds.filter((id) => id.startsWith('g-')))).toEqual([['g-national-prohibit-convert-beyond-epidemic']]);
    expect(green[0].explanation).toContain('"Convert a health code (转码)" is forbidden');
  });
  it('judge the contractor of the 13 June upgrade through the bureau it acts for', () => {
    const upgrade = findings.filter(
      (f) =>
        ['UNAUTHORIZED_ACTION', 'AUTHORITY_VIA_PARENT_ONLY', 'CONDITION_NOT_MET'].includes(f.kind) &&
        f.nodeIds.includes('action-2022-06-13-platform-upgrade'),
    );
    for (const f of upgrade) {
      expect(f.nodeIds).toContain('henan-approval-info-bureau');
      expect(f.title).not.toMatch(/Zhengshu Network Technology Co\., Ltd\., who held no grant/);
      expect(f.severity).not.toBe('HIGH');
    }
  });
  it('name those who acted in a dormant finding by their actual part, persons as persons', () => {
    for (const f of findings.filter((x) => x.kind === 'DORMANT_POWER')) {
      expect(f.explanationZh).not.toMatch(/共青团郑州市委员会决定|政法委员会决定|河南银保监局行使|相关警方行使/);
      expect(f.explanation).not.toContain('exercised');
    }
  });
  it('follow the rename of the big-data bureau and the date order of calls in referral trails', () => {
    const ends = findings.filter((f) => f.kind === 'DEAD_END');
    expect(ends.filter((f) => f.title.includes('Henan Big Data'))).toEqual([]);
    expect(ends.filter((f) => f.nodeIds.includes('st-fm-henan-discipline-refers-hc') && f.nodeIds.includes('st-yc-henan-hc-refers-office'))).toEqual(
      [],
    );
  });
  it('give every finding a basis, said in words', () => {
    for (const f of findings) {
      expect(['STATED', 'EDITOR_READING', 'INFERRED']).toContain(f.basis);
      expect(f.explanationZh).toMatch(/来源明言|编者对来源的解读|分析根据来源/);
    }
  });
  it('report the two deciders of the June codes in one finding', () => {
    const june = findings.filter(
      (f) => ['UNAUTHORIZED_ACTION', 'AUTHORITY_VIA_PARENT_ONLY'].includes(f.kind) && f.nodeIds.includes('action-2022-06-red-codes'),
    );
    expect(june.length).toBe(1);
    expect(june[0].nodeIds).toEqual(expect.arrayContaining(['feng-xianbin', 'zhang-linlin']));
  });
  it('do not call handling complaints a prohibited use of the code', () => {
    expect(findings.filter((f) => f.kind === 'PROHIBITED_ACTION' && f.nodeIds.includes('action-2022-06-13-hc-complaints-forwarded'))).toEqual([]);
  });
  it('do not call the Zhengzhou HQ dormant: its division decided the June codes', () => {
    expect(findings.filter((f) => f.kind === 'DORMANT_POWER' && f.nodeIds.includes('zz-epidemic-hq'))).toEqual([]);
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
    expect(answer.stances.map((s) => s.stance)).toEqual([
      'CLAIMS_SELF',
      'DENIES_SELF',
      'ATTRIBUTES',
      'DENIES_OTHER',
      'REFERS',
      'FORWARDS',
      'ACCUSES',
      'EXPLAINS_CAUSE',
      'UNKNOWN',
      'UNREACHABLE',
    ]);
    const total = answer.stances.reduce((n, s) => n + s.count, 0);
    expect(total).toBeGreaterThan(5);
    for (const s of answer.stances) {
      expect(s.statements.length).toBe(s.count);
      expect(s.speakers.length).toBeLessThanOrEqual(s.count);
    }
  });
  it('find the former big-data bureau by its Chinese name, with its successor', async () => {
    const answer = await search(db, { text: '河南省大数据管理局' });
    const bureau = answer.hits.find((h) => h.node.id === 'henan-big-data-bureau');
    expect(bureau?.successor?.id).toBe('henan-approval-info-bureau');
    expect(bureau?.successor?.nameZh).toBe('河南省行政审批和政务信息管理局');
  });
  it('find the two officials by pinyin', async () => {
    expect((await search(db, { text: 'Feng Xianbin' })).hits[0]?.node.id).toBe('feng-xianbin');
    expect((await search(db, { text: 'zhanglinlin' })).hits[0]?.node.id).toBe('zhang-linlin');
  });
  it('draw the case and the neighbourhood of the division', async () => {
    const drawing = await caseGraph(db, { case: CASE, at: '2022-06-15' });
    expect(drawing.nodes.length).toBeGreaterThan(50);
    expect(drawing.nodes.find((n) => n.id === 'henan-big-data-bureau')?.inactive).toBe(true);
    expect(drawing.nodes.find((n) => n.id === 'henan-approval-info-bureau')?.inactive).toBe(false);
    const around = await neighborhood(db, { id: 'zz-social-control-division', depth: 2, at: '2022-06-15' });
    expect(around.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['feng-xianbin', 'zhang-linlin', 'zz-epidemic-hq']));
  });
  it('put the June codes before the July codes on the timeline', async () => {
    const events = (await timeline(db, { case: CASE })).events.map((e) => e.node.id);
    expect(events.indexOf('action-2022-06-red-codes')).toBeLessThan(events.indexOf('action-2022-07-red-codes'));
  });
});
