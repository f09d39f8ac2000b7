// gaps — the findings of a case: where the law's answer and the facts' answer part. Each
// kind of finding has its own Cypher file in ./gaps/ (parameters at its top); this module
// runs them for a case and a date, asks whoCan where a finding depends on who held a power
// by law, and words each finding in English and Chinese with its evidence.
//
// Severity, by kind (DOMAIN.md "Gaps"):
//
//   | kind                       | severity | why                                                  |
//   | -------------------------- | -------- | ---------------------------------------------------- |
//   | UNAUTHORIZED_ACTION        | HIGH     | someone acted with no grant at all                   |
//   | PROHIBITED_ACTION          | HIGH     | the law in force forbade what was done               |
//   | AUTHORITY_VIA_PARENT_ONLY  | MEDIUM   | only the body it is part of held the power           |
//   | CONDITION_NOT_MET          | MEDIUM   | it held the power only under a condition not met     |
//   | UNATTRIBUTED_ACTION        | MEDIUM   | nobody is known to have decided an action that gave  |
//   |                            | or LOW   | or changed people's codes (MEDIUM); any other (LOW)  |
//   | DISCLAIMED_AUTHORITY       | MEDIUM   | a holder by law said it does not hold it / not know  |
//   | CONFLICTING_ATTRIBUTION    | MEDIUM   | statements name different holders of one power       |
//   | REFERRAL_LOOP              | MEDIUM   | "ask them" goes round in a circle                    |
//   | DEAD_END                   | MEDIUM   | "ask them" ends where nobody knows or answers        |
//   | DORMANT_POWER              | LOW      | a holder of a duty did nothing while others acted    |
//
// An action "gives or changes people's codes" when it exercised a power whose id ends in
// `.assign` or `.convert` (health-code.assign, health-code.convert).
//
// How a power is held for an action: a grant of the exercised power, or of a broader power
// that contains it (NARROWER_THAN*), in force on the action's first day, in a place that
// contains the action's place. A grant of a narrower power does not cover a broader act: a
// body that may only convert codes is not thereby allowed to "manage the code system".
// Holders come from whoCan (so grants to a type of body, successions and delegations count).
//
// Acting for a holder: an actor that EXECUTED an action but did not decide it acts for
// whoever it carried it out for. When a co-actor of the same action (in any role) holds the
// power, or the actor is the BUILT_BY/OPERATED_BY contractor of a body that holds it, the
// executor is not judged at all (no finding): the holder answers for the act, and the other
// kinds judge the holder. An actor that DECIDED is always judged on its own grants.
//
// One finding per subject, so the list reads like a summary:
//   - holder-based kinds: one per (action, kind, body acted through, parent): two officials of
//     one division who decided the same action are one finding naming both;
//   - PROHIBITED_ACTION: one per action, listing every prohibition it broke;
//   - DISCLAIMED_AUTHORITY: one per (body, day), listing the powers disclaimed that it held;
//   - DEAD_END: one per (power family, body where the trail ends), listing every path that
//     ends there; REFERRAL_LOOP: one per distinct cycle. A DEAD_END needs at least one referral
//     step: a body asked directly that did not know is not a trail (it is counted by the
//     accountability summary, and by DISCLAIMED_AUTHORITY when it held the power);
//   - DORMANT_POWER: one per (body, power family), merging its duty and power grants. A body
//     is not dormant when it, a body PART_OF* it, or an official posted in it or in one of
//     its parts took part in an action on that family: Zhengzhou HQ's division decided the
//     June codes, so the HQ's failure is not dormancy.
//
// Titles name their subject in the reader's words: the action (what was done, to whom, when:
// "Red codes for 1,317 depositors (from 2022-06-11)"), the body, the power. Purposes are shown
// in plain words (PURPOSES below; an unknown one with its hyphens as spaces).
//
// Order: severity, then how many people the action concerned affected (affectedCount, most
// first; findings not about an action count as none), then title.
//
// `at`: findings consider what had happened by then (actions started and statements made on
// or before `at`; everything when absent). Each action is still judged by the law in force
// on its own first day, and each statement by the law on the day it was made.
import type { Database } from '../neo4j/database.js';
import { citationEvidence, citationSourceIds, describeNodes, requireNode, refOf, type DescribedNode } from './evidence.js';
import { en, enList, zh, zhList, type Ref } from './names.js';
import { ENDING, referralPaths, type ReferralPath } from './referralPaths.js';
import { LIST_LIMIT, runAnalysis, storedJson } from './run.js';
import type { Condition, Evidence, Holder, NodeRef } from './types.js';
import { whoCan } from './whoCan.js';

export const GAP_KINDS = [
  'UNAUTHORIZED_ACTION', 'PROHIBITED_ACTION', 'AUTHORITY_VIA_PARENT_ONLY', 'CONDITION_NOT_MET', 'UNATTRIBUTED_ACTION',
  'DISCLAIMED_AUTHORITY', 'CONFLICTING_ATTRIBUTION', 'REFERRAL_LOOP', 'DEAD_END', 'DORMANT_POWER',
] as const;
export type GapKind = (typeof GAP_KINDS)[number];
export type Severity = 'HIGH' | 'MEDIUM' | 'LOW';

/** The severity of each kind; UNATTRIBUTED_ACTION is LOW for an action that touched nobody's code (see the header). */
export const SEVERITY: Record<GapKind, Severity> = {
  UNAUTHORIZED_ACTION: 'HIGH',
  PROHIBITED_ACTION: 'HIGH',
  AUTHORITY_VIA_PARENT_ONLY: 'MEDIUM',
  CONDITION_NOT_MET: 'MEDIUM',
  UNATTRIBUTED_ACTION: 'MEDIUM',
  DISCLAIMED_AUTHORITY: 'MEDIUM',
  CONFLICTING_ATTRIBUTION: 'MEDIUM',
  REFERRAL_LOOP: 'MEDIUM',
  DEAD_END: 'MEDIUM',
  DORMANT_POWER: 'LOW',
};
const SEVERITY_ORDER: Severity[] = ['HIGH', 'MEDIUM', 'LOW'];

export interface Finding {
  /** The kind and the sorted ids it concerns, so the same finding keeps its id across runs. */
  id: string;
  kind: GapKind;
  severity: Severity;
  title: string;
  titleZh: string;
  explanation: string;
  explanationZh: string;
  nodeIds: string[];
  power: NodeRef | null;
  evidence: Evidence[];
}

export interface GapsAnswer {
  case: NodeRef;
  at: string | null;
  findings: Finding[];
  incomplete: boolean;
}

export interface GapsQuestion {
  case: string;
  /** YYYY-MM-DD, or null for everything the case records. */
  at?: string | null;
  limit?: number;
}

/**
 * A finding with what it is sorted by (how many people its action affected; 0 when none or
 * unknown) and, for a finding about an action, a detail that tells two same-titled ones apart.
 */
type Ranked = Finding & { affected: number; detail?: { en: string; zh: string } };

function noun(ref: Ref): NodeRef {
  return { id: ref.id, label: ref.label ?? 'Power', name: ref.name, nameZh: ref.nameZh };
}

interface FindingParts extends Omit<Finding, 'id' | 'kind' | 'severity'> {
  severity?: Severity;
  affected?: number | null;
  detail?: { en: string; zh: string };
}

function findingOf(kind: GapKind, { severity, affected, detail, ...parts }: FindingParts): Ranked {
  const nodeIds = [...new Set(parts.nodeIds)].sort();
  return { id: `${kind}:${nodeIds.join(',')}`, kind, severity: severity ?? SEVERITY[kind], ...parts, nodeIds, affected: affected ?? 0, ...(detail ? { detail } : {}) };
}

/** Evidence of several nodes, without repeating a quote. */
function evidenceOf(described: Map<string, DescribedNode>, ids: string[], extra: Evidence[] = []): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const e of [...ids.flatMap((id) => described.get(id)?.evidence ?? []), ...extra]) {
    const key = `${e.source.id}|${e.quote ?? ''}|${e.quoteEn ?? ''}|${e.locator ?? ''}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(e);
    }
  }
  return out;
}

// ------------------------------------------------------------------ naming the subject

/** A short name for a title: the English name alone (the explanation gives both languages). */
function short(ref: Ref | null | undefined): string {
  if (!ref) return 'an unknown body';
  return ref.name ?? ref.nameZh ?? ref.id;
}

/** Known purposes in plain words; anything else is shown with its hyphens as spaces. */
const PURPOSES: Record<string, { en: string; zh: string }> = {
  'epidemic-control': { en: 'epidemic control', zh: '疫情防控' },
  'stop-depositors-rights-defence': { en: 'stopping depositors from pressing their claims', zh: '阻止储户维权' },
  'complaint-handling': { en: 'handling complaints', zh: '处理投诉' },
  accountability: { en: 'holding officials to account', zh: '追责问责' },
};

function purposeText(purpose: string): { en: string; zh: string } {
  const spaced = purpose.replace(/-/g, ' ');
  return PURPOSES[purpose] ?? { en: spaced, zh: spaced };
}

/** What gaps.ts needs of an action to name it (the `action` map of the gaps/*.cypher files). */
interface ActionFacts {
  id: string;
  summary: string;
  summaryZh: string;
  startedAt: string;
  endedAt?: string | null;
  purpose?: string | null;
  affectedCount?: number | null;
  groups?: { name: string | null; nameZh: string | null }[];
  powers?: string[];
}

const lastSegment = (id: string) => id.split('.').at(-1) ?? id;

/** Whether the action gave or changed people's codes (a power whose id ends in .assign or .convert). */
function touchesCodes(action: ActionFacts): boolean {
  return (action.powers ?? []).some((p) => ['assign', 'convert'].includes(lastSegment(p)));
}

/** The first clause of a summary, cut at a word boundary. */
function clause(text: string, max: number): string {
  const first = text.split(/;\s|\.\s|,\s(?=[a-z])/)[0]!.trim().replace(/\.$/, '');
  if (first.length <= max) return first;
  const cut = first.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}
function clauseZh(text: string, max: number): string {
  const parts = text.split(/[，；。：]/).map((p) => p.trim()).filter(Boolean);
  // A clause that is only a date ("2022年6月13日") names nothing.
  const first = parts.find((p) => !/^\d{4}年\d{1,2}月\d{1,2}日$/.test(p)) ?? text;
  return first.length <= max ? first : `${first.slice(0, max)}…`;
}

/** The summary's first clause: what tells apart two actions whose subjects read alike. */
function actionDetail(action: ActionFacts): { en: string; zh: string } {
  return { en: clause(action.summary, 60), zh: clauseZh(action.summaryZh, 20) };
}

/** The longest common ending of Chinese names ("储户"), or the common first word of English ones ("Depositors"). */
function commonNoun(groups: { name: string | null; nameZh: string | null }[]): { en: string; zh: string } | null {
  if (!groups.length) return null;
  const words = groups.map((g) => (g.name ?? '').split(' ')[0]!.toLowerCase());
  const zhNames = groups.map((g) => g.nameZh ?? '');
  let suffix = zhNames[0]!;
  for (const n of zhNames) while (suffix && !n.endsWith(suffix)) suffix = suffix.slice(1);
  // "入郑…的储户" and "未在郑…的储户" share "…的储户": the noun is what follows the last 的.
  suffix = suffix.slice(suffix.lastIndexOf('的') + 1);
  if (!words[0] || words.some((w) => w !== words[0]) || !suffix) return null;
  return { en: words[0], zh: suffix };
}

/**
 * The action in the reader's words: what was done (for codes, "Red codes" / "Codes turned
 * green", the colour read from the summary; otherwise the summary's first clause), to whom
 * (the affected count and the groups' common noun, or the one group's name) and when.
 */
function actionSubject(action: ActionFacts): { en: string; zh: string } {
  const kinds = (action.powers ?? []).map(lastSegment);
  const text = `${action.summary} ${action.summaryZh}`;
  let what: { en: string; zh: string };
  if (kinds.includes('assign')) {
    what = /红码|变红|red/i.test(text) ? { en: 'Red codes', zh: '赋红码' } : /黄码|yellow/i.test(text) ? { en: 'Yellow codes', zh: '赋黄码' } : { en: 'Codes assigned', zh: '赋码' };
  } else if (kinds.includes('convert')) {
    what = /绿|green/i.test(text) ? { en: 'Codes turned green', zh: '转绿码' } : { en: 'Codes converted', zh: '转码' };
  } else {
    what = { en: clause(action.summary, 90), zh: clauseZh(action.summaryZh, 24) };
  }
  const groups = action.groups ?? [];
  const noun1 = commonNoun(groups);
  let whom: { en: string; zh: string } | null = null;
  if (action.affectedCount != null) {
    whom = { en: `${action.affectedCount.toLocaleString('en')} ${noun1?.en ?? 'people'}`, zh: `${action.affectedCount}${noun1 ? `名${noun1.zh}` : '人'}` };
  } else if (groups.length === 1 && groups[0]!.name) {
    const g = groups[0]!;
    whom = { en: g.name!.charAt(0).toLowerCase() + g.name!.slice(1), zh: g.nameZh ?? g.name! };
  }
  const end = action.endedAt && action.endedAt !== action.startedAt ? action.endedAt : null;
  const when = end
    ? { en: `${action.startedAt} to ${end}`, zh: `${action.startedAt}至${end}` }
    : action.endedAt ? { en: action.startedAt, zh: action.startedAt } : { en: `from ${action.startedAt}`, zh: `${action.startedAt}起` };
  const isCodes = kinds.includes('assign') || kinds.includes('convert');
  return {
    en: `${what.en}${whom && isCodes ? ` for ${whom.en}` : ''} (${whom && !isCodes ? `${whom.en}, ` : ''}${when.en})`,
    zh: `${what.zh}（${whom ? `${whom.zh}，` : ''}${when.zh}）`,
  };
}

// ---------------------------------------------------------------- who held it by law

/**
 * The holders, at `place` on `at`, of grants of the powers in `accepted`. whoCan answers for
 * a power and every narrower one, so one question about the broadest power of the family
 * (`root`) serves every action and statement about that family on that day and place; and
 * since holders only change on a boundary day (gaps/lawBoundaries.cypher), one question
 * serves every day of the same stretch.
 */
class HolderLookup {
  private readonly cache = new Map<string, Promise<Holder[]>>();
  private boundaries?: Promise<string[]>;
  constructor(private readonly db: Database) {}

  async holders(root: string, accepted: string[], place: string | null, at: string): Promise<Holder[]> {
    const key = `${root}|${place ?? ''}|${await this.stretchOf(at)}`;
    let pending = this.cache.get(key);
    if (!pending) {
      pending = whoCan(this.db, { power: root, place, at, context: null }).then((a) => [...a.holders, ...a.excludedByContext]);
      this.cache.set(key, pending);
    }
    const wanted = new Set(accepted);
    return (await pending).filter((h) => wanted.has(h.power.id) && h.modality !== 'PROHIBITION');
  }

  /** The last boundary day on or before `at` (ISO dates compare as strings). */
  private async stretchOf(at: string): Promise<string> {
    this.boundaries ??= runAnalysis<{ days: string[] }>(this.db, 'gaps/lawBoundaries', {}).then(([row]) => (row?.days ?? []).sort());
    let start = '';
    for (const day of await this.boundaries) {
      if (day > at) break;
      start = day;
    }
    return start;
  }
}

// ------------------------------------------------------------- the holder-based kinds

interface ConditionRecord {
  kind?: string;
  param?: string;
  met?: boolean | null;
  note?: string;
}

interface ActorRow {
  action: ActionFacts & { startedAt: string; conditionsMet: string | null };
  power: Ref;
  powerChain: string[];
  root: string;
  place: Ref;
  actor: Ref & { label: string };
  roles: string[];
  performed: { citations: string | null; unsourced: boolean | null }[];
  acting: { body: Ref; parents: Ref[] }[];
  coActors: Ref[];
  principals: Ref[];
}

function parseConditionsMet(json: string | null): ConditionRecord[] {
  const parsed = storedJson(json);
  return Array.isArray(parsed) ? (parsed as ConditionRecord[]) : [];
}

/**
 * The conditions of a holding that the action did not meet. A condition counts as met only
 * when the action's conditionsMet has an entry of the same kind (and param, when both name
 * one) with `met: true`; `false`, `null` ("nothing evidences it") or no entry all count as
 * not met (DOMAIN.md: "or nothing evidences that it did").
 */
function unmetConditions(conditions: Condition[], records: ConditionRecord[]): Condition[] {
  return conditions.filter((c) => {
    if (c.status === 'MET') return false;
    const record = records.find((r) => r.kind === c.kind && (!r.param || !c.param || r.param === c.param));
    return record?.met !== true;
  });
}

function conditionText(c: Condition): { en: string; zh: string } {
  const en1 = c.description ?? [c.kind.toLowerCase(), c.param, c.min != null ? `≥ ${c.min}` : null, c.max != null ? `≤ ${c.max}` : null].filter(Boolean).join(' ');
  return { en: en1, zh: c.descriptionZh ?? en1 };
}

type Question = Required<Omit<GapsQuestion, 'limit'>>;

interface Judged {
  row: ActorRow;
  kind: GapKind;
  holders: Holder[];
  via?: Ref;
  through?: Ref;
  unmet?: Condition[];
}

async function holderBasedFindings(db: Database, question: Question, lookup: HolderLookup): Promise<Ranked[]> {
  const rows = await runAnalysis<ActorRow>(db, 'gaps/actorsOfActions', { case: question.case, at: question.at });
  // One verdict per (action, power, actor): a person who both decided and executed is judged once.
  const judged: Judged[] = [];
  for (const row of rows) {
    const holders = await lookup.holders(row.root, row.powerChain, row.place.id, row.action.startedAt);
    const holds = (body: Ref) => holders.some((h) => h.body.id === body.id);
    // An executor acts for a co-actor or a principal that holds the power: the holder answers for it.
    if (!row.roles.includes('DECIDED') && [...row.coActors, ...row.principals].some(holds)) continue;
    const records = parseConditionsMet(row.action.conditionsMet);
    const own = row.acting.map(({ body, parents }) => ({ body, parents, holdings: holders.filter((h) => h.body.id === body.id) }));
    // Authorised through any body the actor acted through: no finding.
    if (own.some((o) => o.holdings.some((h) => unmetConditions(h.conditions, records).length === 0))) continue;
    const conditional = own.find((o) => o.holdings.length);
    if (conditional) {
      // The holding closest to being met says what was missing.
      const unmet = conditional.holdings
        .map((h) => unmetConditions(h.conditions, records))
        .sort((a, b) => a.length - b.length)[0];
      judged.push({ row, kind: 'CONDITION_NOT_MET', holders: conditional.holdings, through: conditional.body, unmet });
      continue;
    }
    const viaParent = own
      .map((o) => ({ body: o.body, parent: o.parents.find((p) => holds(p)) }))
      .find((o) => o.parent);
    if (viaParent?.parent) {
      const parent = viaParent.parent;
      judged.push({ row, kind: 'AUTHORITY_VIA_PARENT_ONLY', holders: holders.filter((h) => h.body.id === parent.id), via: parent, through: viaParent.body });
      continue;
    }
    judged.push({ row, kind: 'UNAUTHORIZED_ACTION', holders: [], through: own[0]?.body });
  }
  if (!judged.length) return [];

  // One finding per (action, kind, body acted through, parent): the officials of one division
  // who decided one action are one finding.
  const groups = new Map<string, Judged[]>();
  for (const j of judged) {
    const key = [j.row.action.id, j.kind, j.through?.id ?? `actor:${j.row.actor.id}`, j.via?.id ?? ''].join('|');
    groups.set(key, [...(groups.get(key) ?? []), j]);
  }

  const described = await describeNodes(db, judged.flatMap((j) => [
    j.row.action.id, j.row.actor.id, ...j.holders.map((h) => h.grantId),
    ...j.row.performed.flatMap((p) => citationSourceIds(p.citations)),
  ]));
  return [...groups.values()].map((group) => {
    const { row, kind, via, through, unmet } = group[0]!;
    const action = row.action;
    const actors = [...new Map(group.map((j) => [j.row.actor.id, j.row.actor])).values()];
    const roles = new Set(group.flatMap((j) => j.row.roles));
    const powers = [...new Map(group.map((j) => [j.row.power.id, j.row.power])).values()];
    const holders = group.flatMap((j) => j.holders);
    const decided = roles.has('DECIDED');
    const roleEn = decided ? 'decided' : 'carried out';
    const roleZh = decided ? '决定' : '执行';
    const people = actors.every((a) => a.label === 'Person');
    const asPerson = people && through
      ? { en: `, acting as ${actors.length > 1 ? 'members' : 'a member'} of ${en(through)}`, zh: `（以${zh(through)}人员身份）` }
      : people ? { en: ', who held no recorded position that day', zh: '（当日无记录在案的职务）' } : { en: '', zh: '' };
    const subject = actionSubject(action);
    const what = { en: `"${action.summary}" (${action.startedAt}, ${en(row.place)})`, zh: `“${action.summaryZh}”（${action.startedAt}，${zh(row.place)}）` };
    const grantEvidence = holders.flatMap((h) => described.get(h.grantId)?.evidence ?? []);
    const holderChainEvidence = holders.flatMap((h) => h.chain.flatMap((s) => s.evidence));
    const performedEvidence = group.flatMap((j) => j.row.performed.flatMap((p) => citationEvidence(p.citations, p.unsourced, described)));
    const actorEvidence = actors.flatMap((a) => described.get(a.id)?.evidence ?? []);
    const evidence = evidenceOf(described, [action.id], [...performedEvidence, ...actorEvidence, ...grantEvidence, ...holderChainEvidence]);
    const nodeIds = [action.id, ...actors.map((a) => a.id), ...(through ? [through.id] : []), ...powers.map((p) => p.id), ...(via ? [via.id] : [])];
    const power = noun({ ...row.power, label: 'Power' });
    const powerEn = powers.map((p) => `"${en(p)}"`).join(', ');
    const powerZh = powers.map((p) => `“${zh(p)}”`).join('、');
    const who = { en: enList(actors), zh: zhList(actors) };
    const whoShort = actors.map(short).join(' and ');
    const bodyEn = en(through ?? actors[0]);
    const bodyZh = zh(through ?? actors[0]);
    const affected = action.affectedCount;
    if (kind === 'UNAUTHORIZED_ACTION') {
      return findingOf(kind, {
        title: `${subject.en}: ${roleEn} by ${whoShort}, who held no grant for it`,
        titleZh: `${subject.zh}：${zhList(actors)}无授权${roleZh}`,
        explanation: `${who.en}${asPerson.en} ${roleEn} ${what.en}, exercising the power ${powerEn}. ` +
          `No grant in force on ${action.startedAt} gave ${bodyEn}, or any body it is part of, that power (or a broader one) in ${en(row.place)}` +
          (decided ? '.' : ', and no co-actor of the action, nor any body it built or operates for, held it either.'),
        explanationZh: `${who.zh}${asPerson.zh}${roleZh}了${what.zh}，行使${powerZh}。` +
          `${action.startedAt}有效的规定中，没有任何一项把该权力（或包含它的更大权力）在${zh(row.place)}授予${bodyZh}或其所属机构` +
          (decided ? '。' : '；该行为的其他参与者、以及其承建或运营所服务的机构，也都不享有该权力。'),
        nodeIds, power, evidence, affected, detail: actionDetail(action),
      });
    }
    if (kind === 'AUTHORITY_VIA_PARENT_ONLY') {
      return findingOf(kind, {
        title: `${subject.en}: ${roleEn} by ${whoShort} of ${short(through)}; only its parent body holds the power`,
        titleZh: `${subject.zh}：由${zhList(actors)}（${zh(through)}）${roleZh}，权力只属于其上级机构`,
        explanation: `${who.en}${asPerson.en} ${roleEn} ${what.en}, exercising ${powerEn}. ` +
          `${bodyEn} holds no grant of that power itself; only ${en(via)}, which it is part of, does, and no grant delegates it down. ` +
          'This is weaker than an action with no authority at all, but the law names the parent, not the part.',
        explanationZh: `${who.zh}${asPerson.zh}${roleZh}了${what.zh}，行使${powerZh}。` +
          `${bodyZh}本身没有该权力，只有其所属的${zh(via)}有，且没有规定把权力下放给它。这比完全无权稍轻，但法律授权的是上级机构，而非其内设部门。`,
        nodeIds, power, evidence, affected, detail: actionDetail(action),
      });
    }
    const conditions = (unmet ?? []).map(conditionText);
    return findingOf('CONDITION_NOT_MET', {
      title: `${subject.en}: ${roleEn} by ${whoShort} without meeting the conditions of its grant`,
      titleZh: `${subject.zh}：${zhList(actors)}${roleZh}时未满足授权条件`,
      explanation: `${bodyEn} holds ${powerEn} only under conditions: ${conditions.map((c) => c.en).join('; ')}. ` +
        `Nothing shows that ${what.en}, which ${who.en} ${roleEn}, met them.`,
      explanationZh: `${bodyZh}行使${powerZh}须满足条件：${conditions.map((c) => c.zh).join('；')}。没有证据表明${who.zh}${roleZh}的${what.zh}满足了这些条件。`,
      nodeIds, power, evidence, affected, detail: actionDetail(action),
    });
  });
}

// ---------------------------------------------------------------------- PROHIBITED_ACTION

interface ProhibitedRow {
  action: ActionFacts & { purpose: string };
  power: Ref;
  forbidden: Ref;
  grant: { id: string; purposes: string[] | null };
  grantPlace: Ref;
  provision: { id: string; ref: string };
  instrument: { id: string; title: string; titleZh: string };
}

async function prohibitedFindings(db: Database, question: Question): Promise<Ranked[]> {
  const rows = await runAnalysis<ProhibitedRow>(db, 'gaps/prohibitedAction', { case: question.case, at: question.at });
  const described = await describeNodes(db, rows.flatMap((r) => [r.action.id, r.grant.id, r.provision.id]));
  // One finding per action, with every prohibition it broke.
  const byAction = new Map<string, ProhibitedRow[]>();
  for (const r of rows) byAction.set(r.action.id, [...(byAction.get(r.action.id) ?? []), r]);
  return [...byAction.values()].map((broken) => {
    const { action, power } = broken[0]!;
    const subject = actionSubject(action);
    const purpose = purposeText(action.purpose);
    const laws = broken.map((r) => {
      const allowed = r.grant.purposes?.length ? r.grant.purposes.map(purposeText) : null;
      return {
        en: `${r.provision.ref} of ${r.instrument.title} (${r.instrument.titleZh}), in force in ${en(r.grantPlace)}, ` +
          (allowed ? `forbids "${en(r.forbidden)}" for any purpose other than ${allowed.map((p) => p.en).join(' or ')}` : `forbids "${en(r.forbidden)}"`),
        zh: `在${zh(r.grantPlace)}有效的《${r.instrument.titleZh}》${r.provision.ref}` +
          (allowed ? `禁止将“${zh(r.forbidden)}”用于${allowed.map((p) => p.zh).join('或')}以外的目的` : `禁止“${zh(r.forbidden)}”`),
      };
    });
    return findingOf('PROHIBITED_ACTION', {
      title: `${subject.en}: purpose forbidden by law`,
      titleZh: `${subject.zh}用途违法`,
      explanation: `"${action.summary}" (${action.startedAt}) exercised "${en(power)}" for ${purpose.en} (recorded purpose: ${action.purpose}). ` +
        `${laws.map((l) => l.en).join('; ')}.`,
      explanationZh: `“${action.summaryZh}”（${action.startedAt}）行使“${zh(power)}”，目的是${purpose.zh}。${laws.map((l) => l.zh).join('；')}。`,
      nodeIds: [action.id, ...broken.map((r) => r.grant.id)],
      power: noun({ ...power, label: 'Power' }),
      evidence: evidenceOf(described, [action.id, ...broken.flatMap((r) => [r.grant.id, r.provision.id])]),
      affected: action.affectedCount,
      detail: actionDetail(action),
    });
  });
}

// -------------------------------------------------------------------- UNATTRIBUTED_ACTION

interface UnattributedRow {
  action: ActionFacts;
  powers: Ref[];
  place: Ref | null;
  otherActors: { role: string; who: Ref }[];
}

async function unattributedFindings(db: Database, question: Question): Promise<Ranked[]> {
  const rows = await runAnalysis<UnattributedRow>(db, 'gaps/unattributedAction', { case: question.case, at: question.at });
  const described = await describeNodes(db, rows.map((r) => r.action.id));
  return rows.map((r) => {
    const subject = actionSubject(r.action);
    const others = r.otherActors.length
      ? {
          en: ` The record names only ${r.otherActors.map((o) => `${en(o.who)} (${o.role.toLowerCase()})`).join(', ')}.`,
          zh: `记录中只有：${r.otherActors.map((o) => `${zh(o.who)}（${o.role}）`).join('、')}。`,
        }
      : { en: ' The record names no actor at all.', zh: '记录中没有任何行为主体。' };
    return findingOf('UNATTRIBUTED_ACTION', {
      title: `${subject.en}: nobody is known to have decided it`,
      titleZh: `${subject.zh}：不知由谁决定`,
      explanation: `"${r.action.summary}" (${r.action.startedAt}${r.place ? `, ${en(r.place)}` : ''}) happened, but no body or official is known to have decided it.${others.en}`,
      explanationZh: `“${r.action.summaryZh}”（${r.action.startedAt}${r.place ? `，${zh(r.place)}` : ''}）确有发生，但不知由谁决定。${others.zh}`,
      nodeIds: [r.action.id],
      power: r.powers[0] ? noun({ ...r.powers[0], label: 'Power' }) : null,
      evidence: evidenceOf(described, [r.action.id]),
      severity: touchesCodes(r.action) ? 'MEDIUM' : 'LOW',
      affected: r.action.affectedCount,
      detail: actionDetail(r.action),
    });
  });
}

// ------------------------------------------------------------------- DISCLAIMED_AUTHORITY

interface DisclaimRow {
  statement: { id: string; saidOn: string; stance: string; quote: string | null; quoteZh: string | null; speaker: string | null };
  power: Ref;
  related: string[];
  root: string;
  body: Ref;
  person: Ref | null;
  place: Ref | null;
}

async function disclaimedFindings(db: Database, question: Question, lookup: HolderLookup): Promise<Ranked[]> {
  const rows = await runAnalysis<DisclaimRow>(db, 'gaps/disclaimedAuthority', { case: question.case, at: question.at });
  const hits: { row: DisclaimRow; holders: Holder[] }[] = [];
  for (const row of rows) {
    // Holding the power, a broader one or a narrower one is holding (part of) what was disclaimed.
    const holders = (await lookup.holders(row.root, row.related, row.place?.id ?? null, row.statement.saidOn)).filter((h) => h.body.id === row.body.id);
    if (holders.length) hits.push({ row, holders });
  }
  // One finding per body and day: the powers it disclaimed that day, with every statement.
  const byBodyDay = new Map<string, { row: DisclaimRow; holders: Holder[] }[]>();
  for (const hit of hits) {
    const key = `${hit.row.body.id}|${hit.row.statement.saidOn}`;
    byBodyDay.set(key, [...(byBodyDay.get(key) ?? []), hit]);
  }
  const described = await describeNodes(db, hits.flatMap(({ row, holders }) => [row.statement.id, ...holders.map((h) => h.grantId)]));
  return [...byBodyDay.values()].map((group) => {
    const { body, statement: first } = group[0]!.row;
    const powers = [...new Map(group.map((g) => [g.row.power.id, g.row.power])).values()];
    const statements = [...new Map(group.map((g) => [g.row.statement.id, g.row])).values()];
    const grantIds = [...new Set(group.flatMap((g) => g.holders.map((h) => h.grantId)))];
    const grants = grantIds.map((id) => refOf(described, id, 'Grant'));
    const said = statements.map(({ statement: row, person }) => {
      const verb = row.stance === 'DENIES_SELF'
        ? { en: 'said it does not hold it', zh: '称自己没有此权力' }
        : { en: 'said it did not know who holds it', zh: '称不清楚谁有此权力' };
      const who = person ? { en: `${en(person)} of ${en(body)}`, zh: `${zh(body)}的${zh(person)}` }
        : row.speaker ? { en: `${en(body)} (${row.speaker})`, zh: zh(body) } : { en: en(body), zh: zh(body) };
      return {
        en: `${who.en} ${verb.en}: "${row.quote ?? row.quoteZh ?? ''}"`,
        zh: `${who.zh}${verb.zh}：“${row.quoteZh ?? row.quote ?? ''}”`,
      };
    });
    const powerShort = powers.map((p) => `"${p.name ?? p.nameZh ?? p.id}"`).join(' and ');
    const powerZh = powers.map((p) => `“${zh(p)}”`).join('、');
    return findingOf('DISCLAIMED_AUTHORITY', {
      title: `${short(body)} disclaimed ${powerShort} on ${first.saidOn}, a power it holds by law`,
      titleZh: `${zh(body)}于${first.saidOn}否认其依法享有的${powerZh}权力`,
      explanation: `On ${first.saidOn} ${said.map((s) => s.en).join('; ')}. ` +
        `Yet on that day the law gave ${en(body)} ${powers.map((p) => `"${en(p)}"`).join(' and ')} or part of it: ${grants.map((g) => g.name ?? g.id).join('; ')}.`,
      explanationZh: `${first.saidOn}，${said.map((s) => s.zh).join('；')}。` +
        `但当天的规定赋予${zh(body)}${powerZh}或其一部分：${grants.map((g) => g.nameZh ?? g.id).join('；')}。`,
      nodeIds: [...statements.map((r) => r.statement.id), body.id, ...powers.map((p) => p.id)],
      power: noun({ ...powers[0]!, label: 'Power' }),
      evidence: evidenceOf(described, [...statements.map((r) => r.statement.id), ...grantIds]),
    });
  });
}

// ---------------------------------------------------------------- CONFLICTING_ATTRIBUTION

interface ConflictRow {
  power: Ref;
  holders: { body: Ref; statements: { id: string; stance: string; saidOn: string; by: Ref }[] }[];
}

async function conflictingFindings(db: Database, question: Question): Promise<Ranked[]> {
  const rows = await runAnalysis<ConflictRow>(db, 'gaps/conflictingAttribution', { case: question.case, at: question.at });
  const described = await describeNodes(db, rows.flatMap((r) => r.holders.flatMap((h) => h.statements.map((s) => s.id))));
  return rows.map((r) => {
    const statementIds = r.holders.flatMap((h) => h.statements.map((s) => s.id));
    // Who named whom: each holder with the speakers who named it (or itself, when it claimed it).
    const parts = r.holders.map((h) => {
      const claims = h.statements.filter((s) => s.stance === 'CLAIMS_SELF');
      const named = h.statements.filter((s) => s.stance !== 'CLAIMS_SELF');
      const bySpeaker = new Map<string, { by: Ref; days: string[] }>();
      for (const s of named) {
        const entry = bySpeaker.get(s.by.id) ?? { by: s.by, days: [] };
        if (!entry.days.includes(s.saidOn)) entry.days.push(s.saidOn);
        bySpeaker.set(s.by.id, entry);
      }
      const namers = [...bySpeaker.values()];
      return {
        en: `${en(h.body)}: ${[
          claims.length ? `claimed by itself (${claims.map((s) => s.saidOn).join(', ')})` : '',
          namers.length ? `named by ${namers.map((n) => `${en(n.by)} (${n.days.join(', ')})`).join(' and ')}` : '',
        ].filter(Boolean).join('; ')}`,
        zh: `${zh(h.body)}：${[
          claims.length ? `自称（${claims.map((s) => s.saidOn).join('、')}）` : '',
          namers.length ? `由${namers.map((n) => `${zh(n.by)}（${n.days.join('、')}）`).join('、')}指认` : '',
        ].filter(Boolean).join('；')}`,
      };
    });
    return findingOf('CONFLICTING_ATTRIBUTION', {
      title: `${r.holders.length} different bodies named as holding "${r.power.name ?? r.power.id}"`,
      titleZh: `“${zh(r.power)}”被指向${r.holders.length}个不同机构`,
      explanation: `Asked who holds "${en(r.power)}", the statements of this case name ${r.holders.length} different bodies. ` +
        `${parts.map((p) => p.en).join('. ')}. ` +
        'A referral ("ask them") counts only when the same speaker also said that body holds the power.',
      explanationZh: `关于“${zh(r.power)}”归谁，本案各方说法指向${r.holders.length}个不同机构。${parts.map((p) => p.zh).join('。')}。` +
        '仅让去“问他们”的说法，只有当同一说话方也称该机构有此权力时才计入。',
      nodeIds: [r.power.id, ...r.holders.map((h) => h.body.id)],
      power: noun({ ...r.power, label: 'Power' }),
      evidence: evidenceOf(described, statementIds),
    });
  });
}

// ------------------------------------------------------------- REFERRAL_LOOP and DEAD_END

/** Where a path ends: the body that spoke last when the trail stops there, else the body last named. */
function pathEnd(path: ReferralPath): { body: NodeRef; how: { en: string; zh: string } } {
  const last = path.steps[path.steps.length - 1]!;
  if (!last.to) return { body: last.from, how: ENDING[last.statement.stance] ?? ENDING.UNKNOWN! };
  return { body: last.to, how: { en: 'nobody is recorded as asking', zh: '无向其求证的记录' } };
}

/** The bodies of a loop's cycle, from the first visit of the body it returns to. */
function cycleOf(path: ReferralPath): NodeRef[] {
  const back = path.steps[path.steps.length - 1]!.to!;
  const start = path.steps.findIndex((s) => s.from.id === back.id);
  return path.steps.slice(Math.max(start, 0)).map((s) => s.from);
}

async function referralFindings(db: Database, question: Question): Promise<{ findings: Ranked[]; incomplete: boolean }> {
  const answer = await referralPaths(db, { case: question.case, power: null, at: question.at });
  const referred = (p: ReferralPath) => p.steps.some((s) => s.to && (s.statement.stance === 'REFERS' || s.statement.stance === 'ATTRIBUTES'));
  const groups = new Map<string, { kind: 'REFERRAL_LOOP' | 'DEAD_END'; paths: ReferralPath[]; end?: ReturnType<typeof pathEnd>; cycle?: NodeRef[] }>();
  for (const p of answer.paths) {
    if (p.outcome === 'LOOP') {
      const cycle = cycleOf(p);
      const key = `LOOP|${p.power?.id ?? ''}|${cycle.map((b) => b.id).sort().join(',')}`;
      const entry = groups.get(key) ?? { kind: 'REFERRAL_LOOP', paths: [], cycle };
      entry.paths.push(p);
      groups.set(key, entry);
    } else if (p.outcome === 'DEAD_END' && referred(p)) {
      const end = pathEnd(p);
      const key = `END|${p.power?.id ?? ''}|${end.body.id}`;
      const entry = groups.get(key) ?? { kind: 'DEAD_END', paths: [], end };
      entry.paths.push(p);
      groups.set(key, entry);
    }
  }
  const findings = [...groups.values()].map(({ kind, paths, end, cycle }) => {
    const power = paths[0]!.power;
    const family = { en: power ? `"${power.name ?? power.id}"` : 'the power', zh: power ? `“${zh(power)}”` : '此权力' };
    const listed = {
      en: paths.length === 1 ? paths[0]!.explanation : paths.map((p, n) => `(${n + 1}) ${p.explanation}`).join(' '),
      zh: paths.length === 1 ? paths[0]!.explanationZh : paths.map((p, n) => `（${n + 1}）${p.explanationZh}`).join(''),
    };
    const common = {
      nodeIds: paths.flatMap((p) => p.nodeIds),
      power,
      evidence: evidenceOf(new Map(), [], paths.flatMap((p) => p.steps.flatMap((s) => s.statement.evidence))),
    };
    if (kind === 'REFERRAL_LOOP') {
      const ring = { en: [...cycle!, cycle![0]!].map(short).join(' → '), zh: [...cycle!, cycle![0]!].map(zh).join(' → ') };
      return findingOf(kind, {
        title: `Asked who holds ${family.en}, the referrals go round in a circle: ${ring.en}`,
        titleZh: `问${family.zh}归谁，推来推去绕成一圈：${ring.zh}`,
        explanation: `${paths.length} referral path${paths.length > 1 ? 's go' : ' goes'} round this circle. ${listed.en}`,
        explanationZh: `${paths.length}条推诿路径绕成这一圈。${listed.zh}`,
        ...common,
      });
    }
    return findingOf(kind, {
      title: `Asked who holds ${family.en}, the referrals end at ${short(end!.body)}: ${end!.how.en}`,
      titleZh: `问${family.zh}归谁，问到${zh(end!.body)}为止：${end!.how.zh}`,
      explanation: `${paths.length} referral path${paths.length > 1 ? 's end' : ' ends'} at ${en(end!.body)}, and no body claims the power. ${listed.en}`,
      explanationZh: `${paths.length}条推诿路径止于${zh(end!.body)}，没有任何机构承认自己有此权力。${listed.zh}`,
      ...common,
    });
  });
  return { findings, incomplete: answer.incomplete };
}

// ------------------------------------------------------------------------- DORMANT_POWER

interface DormantRow {
  power: Ref;
  powerChain: string[];
  root: string;
  place: Ref;
  dates: string[];
  actions: string[];
  actors: Ref[];
  actedThrough: string[];
}

async function dormantFindings(db: Database, question: Question, lookup: HolderLookup): Promise<Ranked[]> {
  const rows = await runAnalysis<DormantRow>(db, 'gaps/dormantPower', { case: question.case, at: question.at });
  // A body acted on a power family when it, one of its parts or an official posted in either
  // took part in an action exercising any power of that family.
  const actedOn = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const id of row.actedThrough) actedOn.set(id, new Set([...(actedOn.get(id) ?? []), row.root]));
  }
  // One finding per holder and power family: what it held, and what others did meanwhile.
  const dormant = new Map<string, { body: Ref; root: string; holders: Holder[]; rows: DormantRow[] }>();
  for (const row of rows) {
    if (!row.actors.length) continue; // "while others did": someone must be known to have acted
    for (const day of row.dates) {
      for (const holder of await lookup.holders(row.root, row.powerChain, row.place.id, day)) {
        if ((holder.modality !== 'DUTY' && holder.modality !== 'POWER') || actedOn.get(holder.body.id)?.has(row.root)) continue;
        const key = `${holder.body.id}|${row.root}`;
        const entry = dormant.get(key) ?? { body: holder.body, root: row.root, holders: [], rows: [] };
        if (!entry.holders.some((h) => h.grantId === holder.grantId)) entry.holders.push(holder);
        if (!entry.rows.includes(row)) entry.rows.push(row);
        dormant.set(key, entry);
      }
    }
  }
  const described = await describeNodes(db, [...dormant.values()].flatMap((d) => [d.root, ...d.holders.map((h) => h.grantId)]));
  return [...dormant.values()].map(({ body, root, holders, rows: exercised }) => {
    const family = refOf(described, root, 'Power');
    const hasDuty = holders.some((h) => h.modality === 'DUTY');
    const hasPower = holders.some((h) => h.modality === 'POWER');
    const modality = hasDuty && hasPower ? { en: 'duties and powers', zh: '职责和职权' } : hasDuty ? { en: 'a duty', zh: '职责' } : { en: 'powers', zh: '职权' };
    const held = holders.map((h) => {
      const grant = refOf(described, h.grantId, 'Grant');
      return {
        en: `${h.modality === 'DUTY' ? 'a duty' : 'the power'} to "${en(h.power)}"${h.grantPlace ? ` in ${en(h.grantPlace)}` : ''} (${grant.name ?? h.grantId})`,
        zh: `${h.grantPlace ? `在${zh(h.grantPlace)}` : ''}“${zh(h.power)}”的${h.modality === 'DUTY' ? '职责' : '职权'}（${grant.nameZh ?? h.grantId}）`,
      };
    });
    const days = exercised.flatMap((r) => r.dates).sort();
    const period = { en: days[0] === days.at(-1) ? days[0] : `${days[0]} to ${days.at(-1)}`, zh: days[0] === days.at(-1) ? days[0] : `${days[0]}至${days.at(-1)}` };
    const others = exercised.map((r) => ({
      en: `${enList(r.actors)} exercised "${en(r.power)}" in ${en(r.place)}`,
      zh: `${zhList(r.actors)}在${zh(r.place)}行使了“${zh(r.power)}”`,
    }));
    return findingOf('DORMANT_POWER', {
      title: `${short(body)} held ${modality.en} over "${family.name ?? root}" but is not shown acting on them`,
      titleZh: `${zh(body)}对“${zh(family)}”负有${modality.zh}却未见作为`,
      explanation: `${en(body)} held ${held.map((h) => h.en).join('; ')}, yet nothing in this case shows it, any of its parts or any official posted in them acting on it, ` +
        `while others did (${period.en}): ${others.map((o) => o.en).join('; ')}.`,
      explanationZh: `${zh(body)}负有${held.map((h) => h.zh).join('；')}，但本案没有其本身、其内设部门或其任职人员作为的记录，而其他机构却行动了（${period.zh}）：${others.map((o) => o.zh).join('；')}。`,
      nodeIds: [body.id, ...holders.map((h) => h.grantId)],
      power: noun({ ...family, label: 'Power' }),
      evidence: evidenceOf(described, holders.map((h) => h.grantId), holders.flatMap((h) => h.chain.flatMap((s) => s.evidence))),
    });
  });
}

// ----------------------------------------------------------------------------- the answer

/** All findings of a case, most severe first; throws UnknownNodeError for an unknown case. */
export async function gaps(db: Database, question: GapsQuestion): Promise<GapsAnswer> {
  const caseRef = requireNode(await describeNodes(db, [question.case]), 'Case', question.case);
  const q = { case: question.case, at: question.at ?? null };
  const lookup = new HolderLookup(db);
  // The kinds are independent: ask for them together.
  const [holderBased, prohibited, unattributed, disclaimed, conflicting, referrals, dormantPowers] = await Promise.all([
    holderBasedFindings(db, q, lookup),
    prohibitedFindings(db, q),
    unattributedFindings(db, q),
    disclaimedFindings(db, q, lookup),
    conflictingFindings(db, q),
    referralFindings(db, q),
    dormantFindings(db, q, lookup),
  ]);
  const all = [...holderBased, ...prohibited, ...unattributed, ...disclaimed, ...conflicting, ...referrals.findings, ...dormantPowers];
  const unique = [...new Map(all.map((f) => [f.id, f])).values()];
  // Two actions whose subjects read alike (same kind of act, people and day): say which is which.
  const titles = new Map<string, number>();
  for (const f of unique) titles.set(f.title, (titles.get(f.title) ?? 0) + 1);
  for (const f of unique) {
    if ((titles.get(f.title) ?? 0) > 1 && f.detail) {
      f.title = `${f.title} — ${f.detail.en}`;
      f.titleZh = `${f.titleZh}——${f.detail.zh}`;
    }
  }
  unique.sort((a, b) =>
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)
    || b.affected - a.affected
    || a.title.localeCompare(b.title)
    || a.id.localeCompare(b.id));
  const limit = question.limit ?? LIST_LIMIT;
  return {
    case: caseRef,
    at: q.at,
    findings: unique.slice(0, limit).map(({ affected: _affected, detail: _detail, ...finding }) => finding),
    incomplete: unique.length > limit || referrals.incomplete,
  };
}
