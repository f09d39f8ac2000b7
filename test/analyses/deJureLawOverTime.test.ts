// Law that changes law, on the real Neo4j: the shared "in force at D" rule (inForce.ts) as
// whoCan and explain apply it — repeal, amendment, suspension, added conditions, holdings of
// invalidity in both readings, recorded outcomes, thresholds, persons, agents, imprecise
// dates and succession. One rule per test, on the fixture bundle or a tiny hand-built case.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Database } from '../../server/neo4j/database.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { whoCan } from '../../server/analyses/whoCan.js';
import { explain } from '../../server/analyses/explain.js';
import { compare } from '../../server/analyses/compare.js';
import { gaps } from '../../server/analyses/gaps.js';
import { bodyState, notOver, started } from '../../server/analyses/inForce.js';
import { caseGraph } from '../../server/analyses/graph.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
});
afterAll(closeTestDatabase);
beforeEach(async () => {
  await clearDatabase(db);
});

const FIXTURE = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'bundles', 'valid-law-over-time.yaml');

async function loadBundle(bundle: Record<string, unknown>) {
  const result = await importBundle(db, bundle);
  expect(result.problems).toEqual([]);
  expect(result.ok).toBe(true);
}
const loadFixture = () => loadBundle(YAML.parse(fs.readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>);

const Q = [{ source: 'src-k', quote: 'as the record says', locator: 'p1' }];

/** A tiny English-only case: a council's power, a statute that conditions it, a court that voids a provision, an acting mayor, a contractor. */
function tinyCase(
  extra: { provisions?: Record<string, unknown>[]; instruments?: Record<string, unknown>[]; actions?: Record<string, unknown>[] } = {},
) {
  return {
    format: 'quanze-bundle/1',
    case: { id: 'test-tiny', title: 'A tiny town', languages: ['en'] },
    sources: [{ id: 'src-k', title: 'Town record', outlet: 'Town Gazette', publishedAt: '2020-01-01', kind: 'GAZETTE', language: 'en' }],
    places: [{ id: 't-town', name: 'Town', level: 'MUNICIPALITY' }],
    powers: [{ id: 't-levy', name: 'Levy a fee' }],
    bodies: [
      { id: 't-council', name: 'Town council', kind: 'LOCAL_GOVERNMENT', level: 'LOCAL', jurisdiction: 't-town', evidence: Q },
      { id: 't-mayor', name: 'Mayor', kind: 'OFFICE', level: 'LOCAL', jurisdiction: 't-town', partOf: 't-council', evidence: Q },
      { id: 't-court', name: 'Town court', kind: 'COURT', level: 'LOCAL', jurisdiction: 't-town', evidence: Q },
      { id: 't-board', name: 'Finance board', kind: 'AGENCY', level: 'LOCAL', jurisdiction: 't-town', evidence: Q },
      {
        id: 't-collector',
        name: 'Fee Collectors Ltd',
        kind: 'COMPANY',
        level: 'NONE',
        evidence: Q,
        actsFor: [{ id: 't-mayor', from: '2020-01-01', basis: 'EDITOR_READING', evidence: [{ source: 'src-k', quote: 'collects for the mayor' }] }],
      },
    ],
    persons: [
      {
        id: 't-ann',
        name: 'Ann Smith',
        evidence: Q,
        positions: [
          {
            id: 't-mayor',
            title: 'Mayor',
            capacity: 'ACTING',
            from: '2020-03-01',
            to: '2020-12-31',
            evidence: [{ source: 'src-k', quote: 'acting mayor' }],
          },
        ],
      },
    ],
    instruments: [
      { id: 't-charter', title: 'Town charter', docType: 'STATUTE', effectiveFrom: '2000-01-01', issuedBy: ['t-council'], evidence: Q },
      { id: 't-fees-act', title: 'Fees Act', docType: 'STATUTE', effectiveFrom: '2020-06-01', issuedBy: ['t-council'], evidence: Q },
      {
        id: 't-judgment',
        title: 'Smith v Town',
        docType: 'JUDGMENT',
        issuedOn: '2020-09-15',
        issuedBy: ['t-court'],
        evidence: Q,
        holdsInvalid: [
          { id: 't-charter.s2', from: '2020-09-15', retroactive: true, evidence: [{ source: 'src-k', quote: 'void ab initio' }] },
          { id: 't-charter.s3', from: '2020-09-15', retroactive: false, evidence: [{ source: 'src-k', quote: 'invalid from today' }] },
        ],
      },
      ...(extra.instruments ?? []),
    ],
    provisions: [
      { id: 't-charter.s1', ref: 's. 1', text: 'The mayor may levy fees.', partOf: 't-charter', evidence: Q },
      { id: 't-charter.s2', ref: 's. 2', text: 'The council may levy fees.', partOf: 't-charter', evidence: Q },
      { id: 't-charter.s3', ref: 's. 3', text: 'The court may levy fees.', partOf: 't-charter', evidence: Q },
      {
        id: 't-fees-act.s1',
        ref: 's. 1',
        text: "No fee without the finance board's consent.",
        partOf: 't-fees-act',
        evidence: Q,
        restricts: [
          {
            id: 't-grant-mayor',
            effect: 'CONDITIONS',
            conditions: [{ id: 't-board-consent', kind: 'CONSENT', body: 't-board', description: 'with the consent of the finance board' }],
            evidence: [{ source: 'src-k', quote: 'no fee without consent' }],
          },
        ],
      },
      ...(extra.provisions ?? []),
    ],
    grants: [
      { id: 't-grant-mayor', modality: 'POWER', conferredBy: 't-charter.s1', power: 't-levy', to: ['t-mayor'], within: 't-town', evidence: Q },
      { id: 't-grant-council', modality: 'POWER', conferredBy: 't-charter.s2', power: 't-levy', to: ['t-council'], within: 't-town', evidence: Q },
      { id: 't-grant-court', modality: 'POWER', conferredBy: 't-charter.s3', power: 't-levy', to: ['t-court'], within: 't-town', evidence: Q },
    ],
    actions: extra.actions ?? [],
  };
}

const refusedFee = {
  id: 't-fee-2020',
  summary: 'A fee levied.',
  startedAt: '2020-07-01',
  exercised: ['t-levy'],
  in: 't-town',
  evidence: Q,
  performedBy: [{ id: 't-mayor', role: 'DECIDED', evidence: Q }],
  conditionsMet: [
    {
      condition: 't-board-consent',
      met: false,
      note: 'The board refused its consent.',
      evidence: [{ source: 'src-k', quote: 'The board refuses its consent' }],
    },
  ],
};

describe('the in-force rule', () => {
  it('compares with an imprecise date three ways: certain, uncertain, certainly not', () => {
    expect(started('2022-04-01', '2022-04-30', '2022-05-01')).toBe(2);
    expect(started('2022-04-01', '2022-04-30', '2022-04-15')).toBe(1);
    expect(started('2022-04-01', '2022-04-30', '2022-03-31')).toBe(0);
    expect(notOver('2022-04-01', '2022-04-30', '2022-04-01')).toBe(2);
    expect(notOver('2022-04-01', '2022-04-30', '2022-04-20')).toBe(1);
    expect(notOver('2022-04-01', '2022-04-30', '2022-05-01')).toBe(0);
    expect(bodyState({ id: 'b', successions: [{ on: '2022-04-01', onLast: '2022-04-30' }] }, '2022-04-10')).toBe(1);
  });
});

describe('law that changes law (fixture)', () => {
  beforeEach(loadFixture);

  it('SUSPENDS: a statute suspends a prerogative while in force, and its repeal lifts the suspension; the chain shows the restricting step', async () => {
    const during = await whoCan(db, { power: 'lot-dissolve', at: '2019-09-10' });
    expect(during.holders.map((h) => h.body.id)).not.toContain('lot-monarch');
    const why = await explain(db, { body: 'lot-monarch', power: 'lot-dissolve', at: '2019-09-10' });
    expect(why).toMatchObject({ verdict: 'DOES_NOT_HOLD', missingLink: { kind: 'SUSPENDED' } });
    const restriction = why.chain.find((s) => s.kind === 'RESTRICTION')!;
    expect(restriction.node.id).toBe('lot-fixed-terms-act.s3');
    expect(restriction.evidence.map((e) => e.quote)).toContain('cannot otherwise be dissolved');
    expect(why.missingLink!.explanation).toContain('is suspended by');
    const after = await whoCan(db, { power: 'lot-dissolve', at: '2023-01-10' });
    expect(after.holders.map((h) => h.body.id)).toContain('lot-monarch');
  });

  it("AMENDS and REPEALS: the amended provision's grant ends on the amendment's day, with the amending step", async () => {
    const before = await explain(db, { body: 'lot-commons', power: 'lot-dissolve', at: '2019-09-10' });
    expect(before.verdict).toBe('CONDITIONAL');
    const after = await explain(db, { body: 'lot-commons', power: 'lot-dissolve', at: '2023-01-10' });
    expect(after.verdict).toBe('DOES_NOT_HOLD');
    expect(['AMENDED', 'REPEALED']).toContain(after.missingLink!.kind);
    expect(after.chain.some((s) => s.kind === 'AMENDMENT' || s.kind === 'REPEAL')).toBe(true);
  });

  it('a threshold is judged against the context, and a recorded outcome (a vote short of it) decides it', async () => {
    const short = await explain(db, { body: 'lot-commons', power: 'lot-dissolve', at: '2019-09-04', context: { votesFor: 298 } });
    expect(short).toMatchObject({ verdict: 'DOES_NOT_HOLD', missingLink: { kind: 'CONDITION_UNMET' } });
    expect((await explain(db, { body: 'lot-commons', power: 'lot-dissolve', at: '2019-09-04', context: { votesFor: 450 } })).verdict).toBe('HOLDS');
    const recorded = await explain(db, {
      body: 'lot-commons',
      power: 'lot-dissolve',
      at: '2019-09-04',
      context: { action: 'lot-early-election-motion' },
    });
    expect(recorded).toMatchObject({ verdict: 'DOES_NOT_HOLD', missingLink: { kind: 'CONDITION_UNMET' } });
    expect(recorded.missingLink!.explanation).toContain('298 votes for.');
    expect(recorded.conditions).toEqual([expect.objectContaining({ id: 'lot-two-thirds', status: 'NOT_MET', outcomeNote: '298 votes for.' })]);
  });

  it('ACTS_FOR: the council acting for the Crown holds what the Crown holds, said in the chain with its quote', async () => {
    const answer = await explain(db, { body: 'lot-council', power: 'lot-prorogue', at: '2019-09-10', context: { action: 'lot-prorogation' } });
    expect(answer).toMatchObject({ verdict: 'HOLDS', via: 'ACTING_FOR' });
    expect(answer.chain[0]).toMatchObject({ kind: 'ACTS_FOR', node: { id: 'lot-council' } });
    expect(answer.chain[0].evidence.map((e) => e.quote)).toContain('in Council');
    expect(answer.chain[0].text).toContain('acts for The Crown');
  });

  it("basis: a grant that is an editor's reading says so, in both languages, in the sentence that makes the claim", async () => {
    const answer = await whoCan(db, { power: 'lot-prorogue', at: '2019-09-10' });
    const crown = answer.holders.find((h) => h.body.id === 'lot-monarch')!;
    expect(crown.basis).toBe('EDITOR_READING');
    expect(crown.note).toContain('as an editor reads the sources');
    expect(crown.noteZh).toContain('据编者对来源的解读');
    expect(crown.chain.find((s) => s.kind === 'GRANT')!.basis).toBe('EDITOR_READING');
    const why = await explain(db, { body: 'lot-monarch', power: 'lot-prorogue', at: '2019-09-10' });
    expect(why.basis).toBe('EDITOR_READING');
    expect(why.reason).toContain('as an editor reads the sources');
  });

  it('the graph greys out by the same rule: a repealed statute and the grants read from it', async () => {
    const inactive = async (at: string) => {
      const drawing = await caseGraph(db, { case: 'test-law-over-time', at });
      return Object.fromEntries(
        drawing.nodes
          .filter((n) => ['lot-fixed-terms-act', 'lot-grant-early-election', 'lot-grant-dissolve'].includes(n.id))
          .map((n) => [n.id, n.inactive]),
      );
    };
    expect(await inactive('2019-09-10')).toEqual({ 'lot-fixed-terms-act': false, 'lot-grant-early-election': false, 'lot-grant-dissolve': true });
    expect(await inactive('2023-01-10')).toEqual({ 'lot-fixed-terms-act': true, 'lot-grant-early-election': true, 'lot-grant-dissolve': false });
  });

  it('a person answers through the body of the position held that day', async () => {
    const answer = await explain(db, { body: 'lot-sovereign', power: 'lot-prorogue', at: '2019-09-10', context: { met: { 'lot-advice': true } } });
    expect(answer).toMatchObject({ verdict: 'HOLDS', body: { id: 'lot-sovereign', label: 'Person' }, through: { id: 'lot-monarch' } });
    expect(answer.chain[0]).toMatchObject({ kind: 'POSITION', node: { id: 'lot-monarch' } });
    const later = await explain(db, { body: 'lot-sovereign', power: 'lot-prorogue', at: '2023-01-01' });
    expect(later).toMatchObject({ verdict: 'DOES_NOT_HOLD', missingLink: { kind: 'NO_POSITION' } });
  });
});

describe('law that changes law (a tiny case)', () => {
  it('HOLDS_INVALID, void from the start: holds as it stood before the judgment, not as later held; after it, in neither', async () => {
    await loadBundle(tinyCase());
    const before = { body: 't-council', power: 't-levy', at: '2020-08-01' } as const;
    expect((await explain(db, before)).verdict).toBe('HOLDS');
    const later = await explain(db, { ...before, reading: 'AS_LATER_HELD' });
    expect(later).toMatchObject({ verdict: 'DOES_NOT_HOLD', reading: 'AS_LATER_HELD', missingLink: { kind: 'HELD_INVALID' } });
    expect(later.missingLink!.explanation).toContain('void from the start');
    const holding = later.chain.find((s) => s.kind === 'HOLDING')!;
    expect(holding.node.id).toBe('t-judgment');
    expect(holding.evidence.map((e) => e.quote)).toContain('void ab initio');
    for (const reading of ['AS_IT_STOOD', 'AS_LATER_HELD'] as const) {
      expect((await explain(db, { body: 't-council', power: 't-levy', at: '2020-10-01', reading })).missingLink?.kind).toBe('HELD_INVALID');
    }
  });

  it('HOLDS_INVALID, not retroactive: before the judgment it holds in both readings', async () => {
    await loadBundle(tinyCase());
    for (const reading of ['AS_IT_STOOD', 'AS_LATER_HELD'] as const) {
      expect((await explain(db, { body: 't-court', power: 't-levy', at: '2020-08-01', reading })).verdict).toBe('HOLDS');
      expect((await explain(db, { body: 't-court', power: 't-levy', at: '2020-10-01', reading })).verdict).toBe('DOES_NOT_HOLD');
    }
    const whoLater = await whoCan(db, { power: 't-levy', at: '2020-08-01', reading: 'AS_LATER_HELD' });
    expect(whoLater.holders.map((h) => h.body.id)).not.toContain('t-council');
    expect(whoLater.holders.map((h) => h.body.id)).toContain('t-court');
  });

  it('CONDITIONS: a statute adds a consent to a grant while in force; the condition carries its id and comes from the restriction', async () => {
    await loadBundle(tinyCase());
    const before = await whoCan(db, { power: 't-levy', at: '2020-05-01' });
    expect(before.holders.find((h) => h.body.id === 't-mayor')!.conditions).toEqual([]);
    const after = await whoCan(db, { power: 't-levy', at: '2020-07-01' });
    const mayor = after.holders.find((h) => h.body.id === 't-mayor')!;
    expect(mayor.conditions).toEqual([
      expect.objectContaining({
        id: 't-board-consent',
        from: 'RESTRICTION',
        kind: 'CONSENT',
        status: 'UNKNOWN',
        body: expect.objectContaining({ id: 't-board' }),
      }),
    ]);
    const restriction = mayor.chain.find((s) => s.kind === 'RESTRICTION')!;
    expect(restriction.node.id).toBe('t-fees-act.s1');
    expect(restriction.evidence.map((e) => e.quote)).toContain('no fee without consent');
    expect((await explain(db, { body: 't-mayor', power: 't-levy', at: '2020-07-01' })).verdict).toBe('CONDITIONAL');
    expect((await explain(db, { body: 't-mayor', power: 't-levy', at: '2020-07-01', context: { met: { 't-board-consent': true } } })).verdict).toBe(
      'HOLDS',
    );
  });

  it("consent refused (a recorded met: false) → DOES_NOT_HOLD naming the unmet condition and quoting the outcome's evidence", async () => {
    await loadBundle(tinyCase({ actions: [refusedFee] }));
    const answer = await explain(db, { body: 't-mayor', power: 't-levy', at: '2020-07-01', context: { action: 't-fee-2020' } });
    expect(answer).toMatchObject({ verdict: 'DOES_NOT_HOLD', missingLink: { kind: 'CONDITION_UNMET' } });
    expect(answer.missingLink!.explanation).toContain('with the consent of the finance board');
    expect(answer.missingLink!.explanation).toContain('The board refused its consent.');
    expect(answer.missingLink!.explanation).toContain('The board refuses its consent');
    const condition = answer.conditions.find((c) => c.id === 't-board-consent')!;
    expect(condition.evidence.map((e) => e.quote)).toEqual(['The board refuses its consent']);
    // The same answer from whoCan: the mayor is excluded by the recorded outcome.
    const who = await whoCan(db, { power: 't-levy', at: '2020-07-01', context: { action: 't-fee-2020' } });
    expect(who.excludedByContext.map((h) => h.body.id)).toContain('t-mayor');
  });

  it('a person in an acting position answers through that body, saying so; a contractor acting for it is judged through it', async () => {
    await loadBundle(tinyCase());
    const ann = await explain(db, { body: 't-ann', power: 't-levy', at: '2020-05-01' });
    expect(ann).toMatchObject({ verdict: 'HOLDS', through: { id: 't-mayor' } });
    expect(ann.chain[0]).toMatchObject({ kind: 'POSITION' });
    expect(ann.chain[0].text).toContain('(acting)');
    expect(ann.reason).toContain('As Mayor (acting), Ann Smith answers through that body');
    expect(ann.chain[0].evidence.map((e) => e.quote)).toContain('acting mayor');
    const collector = await explain(db, { body: 't-collector', power: 't-levy', at: '2020-05-01' });
    expect(collector).toMatchObject({ verdict: 'HOLDS', via: 'ACTING_FOR', basis: 'EDITOR_READING' });
    expect(collector.reason).toContain('as an editor reads the sources');
    expect(collector.chain[0].evidence.map((e) => e.quote)).toContain('collects for the mayor');
  });

  it('whoCan and compare take a person as the holder, answered through the position held that day (an acting one included)', async () => {
    await loadBundle(tinyCase());
    const ann = await whoCan(db, { power: 't-levy', at: '2020-05-01', holder: 't-ann' });
    expect(ann.holder).toMatchObject({ id: 't-ann', label: 'Person' });
    expect(ann.holderBodies.map((b) => b.id)).toEqual(['t-mayor']);
    // Only the mayor's holding: the council's and the court's are not hers.
    expect(ann.holders.map((h) => [h.body.id, h.through?.id, h.grantId])).toEqual([['t-ann', 't-mayor', 't-grant-mayor']]);
    expect(ann.holders[0].chain[0]).toMatchObject({ kind: 'POSITION', node: { id: 't-mayor' } });
    expect(ann.holders[0].chain[0].text).toContain('(acting)');
    expect(ann.holders[0].chain[0].evidence.map((e) => e.quote)).toContain('acting mayor');
    expect(ann.holders[0].note).toMatch(/^As Mayor \(acting\): /);
    // After the Fees Act her office holds it only with the board's consent; a refusal rules her out as it rules out the office.
    const refused = await whoCan(db, { power: 't-levy', at: '2020-07-01', holder: 't-ann', context: { met: { 't-board-consent': false } } });
    expect(refused.holders).toEqual([]);
    expect(refused.excludedByContext.map((h) => [h.body.id, h.through?.id])).toEqual([['t-ann', 't-mayor']]);
    // Before she took office, and after she left it, she answers through nothing.
    for (const at of ['2020-02-28', '2021-01-01']) {
      const out = await whoCan(db, { power: 't-levy', at, holder: 't-ann' });
      expect([out.holders, out.holderBodies]).toEqual([[], []]);
    }
    // A body as the holder keeps that body's holdings only.
    const council = await whoCan(db, { power: 't-levy', at: '2020-05-01', holder: 't-council' });
    expect(council.holders.map((h) => h.body.id)).toEqual(['t-council']);
    expect(council.holders[0].through ?? null).toBeNull();
    const side = await compare(db, { power: 't-levy', places: ['t-town'], at: '2020-05-01', holder: 't-ann' });
    expect(side.rows[0].holders.map((h) => [h.body.id, h.through?.id])).toEqual([['t-ann', 't-mayor']]);
    await expect(whoCan(db, { power: 't-levy', at: '2020-05-01', holder: 't-town' })).rejects.toThrow('No Body with id "t-town"');
  });

  it('gaps by reading: an act resting on a provision later held void from the start is unauthorised only as later held', async () => {
    const council = {
      id: 't-fee-council',
      summary: 'The council levied a fee.',
      startedAt: '2020-07-01',
      exercised: ['t-levy'],
      in: 't-town',
      evidence: Q,
      performedBy: [{ id: 't-council', role: 'DECIDED', evidence: Q }],
    };
    const annulled = {
      ...council,
      id: 't-fee-annulled',
      summary: 'The mayor levied a fee the court later annulled.',
      performedBy: [{ id: 't-mayor', role: 'DECIDED', evidence: Q }],
      conditionsMet: [{ condition: 't-board-consent', met: true, evidence: Q }],
    };
    const judgment = {
      id: 't-annulment',
      title: 'Town v Mayor',
      docType: 'JUDGMENT',
      issuedOn: '2020-10-01',
      issuedBy: ['t-court'],
      evidence: Q,
      holdsInvalid: [{ id: 't-fee-annulled', from: '2020-10-01', retroactive: true, evidence: [{ source: 'src-k', quote: 'the fee is annulled' }] }],
    };
    await loadBundle(tinyCase({ actions: [council, annulled], instruments: [judgment] }));
    const kinds = async (reading: 'AS_IT_STOOD' | 'AS_LATER_HELD', at: string | null = null) => {
      const answer = await gaps(db, { case: 'test-tiny', at, reading });
      expect(answer.reading).toBe(reading);
      // The findings about the two fees (a body that held the power and did not use it is another matter).
      return answer.findings.flatMap((f) => f.nodeIds.filter((id) => id.startsWith('t-fee-')).map((id) => `${f.kind} ${id}`)).sort();
    };
    // As it stood on 1 July 2020 the council held the power (s. 2, held void only on 15 September).
    expect(await kinds('AS_IT_STOOD')).toEqual(['HELD_UNLAWFUL t-fee-annulled']);
    // As later held, s. 2 was void from the start: the council held no grant for its fee.
    expect(await kinds('AS_LATER_HELD')).toEqual(['HELD_UNLAWFUL t-fee-annulled', 'UNAUTHORIZED_ACTION t-fee-council']);
    // Asked as of a day before the annulment: as it stood it had not been made; as later held it counts.
    expect(await kinds('AS_IT_STOOD', '2020-09-01')).toEqual([]);
    expect(await kinds('AS_LATER_HELD', '2020-09-01')).toEqual(['HELD_UNLAWFUL t-fee-annulled', 'UNAUTHORIZED_ACTION t-fee-council']);
  });

  it('an imprecise date that straddles the day asked is reported as uncertain, not decided; outside it, it decides', async () => {
    await loadBundle(tinyCase());
    // The Fees Act took effect "in June 2020" (stored as its interval, per the date-precision contract).
    await db.write((tx) =>
      tx.run("MATCH (i:Instrument {id: 't-fees-act'}) SET i.effectiveFromLast = date('2020-06-30'), i.effectiveFromPrecision = 'MONTH'"),
    );
    // The council's grant took effect "in 2000".
    const mid = await explain(db, { body: 't-mayor', power: 't-levy', at: '2020-06-15', context: { met: { 't-board-consent': false } } });
    expect(mid.verdict).toBe('UNKNOWN');
    expect(mid).toMatchObject({ dateUncertain: true, missingLink: { kind: 'DATE_UNCERTAIN' } });
    expect(mid.uncertainty).toContain('in June 2020');
    expect(mid.uncertaintyZh).toContain('2020年6月');
    expect((await explain(db, { body: 't-mayor', power: 't-levy', at: '2020-07-01', context: { met: { 't-board-consent': false } } })).verdict).toBe(
      'DOES_NOT_HOLD',
    );
    expect((await explain(db, { body: 't-mayor', power: 't-levy', at: '2020-05-20', context: { met: { 't-board-consent': false } } })).verdict).toBe(
      'HOLDS',
    );
  });
});

describe('succession in explain', () => {
  it('a body renamed in a month answers "renamed in April 2022 to …, which holds …", and is uncertain inside that month', async () => {
    await loadBundle({
      format: 'quanze-bundle/1',
      case: { id: 'test-rename', title: 'A rename' },
      sources: [{ id: 'src-k', title: 'Record', outlet: 'Gazette', publishedAt: '2022-07-01', kind: 'NEWS', language: 'en' }],
      places: [{ id: 'r-prov', name: 'Province', level: 'PROVINCE' }],
      powers: [{ id: 'r-convert', name: 'Convert codes' }],
      bodies: [
        {
          id: 'r-old',
          name: 'Big Data Bureau',
          kind: 'AGENCY',
          level: 'PROVINCIAL',
          jurisdiction: 'r-prov',
          evidence: Q,
          succeededBy: { id: 'r-new', on: '2022-04-01', how: 'RENAMED', evidence: [{ source: 'src-k', quote: 'renamed this April' }] },
        },
        { id: 'r-new', name: 'Approval Bureau', kind: 'AGENCY', level: 'PROVINCIAL', jurisdiction: 'r-prov', evidence: Q },
      ],
      instruments: [{ id: 'r-rule', title: 'Rules', docType: 'REGULATION', effectiveFrom: '2020-01-01', issuedBy: ['r-old'], evidence: Q }],
      provisions: [{ id: 'r-rule.a1', ref: 'Art. 1', text: 'The bureau converts codes.', partOf: 'r-rule', evidence: Q }],
      grants: [{ id: 'r-grant', modality: 'POWER', conferredBy: 'r-rule.a1', power: 'r-convert', to: ['r-old'], within: 'r-prov', evidence: Q }],
    });
    await db.write((tx) => tx.run("MATCH (:Body {id: 'r-old'})-[s:SUCCEEDED_BY]->() SET s.onLast = date('2022-04-30'), s.onPrecision = 'MONTH'"));
    const june = await explain(db, { body: 'r-old', power: 'r-convert', at: '2022-06-13' });
    expect(june).toMatchObject({ verdict: 'HOLDS', through: { id: 'r-new' } });
    expect(june.reason).toMatch(/^Big Data Bureau was renamed Approval Bureau in April 2022, which holds Convert codes on 13 June 2022: /);
    expect(june.reasonZh).toContain('2022年4月');
    expect(june.chain[0]).toMatchObject({ kind: 'SUCCESSION' });
    expect(june.chain[0].evidence.map((e) => e.quote)).toContain('renamed this April');
    const april = await explain(db, { body: 'r-new', power: 'r-convert', at: '2022-04-15' });
    expect(april).toMatchObject({ verdict: 'UNKNOWN', dateUncertain: true, missingLink: { kind: 'DATE_UNCERTAIN' } });
    expect(april.uncertainty).toContain('in April 2022');
  });
});
