// The UK prorogation and dissolution case (seed/uk-prorogation-2019.yaml) on the real Neo4j:
// the answers the law gives, as it stood on each date and as later held. See docs/third-case.md
// for why each answer is what it is. Nothing here is adjusted to what the analyses return today.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { readBundleFile } from '../../server/bundle/parse.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { whoCan, type WhoCanParams } from '../../server/analyses/whoCan.js';
import { whoDid } from '../../server/analyses/whoDid.js';
import { explain, type ExplainParams } from '../../server/analyses/explain.js';
import { gaps } from '../../server/analyses/gaps.js';
import { timeline } from '../../server/analyses/timeline.js';
import { search } from '../../server/analyses/search.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';
import { startTestServer } from '../support/server.js';

const FILE = path.join(projectRoot, 'seed', 'uk-prorogation-2019.yaml');
const CASE = 'uk-prorogation-2019';
const UK = 'uk';

const PROROGUE = 'uk-parliament.prorogue';
const ADVISE = 'uk-parliament.advise-prorogation';
const DISSOLVE = 'uk-parliament.dissolve';
const EARLY_ELECTION = 'uk-parliament.early-election';

type Reading = 'AS_IT_STOOD' | 'AS_LATER_HELD';
const canAsk = (params: Omit<WhoCanParams, 'place'> & { reading?: Reading }) => whoCan(db, { place: UK, ...params });
const explainAsk = (params: ExplainParams & { reading?: Reading }) => explain(db, params);
const holderIds = (answer: Awaited<ReturnType<typeof whoCan>>) => answer.holders.map((h) => h.body.id).sort();

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
  await clearDatabase(db);
  const result = await importBundle(db, await readBundleFile(FILE));
  expect(result.problems).toEqual([]);
});
afterAll(closeTestDatabase);

describe('the UK case imports', () => {
  it('with its terms, its law that changes law, and no private individual', async () => {
    const [row] = await db.query<{ terms: number; repeals: number; restricts: number; holdings: number; retro: number; targeted: number }>(
      `MATCH (c:Case {id: $case})
       RETURN COUNT { (:Term)-[:IN_CASE]->(c) } AS terms,
              COUNT { (:Instrument {id: 'uk-dcpa-2022'})-[:REPEALS {from: date('2022-03-24')}]->(:Instrument {id: 'uk-ftpa-2011'}) } AS repeals,
              COUNT { (:Provision)-[:RESTRICTS]->(:Grant) } AS restricts,
              COUNT { (:Instrument {id: 'uk-judgment-2019-uksc-41'})-[:HOLDS_INVALID]->() } AS holdings,
              COUNT { (:Instrument {id: 'uk-judgment-2019-uksc-41'})-[:HOLDS_INVALID {retroactive: true}]->() } AS retro,
              COUNT { (:Action {id: 'uk-action-advice-2019-08-28'})-[:TARGETED]->(:Person {id: 'person-elizabeth-ii'}) } AS targeted`,
      { case: CASE },
    );
    expect(row).toEqual({ terms: 5, repeals: 1, restricts: 3, holdings: 3, retro: 3, targeted: 1 });
    // The claimant in the English proceedings is a private person: no node of the case names her.
    const nodes = await db.query<{ p: Record<string, unknown> }>('MATCH (n)-[:IN_CASE]->(:Case {id: $case}) RETURN properties(n) AS p', {
      case: CASE,
    });
    expect(nodes.length).toBeGreaterThan(40);
    expect(nodes.filter(({ p }) => /Miller|Gina/.test(JSON.stringify(p)))).toEqual([]);
  });

  it('with the stances reasoning about law needs: a denial of another, an accusation about an action, a cause, an attribution', async () => {
    const rows = await db.query<{ id: string; stance: string; names: string[]; concerns: string[] }>(
      `MATCH (s:Statement)-[:IN_CASE]->(:Case {id: $case})
       RETURN s.id AS id, s.stance AS stance,
              [(s)-[:NAMES]->(b) | b.id] AS names, [(s)-[:CONCERNS]->(a) | a.id] AS concerns ORDER BY id`,
      { case: CASE },
    );
    const byStance = Object.fromEntries(rows.map((r) => [r.stance, r]));
    expect(byStance.DENIES_OTHER).toMatchObject({ names: ['uk-sovereign'] });
    expect(byStance.ACCUSES).toMatchObject({ names: ['uk-government'], concerns: ['uk-action-prorogation-2019-09-10'] });
    expect(byStance.EXPLAINS_CAUSE).toMatchObject({ concerns: ['uk-action-advice-2019-08-28'] });
    expect(byStance.ATTRIBUTES).toMatchObject({ names: ['uk-sovereign'] });
  });
});

describe('who could dissolve Parliament', () => {
  it('before the 2011 Act: the Sovereign, by the prerogative', async () => {
    const answer = await canAsk({ power: DISSOLVE, at: '2010-05-01' });
    expect(holderIds(answer)).toEqual(['uk-sovereign']);
    const instrument = answer.holders[0].chain.find((s) => s.kind === 'INSTRUMENT');
    expect(instrument?.node.id).toBe('uk-royal-prerogative');
  });

  it('while the 2011 Act was in force: nobody, because s. 3(2) suspended the prerogative', async () => {
    for (const reading of ['AS_IT_STOOD', 'AS_LATER_HELD'] as const) {
      const answer = await canAsk({ power: DISSOLVE, at: '2019-09-04', reading });
      expect(holderIds(answer)).toEqual([]);
    }
    const why = await explainAsk({ body: 'uk-sovereign', power: DISSOLVE, place: UK, at: '2019-09-04' });
    expect(why.verdict).toBe('DOES_NOT_HOLD');
    // The answer shows the restricting step: the provision of the 2011 Act that suspended the power.
    expect(JSON.stringify([why.missingLink, why.chain])).toContain('uk-ftpa-2011-s3-1-2');
  });

  it('after the 2011 Act was repealed on 24 March 2022: the Sovereign again', async () => {
    expect(holderIds(await canAsk({ power: DISSOLVE, at: '2022-03-23' }))).toEqual([]);
    expect(holderIds(await canAsk({ power: DISSOLVE, at: '2022-03-24' }))).toEqual(['uk-sovereign']);
    expect(holderIds(await canAsk({ power: DISSOLVE, at: '2023-01-01' }))).toEqual(['uk-sovereign']);
  });
});

describe('who could bring about an early general election', () => {
  it('in September 2019: the House of Commons, on the votes of two thirds of its seats (434)', async () => {
    const answer = await canAsk({ power: EARLY_ELECTION, at: '2019-09-04' });
    expect(holderIds(answer)).toEqual(['uk-house-of-commons']);
    expect(answer.holders[0].conditions.map((c) => [c.kind, c.param, c.min, c.status])).toEqual([['THRESHOLD', 'votesInFavour', 434, 'UNKNOWN']]);
    const short = await canAsk({ power: EARLY_ELECTION, at: '2019-09-04', context: { votesInFavour: 298 } });
    expect(holderIds(short)).toEqual([]);
    expect(short.excludedByContext.map((h) => h.body.id)).toEqual(['uk-house-of-commons']);
    const enough = await canAsk({ power: EARLY_ELECTION, at: '2019-09-04', context: { votesInFavour: 438 } });
    expect(enough.holders[0].conditions[0].status).toBe('MET');
  });

  it('the motions of 4 and 9 September 2019 fell short: their recorded outcomes say so, with the vote', async () => {
    for (const action of ['uk-action-early-election-motion-2019-09-04', 'uk-action-early-election-motion-2019-09-09']) {
      const answer = await canAsk({ power: EARLY_ELECTION, at: '2019-09-04', context: { action } });
      expect(holderIds(answer)).toEqual([]);
      expect(answer.excludedByContext.map((h) => h.body.id)).toEqual(['uk-house-of-commons']);
      const why = await explainAsk({ body: 'uk-house-of-commons', power: EARLY_ELECTION, place: UK, at: '2019-09-04', context: { action } });
      expect(why.verdict).toBe('DOES_NOT_HOLD');
      expect(why.conditions.map((c) => c.status)).toEqual(['NOT_MET']);
      // The finding quotes the recorded outcome's evidence (the vote), not "nothing shows it was met".
      expect(JSON.stringify(why)).toMatch(/434/);
    }
  });

  it('after 24 March 2022: nobody, the 2011 Act being repealed', async () => {
    expect(holderIds(await canAsk({ power: EARLY_ELECTION, at: '2023-01-01' }))).toEqual([]);
  });

  it("whoDid: the two motions, in date order, decided by the House on the Prime Minister's request", async () => {
    const answer = await whoDid(db, { power: EARLY_ELECTION, place: UK, from: '2019-09-01', to: '2019-09-30' });
    expect(answer.actions.map((a) => a.id)).toEqual(['uk-action-early-election-motion-2019-09-04', 'uk-action-early-election-motion-2019-09-09']);
    for (const action of answer.actions) {
      expect(action.actors.map((a) => [a.who.id, a.role]).sort()).toEqual([
        ['person-boris-johnson', 'REQUESTED'],
        ['uk-house-of-commons', 'DECIDED'],
      ]);
    }
  });
});

describe('who could prorogue Parliament, and who advised it', () => {
  it('on 28 August 2019, as it stood: the Prime Minister could advise it, with no condition yet declared', async () => {
    const answer = await canAsk({ power: ADVISE, at: '2019-08-28' });
    expect(holderIds(answer)).toEqual(['uk-prime-minister']);
    expect(answer.holders[0].conditions).toEqual([]);
    // Restrictions are dated law: the limit the Court declared on 24 September is not read back.
    const later = await canAsk({ power: ADVISE, at: '2019-08-28', reading: 'AS_LATER_HELD' });
    expect(later.holders[0]?.conditions ?? []).toEqual([]);
  });

  it('the Prime Minister is answered for through his office', async () => {
    const why = await explainAsk({ body: 'person-boris-johnson', power: ADVISE, place: UK, at: '2019-08-28' });
    expect(why.verdict).toBe('HOLDS');
    expect(JSON.stringify(why.chain)).toContain('uk-g-convention-advise-prorogation');
    // Before he took office on 24 July 2019 he held no position that could give the advice.
    const before = await explainAsk({ body: 'person-boris-johnson', power: ADVISE, place: UK, at: '2019-07-01' });
    expect(before.verdict).toBe('DOES_NOT_HOLD');
  });

  it('asked about the Prime Minister as a person, whoCan answers through his office on the day, and not before he took it', async () => {
    const answer = await canAsk({ power: ADVISE, at: '2019-08-28', holder: 'person-boris-johnson' });
    expect(answer.holderBodies.map((b) => b.id)).toEqual(['uk-prime-minister']);
    expect(answer.holders.map((h) => [h.body.id, h.through?.id])).toEqual([['person-boris-johnson', 'uk-prime-minister']]);
    const [position] = answer.holders[0].chain;
    expect(position).toMatchObject({ kind: 'POSITION', node: { id: 'uk-prime-minister' } });
    expect(position.evidence.map((e) => e.quote)).toContain('Boris Johnson became Prime Minister on Wednesday, July 24 2019.');
    const before = await canAsk({ power: ADVISE, at: '2019-07-01', holder: 'person-boris-johnson' });
    expect([before.holders, before.holderBodies]).toEqual([[], []]);
    // The Queen answers for the Sovereign's prerogative; the Prime Minister's office does not prorogue.
    expect((await canAsk({ power: PROROGUE, at: '2019-09-10', holder: 'person-elizabeth-ii' })).holders.map((h) => h.through?.id)).toEqual([
      'uk-sovereign',
    ]);
    expect((await canAsk({ power: PROROGUE, at: '2019-09-10', holder: 'person-boris-johnson' })).holders).toEqual([]);
  });

  it('on 28 August 2019, as it stood, the advice was within his power even with its recorded outcome as context: the limit was not yet law', async () => {
    const why = await explainAsk({
      body: 'person-boris-johnson',
      power: ADVISE,
      place: UK,
      at: '2019-08-28',
      reading: 'AS_IT_STOOD',
      context: { action: 'uk-action-advice-2019-08-28' },
    });
    expect(why).toMatchObject({ verdict: 'HOLDS', through: { id: 'uk-prime-minister' }, conditions: [] });
  });

  it('on 4 September 2019: the Sovereign could prorogue, the Lords Commissioners not yet (the Order names 9 to 12 September)', async () => {
    expect(holderIds(await canAsk({ power: PROROGUE, at: '2019-09-04' }))).toEqual(['uk-sovereign']);
    expect(holderIds(await canAsk({ power: PROROGUE, at: '2019-09-09' }))).toEqual(['uk-lords-commissioners', 'uk-sovereign']);
  });

  it('on 10 September 2019, as it stood: the Sovereign, and the Lords Commissioners under the Order in Council', async () => {
    const answer = await canAsk({ power: PROROGUE, at: '2019-09-10' });
    expect(holderIds(answer)).toEqual(['uk-lords-commissioners', 'uk-sovereign']);
    const commissioners = answer.holders.find((h) => h.body.id === 'uk-lords-commissioners')!;
    expect(commissioners.chain.find((s) => s.kind === 'INSTRUMENT')?.node.id).toBe('uk-order-in-council-2019-08-28');
    const explicit = await canAsk({ power: PROROGUE, at: '2019-09-10', reading: 'AS_IT_STOOD' });
    expect(holderIds(explicit)).toEqual(['uk-lords-commissioners', 'uk-sovereign']);
  });

  it('on 10 September 2019, as later held: the Sovereign only, the Order in Council being void from the start', async () => {
    const answer = await canAsk({ power: PROROGUE, at: '2019-09-10', reading: 'AS_LATER_HELD' });
    expect(holderIds(answer)).toEqual(['uk-sovereign']);
    const why = await explainAsk({ body: 'uk-lords-commissioners', power: PROROGUE, place: UK, at: '2019-09-10', reading: 'AS_LATER_HELD' });
    expect(why.verdict).toBe('DOES_NOT_HOLD');
    expect(JSON.stringify([why.missingLink, why.chain])).toContain('uk-judgment-2019-uksc-41');
  });

  it('before 24 September 2019 the holding does not count as the law stood', async () => {
    const answer = await canAsk({ power: PROROGUE, at: '2019-09-10', reading: 'AS_IT_STOOD' });
    expect(holderIds(answer)).toContain('uk-lords-commissioners');
  });

  it("once the Order's window closed (13 September 2019): the Sovereign only", async () => {
    expect(holderIds(await canAsk({ power: PROROGUE, at: '2019-09-13' }))).toEqual(['uk-sovereign']);
  });

  it('from 24 September 2019: the Sovereign, under the limit the Court declared', async () => {
    const answer = await canAsk({ power: PROROGUE, at: '2019-10-01' });
    expect(holderIds(answer)).toEqual(['uk-sovereign']);
    expect(answer.holders[0].conditions.map((c) => [c.kind, c.param])).toEqual([['PROCEDURE', 'frustratesParliament']]);
    const advice = await canAsk({ power: ADVISE, at: '2019-10-01' });
    expect(advice.holders[0].conditions.map((c) => [c.kind, c.param])).toEqual([['PROCEDURE', 'frustratesParliament']]);
  });

  it('whoDid: the advice, by the Prime Minister to the Queen; the prorogation, ordered by the Queen in Council and carried out by the Lords Commissioners', async () => {
    const advice = await whoDid(db, { power: ADVISE, place: UK, from: '2019-08-01', to: '2019-08-31' });
    expect(advice.actions.map((a) => a.id)).toEqual(['uk-action-advice-2019-08-28']);
    expect(advice.actions[0].actors.map((a) => [a.who.id, a.role, a.through?.id, a.position])).toEqual([
      ['person-boris-johnson', 'DECIDED', 'uk-prime-minister', 'Prime Minister'],
    ]);
    const prorogation = await whoDid(db, { power: PROROGUE, place: UK, from: '2019-09-01', to: '2019-09-30' });
    expect(prorogation.actions.map((a) => a.id)).toEqual(['uk-action-prorogation-2019-09-10']);
    expect(prorogation.actions[0].actors.map((a) => [a.who.id, a.role]).sort()).toEqual([
      ['person-boris-johnson', 'REQUESTED'],
      ['person-elizabeth-ii', 'DECIDED'],
      ['uk-lords-commissioners', 'EXECUTED'],
    ]);
    expect(prorogation.actions[0].actors.find((a) => a.who.id === 'person-elizabeth-ii')?.through?.id).toBe('uk-sovereign');
  });
});

describe('findings, timeline and search on the UK case', () => {
  const gapsAsk = (reading?: Reading) => gaps(db, { case: CASE, ...(reading ? { reading } : {}) });

  it('as it stood, the prorogation rested on the Order in Council: no unauthorised-action finding for it', async () => {
    const answer = await gapsAsk('AS_IT_STOOD');
    const unauthorised = answer.findings.filter((f) => f.kind === 'UNAUTHORIZED_ACTION' && f.nodeIds.includes('uk-action-prorogation-2019-09-10'));
    expect(unauthorised).toEqual([]);
  });

  it('as later held, the advice and the prorogation are void: a finding names each with the judgment, quoting it', async () => {
    const answer = await gapsAsk('AS_LATER_HELD');
    for (const action of ['uk-action-advice-2019-08-28', 'uk-action-prorogation-2019-09-10']) {
      const held = answer.findings.filter((f) => f.nodeIds.includes(action) && f.nodeIds.includes('uk-judgment-2019-uksc-41'));
      expect(held.length).toBeGreaterThan(0);
      expect(held.some((f) => f.evidence.some((e) => e.source.id === 'src-itcu-2019-09-24'))).toBe(true);
    }
  });

  it('asked as of 15 September 2019, the prorogation is held unlawful only as later held; the answer says its reading', async () => {
    const about = async (reading: Reading) => {
      const answer = await gaps(db, { case: CASE, at: '2019-09-15', reading });
      expect(answer.reading).toBe(reading);
      return answer.findings.filter((f) => f.nodeIds.includes('uk-action-prorogation-2019-09-10')).map((f) => f.kind);
    };
    expect(await about('AS_IT_STOOD')).toEqual([]);
    expect(await about('AS_LATER_HELD')).toEqual(['HELD_UNLAWFUL']);
  });

  it("the Commons' motions: a finding quotes each recorded outcome; the advice, within the power as it stood, is held unlawful and not unauthorised", async () => {
    const answer = await gapsAsk();
    for (const action of ['uk-action-early-election-motion-2019-09-04', 'uk-action-early-election-motion-2019-09-09']) {
      const [unmet] = answer.findings.filter((f) => f.kind === 'CONDITION_NOT_MET' && f.nodeIds.includes(action));
      expect(unmet.explanation).toContain('recorded as not met');
      expect(unmet.explanation).not.toContain('nothing shows');
    }
    expect(answer.findings.filter((f) => f.nodeIds.includes('uk-action-advice-2019-08-28')).map((f) => f.kind)).toEqual(['HELD_UNLAWFUL']);
  });

  it('no finding shows a slug or an enum name where a reader reads it', async () => {
    const answer = await gapsAsk();
    for (const f of answer.findings) {
      const prose = JSON.stringify([f.title, f.explanation]);
      expect(prose).not.toMatch(/new-session|uk-parliament\.|EXPLAINS_CAUSE|DENIES_OTHER|PRIVY_COUNCIL|ROYAL_COMMISSION/);
    }
  });

  it('the timeline runs from the 2011 Act to its repeal, with the advice, the prorogation and the judgment in order', async () => {
    const answer = await timeline(db, { case: CASE });
    const ids = answer.events.map((e) => e.node.id);
    const order = ['uk-ftpa-2011', 'uk-action-advice-2019-08-28', 'uk-action-prorogation-2019-09-10', 'uk-judgment-2019-uksc-41', 'uk-dcpa-2022'];
    for (const id of order) expect(ids).toContain(id);
    const positions = order.map((id) => ids.indexOf(id));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(answer.events.map((e) => e.date)).toEqual([...answer.events.map((e) => e.date)].sort());
  });

  it('search finds the power, the Order in Council, the judgment and a statement', async () => {
    const hits = async (text: string) => (await search(db, { text })).hits.map((h) => h.node.id);
    expect(await hits('prorogue')).toContain(PROROGUE);
    expect(await hits('Order in Council')).toContain('uk-order-in-council-2019-08-28');
    expect(await hits('UKSC 41')).toContain('uk-judgment-2019-uksc-41');
    expect(await hits('Executive fiat')).toContain('uk-st-speaker-2019-09-10-accuses-executive');
  });
});

describe('the questions API on the UK case', () => {
  it('whoCan takes a person as holder, and gaps a reading, and says which', async () => {
    const server = await startTestServer(db);
    try {
      const who = await server.post(
        `{ whoCan(power: "${ADVISE}", place: "uk", at: "2019-08-28", holder: "person-boris-johnson") {
             holder { id label } holderBodies { id } holders { body { id } through { id } chain { kind } } } }`,
      );
      expect(who.errors).toBeUndefined();
      expect(who.data?.whoCan).toEqual({
        holder: { id: 'person-boris-johnson', label: 'Person' },
        holderBodies: [{ id: 'uk-prime-minister' }],
        holders: [
          { body: { id: 'person-boris-johnson' }, through: { id: 'uk-prime-minister' }, chain: expect.arrayContaining([{ kind: 'POSITION' }]) },
        ],
      });
      const findings = async (reading: Reading) =>
        (
          await server.post(`query ($r: Reading) { gaps(case: "${CASE}", at: "2019-09-15", reading: $r) { reading findings { kind nodeIds } } }`, {
            r: reading,
          })
        ).data?.gaps as { reading: string; findings: { kind: string; nodeIds: string[] }[] };
      const stood = await findings('AS_IT_STOOD');
      const later = await findings('AS_LATER_HELD');
      expect([stood.reading, later.reading]).toEqual(['AS_IT_STOOD', 'AS_LATER_HELD']);
      const held = (a: typeof stood) => a.findings.filter((f) => f.kind === 'HELD_UNLAWFUL').map((f) => f.nodeIds[0]);
      expect(held(stood)).toEqual([]);
      expect(held(later).sort()).toEqual(['uk-action-advice-2019-08-28', 'uk-action-prorogation-2019-09-10']);
      const unknown = await server.post('{ whoCan(power: "uk-parliament.prorogue", at: "2019-09-10", holder: "uk") { holders { grantId } } }');
      expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    } finally {
      await server.close();
    }
  });
});
