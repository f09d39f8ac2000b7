// The findings' rules for the extended model, on small graphs against the real Neo4j: agents
// judged through the body they act for, holdings of a court, recorded refusals, accusations,
// denials of another's power, causes, speakers naming themselves, referral trails in date
// order and through renamed bodies.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { projectRoot } from '../../server/config.js';
import type { Database } from '../../server/neo4j/database.js';
import { readBundleFile } from '../../server/bundle/parse.js';
import { importBundle } from '../../server/bundle/importBundle.js';
import { gaps, type Finding } from '../../server/analyses/gaps.js';
import { referralPaths } from '../../server/analyses/referralPaths.js';
import { search } from '../../server/analyses/search.js';
import { clearDatabase, closeTestDatabase, testDatabase } from '../support/neo4j.js';

const ev = (quoteZh: string) => [{ source: 'src-r', quoteZh, locator: 'para 1' }];
const source = {
  id: 'src-r',
  title: '规则报道',
  titleEn: 'Rules report',
  outlet: '测试新闻',
  publishedAt: '2022-07-01',
  kind: 'NEWS',
  language: 'zh',
};
const places = [{ id: 'r-country', name: 'Ruleland', nameZh: '规则国', level: 'COUNTRY' }];
const body = (id: string, name: string, nameZh: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  nameZh,
  kind: 'AGENCY',
  level: 'NATIONAL',
  jurisdiction: 'r-country',
  evidence: ev(nameZh),
  ...extra,
});

let db: Database;
beforeAll(async () => {
  db = await testDatabase();
}, 600_000);
afterAll(closeTestDatabase);

async function load(bundle: unknown) {
  // gaps computes here: the import need not derive the findings too.
  const result = await importBundle(db, bundle, { findings: 'later' });
  expect(result.problems).toEqual([]);
}
const ofKind = (findings: Finding[], kind: string) => findings.filter((f) => f.kind === kind);

describe('findings on a case of law over time (test/fixtures/bundles/valid-law-over-time.yaml)', () => {
  let findings: Finding[];
  beforeAll(async () => {
    await clearDatabase(db);
    await load(await readBundleFile(path.join(projectRoot, 'test', 'fixtures', 'bundles', 'valid-law-over-time.yaml')));
    findings = (await gaps(db, { case: 'test-law-over-time' })).findings;
  }, 600_000);

  it('reports an action a court held unlawful, quoting the holding', () => {
    const held = ofKind(findings, 'HELD_UNLAWFUL');
    expect(held.map((f) => f.nodeIds)).toEqual([['lot-judgment', 'lot-prorogation']]);
    expect(held[0].severity).toBe('HIGH');
    expect(held[0].title).toContain('held unlawful by the R (Claimant) v Prime Minister');
    expect(held[0].explanation).toContain(
      'On 24 September 2019 the judgment of Supreme Court "R (Claimant) v Prime Minister" held it invalid or unlawful, void from the start: "void and of no effect"',
    );
    expect(held[0].evidence.map((e) => e.quote)).toContain('void and of no effect');
  });
  it('quotes an accusation on the findings about the action it concerns', () => {
    const held = ofKind(findings, 'HELD_UNLAWFUL')[0];
    expect(held.explanation).toContain('accused Prime Minister of acting without authority: "The advice was unlawful."');
  });
  it('judges an agent through the body it acts for, not as an actor with no grant', () => {
    expect(findings.filter((f) => f.kind === 'UNAUTHORIZED_ACTION' && f.nodeIds.includes('lot-council'))).toEqual([]);
  });
  it('quotes a recorded outcome instead of saying nothing shows the condition was met', () => {
    const unmet = findings.filter((f) => f.kind === 'CONDITION_NOT_MET' && f.nodeIds.includes('lot-early-election-motion'));
    for (const f of unmet) {
      expect(f.explanation).toContain('two-thirds of the seats, recorded as not met (298 votes for.)');
      expect(f.explanation).not.toContain('nothing shows');
    }
  });
});

/**
 * Statements and referral trails:
 *   s-a says s-b holds it; s-c says s-b does not (DENIES_OTHER)       → one CONFLICTING_ATTRIBUTION
 *   s-d says it is its own (ATTRIBUTES naming itself)                  → a claim, not a referral
 *   s-e explains a cause, naming s-b                                   → neither attribution nor referral
 *   t-x (06-16) refers to t-y; t-y (06-15) had referred to t-z         → no trail t-x → t-y → t-z
 *   t-old renamed to t-new on 2022-04-01; t-p (06-15) names t-old; t-new answers on 06-16 that it
 *     does not know                                                    → the dead end is at t-new, not t-old
 */
function statementsBundle() {
  const st = (id: string, stance: string, saidBy: string, power: string, saidOn: string, names: string[] = []) => ({
    id,
    saidOn,
    stance,
    saidBy,
    about: [power],
    names,
    quoteZh: `${id}的原话`,
    quote: `Words of ${id}`,
    evidence: ev(`${id}的原话`),
  });
  return {
    format: 'quanze-bundle/1',
    case: { id: 'r-statements', title: 'Statement rules', titleZh: '表态规则', fictional: true },
    sources: [source],
    places,
    powers: [
      { id: 'r-p', name: 'Decide permits', nameZh: '审批许可' },
      { id: 'r-q', name: 'Handle complaints', nameZh: '处理投诉' },
      { id: 'r-s', name: 'Keep records', nameZh: '保管档案' },
    ],
    bodies: [
      body('s-a', 'Office A', '甲办'),
      body('s-b', 'Office B', '乙办'),
      body('s-c', 'Office C', '丙办'),
      body('s-d', 'Office D', '丁办'),
      body('s-e', 'Office E', '戊办'),
      body('t-x', 'Office X', '某甲办'),
      body('t-y', 'Office Y', '某乙办'),
      body('t-z', 'Office Z', '某丙办'),
      body('t-p', 'Office P', '某丁办'),
      body('t-old', 'Old Bureau', '旧局', {
        validTo: '2022-03-31',
        succeededBy: { id: 't-new', on: '2022-04-01', how: 'RENAMED', evidence: ev('旧局更名为新局') },
      }),
      body('t-new', 'New Bureau', '新局', { validFrom: '2022-04-01' }),
    ],
    statements: [
      st('st-a', 'ATTRIBUTES', 's-a', 'r-p', '2022-06-15', ['s-b']),
      st('st-c', 'DENIES_OTHER', 's-c', 'r-p', '2022-06-15', ['s-b']),
      st('st-d', 'ATTRIBUTES', 's-d', 'r-s', '2022-06-15', ['s-d']),
      st('st-e', 'EXPLAINS_CAUSE', 's-e', 'r-s', '2022-06-15', ['s-b']),
      st('st-y', 'REFERS', 't-y', 'r-q', '2022-06-15', ['t-z']),
      st('st-z', 'UNREACHABLE', 't-z', 'r-q', '2022-06-15'),
      st('st-x', 'REFERS', 't-x', 'r-q', '2022-06-16', ['t-y']),
      st('st-p', 'REFERS', 't-p', 'r-s', '2022-06-15', ['t-old']),
      st('st-new', 'UNKNOWN', 't-new', 'r-s', '2022-06-16'),
    ],
  };
}

describe('findings from statements with the new stances', () => {
  let findings: Finding[];
  beforeAll(async () => {
    await clearDatabase(db);
    await load(statementsBundle());
    findings = (await gaps(db, { case: 'r-statements' })).findings;
  }, 600_000);

  it('reports a body named as the holder by one and denied it by another', () => {
    const conflicts = ofKind(findings, 'CONFLICTING_ATTRIBUTION').filter((f) => f.power?.id === 'r-p');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0].title).toBe('"Decide permits": Office B named as holding it, and said not to');
    expect(conflicts[0].explanation).toContain('said not to hold it by Office C (丙办)');
  });
  it('reads a speaker naming itself as a claim, and a cause as neither attribution nor referral', async () => {
    expect(ofKind(findings, 'CONFLICTING_ATTRIBUTION').filter((f) => f.power?.id === 'r-s')).toEqual([]);
    const paths = (await referralPaths(db, { case: 'r-statements', power: 'r-s' })).paths;
    expect(paths.some((p) => p.outcome === 'CLAIMED' && p.nodeIds.includes('st-d'))).toBe(true);
    expect(paths.flatMap((p) => p.steps).some((s) => s.statement.id === 'st-e' && s.to)).toBe(false);
    expect(paths.flatMap((p) => p.steps).some((s) => s.statement.id === 'st-d' && s.to && s.to.id !== 's-d')).toBe(false);
  });
  it('never stitches a referral to an earlier call of the body referred to', async () => {
    const paths = (await referralPaths(db, { case: 'r-statements', power: 'r-q' })).paths;
    const fromX = paths.filter((p) => p.steps[0].from.id === 't-x');
    expect(fromX.length).toBeGreaterThan(0);
    for (const p of fromX) expect(p.nodeIds).not.toContain('t-z');
    // Y's own earlier trail is still walked on its own.
    expect(paths.some((p) => p.steps[0].from.id === 't-y' && p.nodeIds.includes('t-z'))).toBe(true);
  });
  it('follows a rename: a trail naming the old bureau reaches its successor, which was asked', () => {
    const ends = ofKind(findings, 'DEAD_END').filter((f) => f.power?.id === 'r-s');
    expect(ends.some((f) => f.nodeIds.includes('t-old'))).toBe(false);
    expect(ends.some((f) => f.nodeIds.includes('t-new') && f.title.includes('said it did not know'))).toBe(true);
  });
  it('finds statements and sources by their words', async () => {
    const hits = (await search(db, { text: 'st-c的原话' })).hits.map((h) => h.node.id);
    expect(hits).toContain('st-c');
    expect((await search(db, { text: 'Rules report' })).hits.map((h) => h.node.id)).toContain('src-r');
  });
  it('gives every finding a basis, said in words in both languages', () => {
    for (const f of findings) {
      expect(['STATED', 'EDITOR_READING', 'INFERRED']).toContain(f.basis);
      expect(f.explanation).toMatch(/(stated by the sources|editor's reading|own inference)/);
      expect(f.explanationZh).toMatch(/(来源明言|编者对来源的解读|分析根据来源)/);
    }
  });
});
