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
//   | UNATTRIBUTED_ACTION        | MEDIUM   | nobody is known to have decided it                   |
//   | DISCLAIMED_AUTHORITY       | MEDIUM   | a holder by law said it does not hold it / not know  |
//   | CONFLICTING_ATTRIBUTION    | MEDIUM   | statements name different holders of one power       |
//   | REFERRAL_LOOP              | MEDIUM   | "ask them" goes round in a circle                    |
//   | DEAD_END                   | MEDIUM   | "ask them" ends where nobody knows or answers        |
//   | DORMANT_POWER              | LOW      | a holder of a duty did nothing while others acted    |
//
// How a power is held for an action: a grant of the exercised power, or of a broader power
// that contains it (NARROWER_THAN*), in force on the action's first day, in a place that
// contains the action's place. A grant of a narrower power does not cover a broader act: a
// body that may only convert codes is not thereby allowed to "manage the code system".
// Holders come from whoCan (so grants to a type of body, successions and delegations count).
//
// `at`: findings consider what had happened by then (actions started and statements made on
// or before `at`; everything when absent). Each action is still judged by the law in force
// on its own first day, and each statement by the law on the day it was made.
import type { Database } from '../neo4j/database.js';
import { citationEvidence, citationSourceIds, describeNodes, requireNode, refOf, type DescribedNode } from './evidence.js';
import { en, enList, referralPaths, zh, zhList, type ReferralPath, type Ref } from './referralPaths.js';
import { runAnalysis } from './run.js';
import type { Condition, Evidence, Holder, NodeRef } from './types.js';
import { whoCan } from './whoCan.js';

export const GAP_KINDS = [
  'UNAUTHORIZED_ACTION', 'PROHIBITED_ACTION', 'AUTHORITY_VIA_PARENT_ONLY', 'CONDITION_NOT_MET', 'UNATTRIBUTED_ACTION',
  'DISCLAIMED_AUTHORITY', 'CONFLICTING_ATTRIBUTION', 'REFERRAL_LOOP', 'DEAD_END', 'DORMANT_POWER',
] as const;
export type GapKind = (typeof GAP_KINDS)[number];
export type Severity = 'HIGH' | 'MEDIUM' | 'LOW';

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

function noun(ref: Ref): NodeRef {
  return { id: ref.id, label: ref.label ?? 'Power', name: ref.name, nameZh: ref.nameZh };
}

function findingOf(kind: GapKind, parts: Omit<Finding, 'id' | 'kind' | 'severity' | 'nodeIds'> & { nodeIds: string[] }): Finding {
  const nodeIds = [...new Set(parts.nodeIds)].sort();
  return { id: `${kind}:${nodeIds.join(',')}`, kind, severity: SEVERITY[kind], ...parts, nodeIds };
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

// ---------------------------------------------------------------- who held it by law

/**
 * The holders, at `place` on `at`, of grants of the powers in `accepted`. whoCan answers for
 * a power and every narrower one, so one question about the broadest power of the family
 * (`root`) serves every action and statement about that family on that day and place.
 */
class HolderLookup {
  private readonly cache = new Map<string, Promise<Holder[]>>();
  constructor(private readonly db: Database) {}

  async holders(root: string, accepted: string[], place: string | null, at: string): Promise<Holder[]> {
    const key = `${root}|${place ?? ''}|${at}`;
    let pending = this.cache.get(key);
    if (!pending) {
      pending = whoCan(this.db, { power: root, place, at, context: null }).then((a) => [...a.holders, ...a.excludedByContext]);
      this.cache.set(key, pending);
    }
    const wanted = new Set(accepted);
    return (await pending).filter((h) => wanted.has(h.power.id) && h.modality !== 'PROHIBITION');
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
  action: { id: string; summary: string; summaryZh: string; startedAt: string; purpose: string | null; conditionsMet: string | null };
  power: Ref;
  powerChain: string[];
  root: string;
  place: Ref;
  actor: Ref & { label: string };
  roles: string[];
  performed: { citations: string | null; unsourced: boolean | null }[];
  acting: { body: Ref; parents: Ref[] }[];
}

function parseConditionsMet(json: string | null): ConditionRecord[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? (parsed as ConditionRecord[]) : [];
  } catch {
    return [];
  }
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

async function holderBasedFindings(db: Database, question: Required<Omit<GapsQuestion, 'limit'>>, lookup: HolderLookup): Promise<Finding[]> {
  const rows = await runAnalysis<ActorRow>(db, 'gaps/actorsOfActions', { case: question.case, at: question.at });
  // One verdict per (action, power, actor): a person who both decided and executed is one finding.
  const judged: { row: ActorRow; kind: GapKind; holders: Holder[]; via?: Ref; through?: Ref; unmet?: Condition[] }[] = [];
  for (const row of rows) {
    const holders = await lookup.holders(row.root, row.powerChain, row.place.id, row.action.startedAt);
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
      .map((o) => ({ body: o.body, parent: o.parents.find((p) => holders.some((h) => h.body.id === p.id)) }))
      .find((o) => o.parent);
    if (viaParent?.parent) {
      const parent = viaParent.parent;
      judged.push({ row, kind: 'AUTHORITY_VIA_PARENT_ONLY', holders: holders.filter((h) => h.body.id === parent.id), via: parent, through: viaParent.body });
      continue;
    }
    judged.push({ row, kind: 'UNAUTHORIZED_ACTION', holders: [], through: own[0]?.body });
  }
  if (!judged.length) return [];

  const described = await describeNodes(db, judged.flatMap((j) => [
    j.row.action.id, j.row.actor.id, ...j.holders.map((h) => h.grantId),
    ...j.row.performed.flatMap((p) => citationSourceIds(p.citations)),
  ]));
  return judged.map(({ row, kind, holders, via, through, unmet }) => {
    const action = row.action;
    const actor = row.actor;
    const roleEn = row.roles.includes('DECIDED') ? 'decided' : 'carried out';
    const roleZh = row.roles.includes('DECIDED') ? '决定' : '执行';
    const asPerson = actor.label === 'Person' && through
      ? { en: `, acting as a member of ${en(through)}`, zh: `（以${zh(through)}人员身份）` }
      : actor.label === 'Person' ? { en: ', who held no recorded position that day', zh: '（当日无记录在案的职务）' } : { en: '', zh: '' };
    const what = { en: `"${action.summary}" (${action.startedAt}, ${en(row.place)})`, zh: `“${action.summaryZh}”（${action.startedAt}，${zh(row.place)}）` };
    const grantEvidence = holders.flatMap((h) => described.get(h.grantId)?.evidence ?? []);
    const holderChainEvidence = holders.flatMap((h) => h.chain.flatMap((s) => s.evidence));
    const nodeIds = [action.id, actor.id, ...(through ? [through.id] : []), row.power.id];
    const power = noun({ ...row.power, label: 'Power' });
    const performedEvidence = row.performed.flatMap((p) => citationEvidence(p.citations, p.unsourced, described));
    const evidence = evidenceOf(described, [action.id], [...performedEvidence, ...(described.get(actor.id)?.evidence ?? []), ...grantEvidence, ...holderChainEvidence]);
    const bodyEn = en(through ?? actor);
    const bodyZh = zh(through ?? actor);
    if (kind === 'UNAUTHORIZED_ACTION') {
      return findingOf(kind, {
        title: `${en(actor)} ${roleEn} an action without a grant`,
        titleZh: `${zh(actor)}无授权${roleZh}`,
        explanation: `${en(actor)}${asPerson.en} ${roleEn} ${what.en}, exercising the power "${en(row.power)}". ` +
          `No grant in force on ${action.startedAt} gave ${bodyEn}, or any body it is part of, that power (or a broader one) in ${en(row.place)}.`,
        explanationZh: `${zh(actor)}${asPerson.zh}${roleZh}了${what.zh}，行使“${zh(row.power)}”。` +
          `${action.startedAt}有效的规定中，没有任何一项把该权力（或包含它的更大权力）在${zh(row.place)}授予${bodyZh}或其所属机构。`,
        nodeIds, power, evidence,
      });
    }
    if (kind === 'AUTHORITY_VIA_PARENT_ONLY') {
      return findingOf(kind, {
        title: `${en(actor)} ${roleEn} an action only its parent body may take`,
        titleZh: `${zh(actor)}行使的是其上级机构的权力`,
        explanation: `${en(actor)}${asPerson.en} ${roleEn} ${what.en}, exercising "${en(row.power)}". ` +
          `${bodyEn} holds no grant of that power itself; only ${en(via)}, which it is part of, does, and no grant delegates it down. ` +
          'This is weaker than an action with no authority at all, but the law names the parent, not the part.',
        explanationZh: `${zh(actor)}${asPerson.zh}${roleZh}了${what.zh}，行使“${zh(row.power)}”。` +
          `${bodyZh}本身没有该权力，只有其所属的${zh(via)}有，且没有规定把权力下放给它。这比完全无权稍轻，但法律授权的是上级机构，而非其内设部门。`,
        nodeIds: [...nodeIds, via!.id], power, evidence,
      });
    }
    const conditions = (unmet ?? []).map(conditionText);
    return findingOf('CONDITION_NOT_MET', {
      title: `${en(actor)} ${roleEn} an action without meeting the conditions of its grant`,
      titleZh: `${zh(actor)}${roleZh}时未满足授权条件`,
      explanation: `${bodyEn} holds "${en(row.power)}" only under conditions: ${conditions.map((c) => c.en).join('; ')}. ` +
        `Nothing shows that ${what.en} met them.`,
      explanationZh: `${bodyZh}行使“${zh(row.power)}”须满足条件：${conditions.map((c) => c.zh).join('；')}。没有证据表明${what.zh}满足了这些条件。`,
      nodeIds, power, evidence,
    });
  });
}

// ---------------------------------------------------------------------- PROHIBITED_ACTION

interface ProhibitedRow {
  action: { id: string; summary: string; summaryZh: string; startedAt: string; purpose: string };
  power: Ref;
  forbidden: Ref;
  grant: { id: string; purposes: string[] | null };
  grantPlace: Ref;
  provision: { id: string; ref: string };
  instrument: { id: string; title: string; titleZh: string };
}

async function prohibitedFindings(db: Database, question: Required<Omit<GapsQuestion, 'limit'>>): Promise<Finding[]> {
  const rows = await runAnalysis<ProhibitedRow>(db, 'gaps/prohibitedAction', { case: question.case, at: question.at });
  const described = await describeNodes(db, rows.flatMap((r) => [r.action.id, r.grant.id, r.provision.id]));
  return rows.map((r) => {
    const purposes = r.grant.purposes?.length ? r.grant.purposes.join(', ') : null;
    return findingOf('PROHIBITED_ACTION', {
      title: `Action for a purpose the law forbids: ${r.action.purpose}`,
      titleZh: `行为目的为法律所禁止：${r.action.purpose}`,
      explanation: `"${r.action.summary}" (${r.action.startedAt}) exercised "${en(r.power)}" for the purpose "${r.action.purpose}". ` +
        `${r.provision.ref} of ${r.instrument.title} (${r.instrument.titleZh}), in force in ${en(r.grantPlace)}, ` +
        (purposes ? `forbids using "${en(r.forbidden)}" for any purpose other than ${purposes}.` : `forbids "${en(r.forbidden)}".`),
      explanationZh: `“${r.action.summaryZh}”（${r.action.startedAt}）行使“${zh(r.power)}”，目的为“${r.action.purpose}”。` +
        `在${zh(r.grantPlace)}有效的《${r.instrument.titleZh}》${r.provision.ref}` +
        (purposes ? `禁止将“${zh(r.forbidden)}”用于${purposes}以外的目的。` : `禁止“${zh(r.forbidden)}”。`),
      nodeIds: [r.action.id, r.grant.id],
      power: noun({ ...r.power, label: 'Power' }),
      evidence: evidenceOf(described, [r.action.id, r.grant.id, r.provision.id]),
    });
  });
}

// -------------------------------------------------------------------- UNATTRIBUTED_ACTION

interface UnattributedRow {
  action: { id: string; summary: string; summaryZh: string; startedAt: string };
  powers: Ref[];
  place: Ref | null;
  otherActors: { role: string; who: Ref }[];
}

async function unattributedFindings(db: Database, question: Required<Omit<GapsQuestion, 'limit'>>): Promise<Finding[]> {
  const rows = await runAnalysis<UnattributedRow>(db, 'gaps/unattributedAction', { case: question.case, at: question.at });
  const described = await describeNodes(db, rows.map((r) => r.action.id));
  return rows.map((r) => {
    const others = r.otherActors.length
      ? {
          en: ` The record names only ${r.otherActors.map((o) => `${en(o.who)} (${o.role.toLowerCase()})`).join(', ')}.`,
          zh: `记录中只有：${r.otherActors.map((o) => `${zh(o.who)}（${o.role}）`).join('、')}。`,
        }
      : { en: ' The record names no actor at all.', zh: '记录中没有任何行为主体。' };
    return findingOf('UNATTRIBUTED_ACTION', {
      title: 'Nobody is known to have decided this action',
      titleZh: '无人对此行为负责',
      explanation: `"${r.action.summary}" (${r.action.startedAt}${r.place ? `, ${en(r.place)}` : ''}) happened, but no body or official is known to have decided it.${others.en}`,
      explanationZh: `“${r.action.summaryZh}”（${r.action.startedAt}${r.place ? `，${zh(r.place)}` : ''}）确有发生，但不知由谁决定。${others.zh}`,
      nodeIds: [r.action.id],
      power: r.powers[0] ? noun({ ...r.powers[0], label: 'Power' }) : null,
      evidence: evidenceOf(described, [r.action.id]),
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

async function disclaimedFindings(db: Database, question: Required<Omit<GapsQuestion, 'limit'>>, lookup: HolderLookup): Promise<Finding[]> {
  const rows = await runAnalysis<DisclaimRow>(db, 'gaps/disclaimedAuthority', { case: question.case, at: question.at });
  const hits: { row: DisclaimRow; holders: Holder[] }[] = [];
  for (const row of rows) {
    // Holding the power, a broader one or a narrower one is holding (part of) what was disclaimed.
    const holders = (await lookup.holders(row.root, row.related, row.place?.id ?? null, row.statement.saidOn)).filter((h) => h.body.id === row.body.id);
    if (holders.length) hits.push({ row, holders });
  }
  const described = await describeNodes(db, hits.flatMap(({ row, holders }) => [row.statement.id, ...holders.map((h) => h.grantId)]));
  return hits.map(({ row, holders }) => {
    const said = row.statement.stance === 'DENIES_SELF'
      ? { en: 'said it does not hold it', zh: '称自己没有此权力' }
      : { en: 'said it did not know who holds it', zh: '称不清楚谁有此权力' };
    const grants = holders.map((h) => refOf(described, h.grantId, 'Grant'));
    const who = row.person ? { en: `${en(row.person)} of ${en(row.body)}`, zh: `${zh(row.body)}的${zh(row.person)}` } : { en: en(row.body), zh: zh(row.body) };
    return findingOf('DISCLAIMED_AUTHORITY', {
      title: `${en(row.body)} disclaimed a power it holds by law`,
      titleZh: `${zh(row.body)}否认其依法享有的权力`,
      explanation: `On ${row.statement.saidOn} ${who.en} ${said.en}: "${row.statement.quote ?? row.statement.quoteZh ?? ''}". ` +
        `Yet on that day the law gave ${en(row.body)} "${en(row.power)}" or part of it: ${grants.map((g) => g.name ?? g.id).join('; ')}.`,
      explanationZh: `${row.statement.saidOn}，${who.zh}${said.zh}：“${row.statement.quoteZh ?? row.statement.quote ?? ''}”。` +
        `但当天的规定赋予${zh(row.body)}“${zh(row.power)}”或其一部分：${grants.map((g) => g.nameZh ?? g.id).join('；')}。`,
      nodeIds: [row.statement.id, row.body.id, row.power.id],
      power: noun({ ...row.power, label: 'Power' }),
      evidence: evidenceOf(described, [row.statement.id, ...holders.map((h) => h.grantId)]),
    });
  });
}

// ---------------------------------------------------------------- CONFLICTING_ATTRIBUTION

interface ConflictRow {
  power: Ref;
  holders: { body: Ref; statements: { id: string; stance: string }[] }[];
}

async function conflictingFindings(db: Database, question: Required<Omit<GapsQuestion, 'limit'>>): Promise<Finding[]> {
  const rows = await runAnalysis<ConflictRow>(db, 'gaps/conflictingAttribution', { case: question.case, at: question.at });
  const described = await describeNodes(db, rows.flatMap((r) => r.holders.flatMap((h) => h.statements.map((s) => s.id))));
  return rows.map((r) => {
    const statementIds = r.holders.flatMap((h) => h.statements.map((s) => s.id));
    const parts = r.holders.map((h) => {
      const claims = h.statements.filter((s) => s.stance === 'CLAIMS_SELF').length;
      const named = h.statements.length - claims;
      return {
        en: `${en(h.body)} (${[claims ? `claimed by itself ${claims}×` : '', named ? `named by others ${named}×` : ''].filter(Boolean).join(', ')})`,
        zh: `${zh(h.body)}（${[claims ? `自称${claims}次` : '', named ? `被他人指认${named}次` : ''].filter(Boolean).join('，')}）`,
      };
    });
    return findingOf('CONFLICTING_ATTRIBUTION', {
      title: `${r.holders.length} different bodies are named as holding one power`,
      titleZh: `同一权力被指向${r.holders.length}个不同机构`,
      explanation: `Asked who holds "${en(r.power)}", the statements of this case name ${r.holders.length} different bodies: ${parts.map((p) => p.en).join('; ')}.`,
      explanationZh: `关于“${zh(r.power)}”归谁，本案各方说法指向${r.holders.length}个不同机构：${parts.map((p) => p.zh).join('；')}。`,
      nodeIds: [r.power.id, ...r.holders.map((h) => h.body.id)],
      power: noun({ ...r.power, label: 'Power' }),
      evidence: evidenceOf(described, statementIds),
    });
  });
}

// ------------------------------------------------------------- REFERRAL_LOOP and DEAD_END

async function referralFindings(db: Database, question: Required<Omit<GapsQuestion, 'limit'>>): Promise<{ findings: Finding[]; incomplete: boolean }> {
  const answer = await referralPaths(db, { case: question.case, power: null, at: question.at });
  const findings = answer.paths
    .filter((p): p is ReferralPath & { outcome: 'LOOP' | 'DEAD_END' } => p.outcome === 'LOOP' || p.outcome === 'DEAD_END')
    .map((p) => findingOf(p.outcome === 'LOOP' ? 'REFERRAL_LOOP' : 'DEAD_END', {
      title: p.outcome === 'LOOP' ? 'Referrals go round in a circle' : 'Referrals end where nobody knows or answers',
      titleZh: p.outcome === 'LOOP' ? '推来推去，绕成一圈' : '问到最后，无人知道或无人接听',
      explanation: p.explanation,
      explanationZh: p.explanationZh,
      nodeIds: p.nodeIds,
      power: p.power,
      evidence: evidenceOf(new Map(), [], p.steps.flatMap((s) => s.statement.evidence)),
    }));
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
}

async function dormantFindings(db: Database, question: Required<Omit<GapsQuestion, 'limit'>>, lookup: HolderLookup): Promise<Finding[]> {
  const rows = await runAnalysis<DormantRow>(db, 'gaps/dormantPower', { case: question.case, at: question.at });
  // A body acted on a held power when it took part in an action exercising that power or a
  // narrower one: the HQ that assigned codes acted on its power over the whole code system.
  const actedOn = new Map<string, Set<string>>();
  for (const row of rows) {
    for (const actor of row.actors) actedOn.set(actor.id, new Set([...(actedOn.get(actor.id) ?? []), ...row.powerChain]));
  }
  // One finding per holder and grant: what it held, and what others did under it meanwhile.
  const dormant = new Map<string, { holder: Holder; rows: DormantRow[] }>();
  for (const row of rows) {
    if (!row.actors.length) continue; // "while others did": someone must be known to have acted
    for (const day of row.dates) {
      for (const holder of await lookup.holders(row.root, row.powerChain, row.place.id, day)) {
        if ((holder.modality === 'DUTY' || holder.modality === 'POWER') && !actedOn.get(holder.body.id)?.has(holder.power.id)) {
          const key = `${holder.body.id}|${holder.grantId}`;
          const entry = dormant.get(key) ?? { holder, rows: [] };
          if (!entry.rows.includes(row)) entry.rows.push(row);
          dormant.set(key, entry);
        }
      }
    }
  }
  const described = await describeNodes(db, [...dormant.values()].map((d) => d.holder.grantId));
  return [...dormant.values()].map(({ holder, rows: exercised }) => {
    const modality = holder.modality === 'DUTY' ? { en: 'a duty', zh: '职责' } : { en: 'the power', zh: '职权' };
    const grant = refOf(described, holder.grantId, 'Grant');
    const days = exercised.flatMap((r) => r.dates).sort();
    const period = { en: days[0] === days.at(-1) ? days[0] : `${days[0]} to ${days.at(-1)}`, zh: days[0] === days.at(-1) ? days[0] : `${days[0]}至${days.at(-1)}` };
    const others = exercised.map((r) => ({
      en: `${enList(r.actors)} exercised "${en(r.power)}" in ${en(r.place)}`,
      zh: `${zhList(r.actors)}在${zh(r.place)}行使了“${zh(r.power)}”`,
    }));
    return findingOf('DORMANT_POWER', {
      title: `${en(holder.body)} held ${modality.en} but is not shown acting on it`,
      titleZh: `${zh(holder.body)}负有${modality.zh}却未见作为`,
      explanation: `${en(holder.body)} held ${modality.en} to "${en(holder.power)}"${holder.grantPlace ? ` in ${en(holder.grantPlace)}` : ''} ` +
        `(${grant.name ?? holder.grantId}), yet nothing in this case shows it acting on it, while others did (${period.en}): ${others.map((o) => o.en).join('; ')}.`,
      explanationZh: `${zh(holder.body)}${holder.grantPlace ? `在${zh(holder.grantPlace)}` : ''}对“${zh(holder.power)}”负有${modality.zh}` +
        `（${grant.nameZh ?? holder.grantId}），但本案没有其作为的记录，而其他机构却行动了（${period.zh}）：${others.map((o) => o.zh).join('；')}。`,
      nodeIds: [holder.body.id, holder.grantId],
      power: holder.power,
      evidence: evidenceOf(described, [holder.grantId], holder.chain.flatMap((s) => s.evidence)),
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
  unique.sort((a, b) =>
    SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)
    || GAP_KINDS.indexOf(a.kind) - GAP_KINDS.indexOf(b.kind)
    || a.id.localeCompare(b.id));
  const limit = question.limit ?? 200;
  return {
    case: caseRef,
    at: q.at,
    findings: unique.slice(0, limit),
    incomplete: unique.length > limit || referrals.incomplete,
  };
}
