// The Henan seed says no more than its sources (issue: dates at their precision, readings as
// data), on the real database through the real Apollo server: the answers this file's analyses
// own (timeline, whoDid, the statements of accountability) write month-only dates as months,
// and say in words, in both languages, where they rest on the editor's reading.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Database } from '../../server/neo4j/database.js';
import { closeTestDatabase } from '../support/neo4j.js';
import { describeSeed, loadSeedCase, SEED_CASE, SEED_FILE } from '../support/seed.js';
import { startTestServer, type TestServer } from '../support/server.js';

let db: Database;
let server: TestServer;
beforeAll(async () => {
  if (!existsSync(SEED_FILE)) return;
  db = await loadSeedCase();
  server = await startTestServer(db);
}, 180_000);
afterAll(async () => {
  await server?.close();
  await closeTestDatabase();
});

describeSeed('the Henan seed, dated as precisely as its sources', () => {
  it('the timeline says the rename happened in April 2022 and the Henan measures were issued in March 2020, not on the 1st', async () => {
    const body = await server.post(`query($case: ID!) { timeline(case: $case) { events { date kind title titleZh node { id } } } }`, {
      case: SEED_CASE,
    });
    expect(body.errors).toBeUndefined();
    const events = body.data!.timeline.events as { date: string; kind: string; title: string; titleZh: string; node: { id: string } }[];
    const find = (kind: string, id: string) => events.find((e) => e.kind === kind && e.node.id === id);
    expect(find('BODY_RENAMED', 'henan-big-data-bureau')?.date).toBe('2022-04');
    expect(find('INSTRUMENT_ISSUED', 'henan-health-code-measures-2020')?.date).toBe('2020-03');
    expect(find('INSTRUMENT_ISSUED', 'national-health-code-measures-2021')?.date).toBe('2021-01');
    // "印发" gives no date of effect: no separate coming-into-force event is invented.
    expect(find('INSTRUMENT_IN_FORCE', 'henan-health-code-measures-2020')).toBeUndefined();
    // A law is promulgated (公布), not issued (印发).
    expect(find('INSTRUMENT_ISSUED', 'pipl-2021')?.titleZh).toBe('公布：《中华人民共和国个人信息保护法》');
    const text = JSON.stringify(body.data);
    for (const invented of ['2022-04-01', '2022-03-31', '2020-03-01', '2021-01-01', '2020-08-01']) expect(text).not.toContain(invented);
  });

  it("whoDid says the purpose of the June red codes is the editor's reading, in both languages, and never shows its slug", async () => {
    const body = await server.post(`{ whoDid(power: "health-code.assign", place: "cn-henan-zhengzhou", from: "2022-06-01", to: "2022-06-30") {
      actions { id startedAt basis basisNote basisNoteZh purposeLabel purposeLabelZh actors { who { id } basis } } } }`);
    expect(body.errors).toBeUndefined();
    const action = (body.data!.whoDid.actions as Record<string, any>[]).find((a) => a.id === 'action-2022-06-red-codes')!;
    expect(action.startedAt).toBe('2022-06-11');
    expect(action.basis).toBe('EDITOR_READING');
    expect(action.basisNote).toBe("The purpose recorded for this action is the editor's reading of the sources, not their words.");
    expect(action.basisNoteZh).toBe('此行动所记录的用途是编辑对来源的解读，并非来源原话。');
    expect(action.purposeLabel).not.toContain('stop-depositors-rights-defence');
    expect(action.purposeLabelZh).not.toContain('stop-depositors-rights-defence');
    // The deciders are named by the discipline commission: stated, not read.
    expect(action.actors.map((a: { basis: string }) => a.basis)).toEqual(['STATED', 'STATED']);
  });

  it('statements say which HQ a hotline meant is a reading, and a cause is not an attribution', async () => {
    const body = await server.post(`{ accountability(case: "${SEED_CASE}", power: "health-code.assign") {
      stances { stance statements { id saidOn basis basisNote basisNoteZh names { id } } } } }`);
    expect(body.errors).toBeUndefined();
    const statements = (body.data!.accountability.stances as { stance: string; statements: Record<string, any>[] }[]).flatMap((s) =>
      s.statements.map((st): Record<string, any> => ({ ...st, stance: s.stance })),
    );
    const hotline = statements.find((s) => s.id === 'st-yc-zz-12345-attributes-hq')!;
    expect(hotline).toMatchObject({ stance: 'ATTRIBUTES', basis: 'EDITOR_READING', saidOn: '2022-06-15' });
    expect(hotline.basisNote).toBe(
      "That the words mean Zhengzhou COVID-19 Epidemic Prevention and Control HQ is the editor's reading of the sources, not their words.",
    );
    expect(hotline.basisNoteZh).toContain('编辑对来源的解读');
    const cause = statements.find((s) => s.id === 'st-jm-henan-hc-attributes-system')!;
    expect(cause).toMatchObject({ stance: 'EXPLAINS_CAUSE', names: [], basis: 'STATED', basisNote: null });
    expect(statements.find((s) => s.id === 'st-tm-scholar-no-authority')).toMatchObject({ stance: 'ACCUSES', basis: 'EDITOR_READING' });
  });
});
