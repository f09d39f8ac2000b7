// whoCan (whoCan.cypher): the de jure holders of a power in a place at a date, each with
// the chain that justifies it and its conditions evaluated against the caller's context.
import type { Database } from '../neo4j/database.js';
import { citationEvidence, citationSourceIds, describeNodes, refOf, requireNode, UnknownNodeError, type DescribedNode } from './evidence.js';
import { positionsOn, positionStep, positionWords, type HeldPosition } from './positions.js';
import {
  bodyState,
  coversState,
  dateValue,
  dateZh,
  grantLimits,
  instrumentStart,
  limitsState,
  onDate,
  started,
  type BodyFacts,
  type LawFacts,
  type Limit,
  type Tri,
} from './inForce.js';
import { formatDate } from '../dates.js';
import { en, zh } from './names.js';
import { LIST_LIMIT, runAnalysis, storedJson } from './run.js';
import type {
  Basis,
  ChainStep,
  Condition,
  ConditionContext,
  ConditionStatus,
  Holder,
  HoldingVia,
  Modality,
  NodeRef,
  Reading,
  WhoCanAnswer,
} from './types.js';

export interface WhoCanParams {
  power: string;
  place?: string | null;
  /** YYYY-MM-DD */
  at: string;
  context?: ConditionContext | null;
  limit?: number;
  /** AS_IT_STOOD (default) or AS_LATER_HELD (every later holding of invalidity applied). */
  reading?: Reading | null;
  /**
   * Only this holder: a Body, or a Person answered through the bodies of the positions the
   * person held on `at` (acting and interim ones included), each holding led by a POSITION step.
   */
  holder?: string | null;
}

interface InstrumentRow {
  id: string;
  officialId: string | null;
  effective?: boolean;
  from: string | null;
  fromLast?: string | null;
  to: string | null;
  toLast?: string | null;
}
interface HigherRow {
  id: string;
  depth: number;
  officialId: string | null;
}
interface ProvisionRow {
  id: string;
  text: string | null;
  textZh: string | null;
}
interface SuccessionRow {
  from: string;
  to: string;
  on: string;
  onLast?: string | null;
  how: string;
  state?: number;
  citations: string | null;
  unsourced: boolean;
}
interface AgentRow {
  id: string;
  body: BodyFacts;
  from: string | null;
  fromLast: string | null;
  to: string | null;
  toLast: string | null;
  basis: string | null;
  citations: string | null;
  unsourced: boolean;
  /** Set by judging: whether the relation covers D and the agent exists then. */
  covers?: Tri;
  exists?: Tri;
}
interface DelegationRow {
  issuerId: string;
  issuer?: BodyFacts;
  law?: LawFacts;
  grantId: string;
  modality: string;
  powerId: string;
  placeId: string;
  note: string | null;
  basis?: string | null;
  provision: ProvisionRow;
  instrument: InstrumentRow;
  higher: HigherRow[];
}

export interface HoldingRow {
  bodyId: string;
  via: HoldingVia;
  grantId: string;
  modality: Modality;
  conditions: string | null;
  note: string | null;
  powerId: string;
  grantPlaceId: string;
  provision: ProvisionRow;
  instrument: InstrumentRow;
  higher: HigherRow[];
  bodyTypeId: string | null;
  jurisdictionId: string | null;
  successions: SuccessionRow[];
  basis?: string | null;
  typeLevel?: boolean;
  /** The facts the in-force rule reads (whoCan.cypher). */
  law: LawFacts;
  body: BodyFacts | null;
  delegations?: DelegationRow[];
  agents?: AgentRow[];
  /** Set by judging the row on D (judgeRows). */
  delegation?: DelegationRow | null;
  limits?: Limit[];
  grantState?: Tri;
  bodyState?: Tri;
}

/** A condition as stored in Grant.conditions and RESTRICTS.conditions (model.ts). */
export interface StoredCondition {
  kind: string;
  id?: string;
  param?: string;
  min?: number;
  max?: number;
  body?: string;
  description?: string;
  descriptionZh?: string;
}

/** A recorded outcome of a condition, as stored in Action.conditionsMet. */
export interface Outcome {
  condition?: string;
  kind?: string;
  met?: boolean | null;
  note?: string;
  noteZh?: string;
  evidence?: { source: string; quote?: string; quoteZh?: string; locator?: string }[];
}

const ROW_CAP = 10_000;

// ---------------------------------------------------------------- conditions

/** The conditions of a grant (or a restriction), each with its id: given, else `<owner>#<n>` (1-based). */
export function parseConditions(json: string | null | undefined, owner = ''): StoredCondition[] {
  const parsed = storedJson(json);
  const list = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' ? [parsed] : [];
  return list
    .map((c, n) => (c && typeof c === 'object' ? { ...(c as StoredCondition), id: (c as StoredCondition).id ?? `${owner}#${n + 1}` } : c))
    .filter((c): c is StoredCondition => typeof c?.kind === 'string');
}

/** The outcomes an action records (Action.conditionsMet). */
export function parseOutcomes(json: string | null | undefined): Outcome[] {
  const parsed = storedJson(json);
  return Array.isArray(parsed) ? parsed.filter((o): o is Outcome => !!o && typeof o === 'object') : [];
}

const LISTED_IN: Record<string, 'consents' | 'approvals' | 'procedures'> = { CONSENT: 'consents', APPROVAL: 'approvals', PROCEDURE: 'procedures' };

/** The recorded outcome that decides a condition: one naming its id, else a legacy one of its kind. */
export function outcomeOf(condition: StoredCondition, outcomes: Outcome[]): Outcome | undefined {
  return outcomes.find((o) => o.condition && o.condition === condition.id) ?? outcomes.find((o) => !o.condition && o.kind === condition.kind);
}

/**
 * Whether the caller's context meets a condition, in this order: `met` (by condition id),
 * the recorded outcomes of the context's `action`, a threshold's param compared with
 * min/max, and the legacy lists (consents, approvals, procedures: met when listed by body,
 * param, id or description). Anything nothing says is UNKNOWN; `met: null` is UNKNOWN too.
 */
export function conditionStatus(condition: StoredCondition, context: ConditionContext | null | undefined, outcomes: Outcome[] = []): ConditionStatus {
  const given = condition.id && context?.met && typeof context.met === 'object' ? context.met[condition.id] : undefined;
  if (typeof given === 'boolean') return given ? 'MET' : 'NOT_MET';
  const recorded = outcomeOf(condition, outcomes);
  if (recorded && typeof recorded.met === 'boolean') return recorded.met ? 'MET' : 'NOT_MET';
  if (!context) return 'UNKNOWN';
  if (condition.kind === 'THRESHOLD') {
    const raw = condition.param ? context[condition.param] : undefined;
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    if (!Number.isFinite(value)) return 'UNKNOWN';
    const aboveMin = condition.min === undefined || condition.min === null || value >= condition.min;
    const belowMax = condition.max === undefined || condition.max === null || value <= condition.max;
    return aboveMin && belowMax ? 'MET' : 'NOT_MET';
  }
  const key = LISTED_IN[condition.kind];
  const listed = key ? context[key] : undefined;
  if (!Array.isArray(listed)) return 'UNKNOWN';
  const names = [condition.body, condition.param, condition.id, condition.description, condition.descriptionZh].filter(Boolean);
  return listed.some((entry) => names.includes(String(entry))) ? 'MET' : 'UNKNOWN';
}

function conditionOf(
  c: StoredCondition,
  from: Condition['from'],
  context: ConditionContext | null | undefined,
  outcomes: Outcome[],
  described: Map<string, DescribedNode>,
): Condition {
  const status = conditionStatus(c, context, outcomes);
  const recorded = context?.met?.[c.id ?? ''] === undefined ? outcomeOf(c, outcomes) : undefined;
  const decided = recorded && typeof recorded.met === 'boolean';
  return {
    id: c.id ?? '',
    from,
    kind: c.kind,
    param: c.param ?? null,
    min: c.min ?? null,
    max: c.max ?? null,
    body: c.body ? refOf(described, c.body, 'Body') : null,
    description: c.description ?? null,
    descriptionZh: c.descriptionZh ?? null,
    status,
    outcomeNote: decided ? (recorded.note ?? null) : null,
    outcomeNoteZh: decided ? (recorded.noteZh ?? null) : null,
    evidence: decided && recorded.evidence?.length ? citationEvidence(JSON.stringify(recorded.evidence), false, described) : [],
  };
}

// ---------------------------------------------------------------- basis

const BASIS_ORDER: Basis[] = ['STATED', 'EDITOR_READING', 'INFERRED'];
export const basisOf = (value: string | null | undefined): Basis => (BASIS_ORDER.includes(value as Basis) ? (value as Basis) : 'STATED');
/** The weakest of several bases. */
export const weakest = (bases: Basis[]): Basis =>
  bases.reduce((w, b) => (BASIS_ORDER.indexOf(b) > BASIS_ORDER.indexOf(w) ? b : w), 'STATED' as Basis);
/** The words that say a claim's basis, inside the sentence that makes it ('' when stated). */
export function basisWords(basis: Basis): { en: string; zh: string } {
  if (basis === 'EDITOR_READING') return { en: ', as an editor reads the sources', zh: '据编者对来源的解读，' };
  if (basis === 'INFERRED') return { en: ', as the analysis infers', zh: '经分析推断，' };
  return { en: '', zh: '' };
}

// ---------------------------------------------------------------- chains

const MODALITY_WORDS: Record<string, [string, string]> = {
  POWER: ['Confers the power to', '授予职权：'],
  DUTY: ['Imposes the duty to', '规定职责：'],
  PERMISSION: ['Permits to', '许可：'],
  PROHIBITION: ['Prohibits to', '禁止：'],
};

const HOW_WORDS: Record<string, [string, string]> = {
  RENAMED: ['renamed', '更名为'],
  MERGED: ['merged into', '并入'],
  REPLACED: ['replaced by', '由其取代：'],
};
const howOf = (how: string): [string, string] => HOW_WORDS[how] ?? ['succeeded by', '由其承继：'];

export function step(
  kind: ChainStep['kind'],
  node: NodeRef,
  text: string | null,
  textZh: string | null,
  described: Map<string, DescribedNode>,
  evidence?: ChainStep['evidence'],
  basis: Basis = 'STATED',
): ChainStep {
  return { kind, node, text, textZh, evidence: evidence ?? described.get(node.id)?.evidence ?? [], basis };
}

/** Power name for English text: its English name, else its Chinese one. */
const powerEn = (n: NodeRef) => n.name ?? n.nameZh ?? 'this power';

function inForceText(instrument: InstrumentRow): [string, string] {
  const number = instrument.officialId ? `; ${instrument.officialId}` : '';
  const numberZh = instrument.officialId ? `（${instrument.officialId}）` : '';
  const from = instrument.from ? dateValue(instrument.from, instrument.fromLast) : null;
  const to = instrument.to ? ` to ${dateValue(instrument.to, instrument.toLast)}` : '';
  const toZh = instrument.to ? `，${dateZh(instrument.to, instrument.toLast)}止` : '';
  if (!from) return [`In force; its start is not recorded${to}${number}`, `施行日期未记录${toZh}${numberZh}`];
  if (instrument.effective === false) {
    // Only an issue date is recorded: it is not a date of effect.
    return [
      `Issued ${onDate(instrument.from!, instrument.fromLast)}; no date of effect is recorded${to}${number}`,
      `${dateZh(instrument.from!, instrument.fromLast)}发布，施行日期未记录${toZh}${numberZh}`,
    ];
  }
  return [`In force from ${from}${to}${number}`, `自${dateZh(instrument.from!, instrument.fromLast)}起施行${toZh}${numberZh}`];
}

/** GRANT, PROVISION, INSTRUMENT and the IMPLEMENTS steps above it, nearest first. */
export function lawSteps(
  grant: { id: string; modality: string; note: string | null; powerId: string; placeId: string; basis?: string | null },
  provision: ProvisionRow,
  instrument: InstrumentRow,
  higher: HigherRow[],
  described: Map<string, DescribedNode>,
): ChainStep[] {
  const power = refOf(described, grant.powerId, 'Power');
  const place = refOf(described, grant.placeId, 'Place');
  const [word, wordZh] = MODALITY_WORDS[grant.modality] ?? ['Concerns', '涉及：'];
  const basis = basisOf(grant.basis);
  const words = basisWords(basis);
  const steps: ChainStep[] = [
    step(
      'GRANT',
      refOf(described, grant.id, 'Grant'),
      `${word} ${powerEn(power)} within ${en(place)}${words.en}.${grant.note ? ` ${grant.note}` : ''}`,
      `${words.zh}在${zh(place)}范围内${wordZh}${zh(power)}`,
      described,
      undefined,
      basis,
    ),
    step('PROVISION', refOf(described, provision.id, 'Provision'), provision.text, provision.textZh, described),
    step('INSTRUMENT', refOf(described, instrument.id, 'Instrument'), ...inForceText(instrument), described),
  ];
  // An instrument may implement another by more than one path: keep each once, at its nearest depth.
  const nearest = new Map<string, HigherRow>();
  for (const h of higher) if (!nearest.has(h.id) || nearest.get(h.id)!.depth > h.depth) nearest.set(h.id, h);
  const lower = refOf(described, instrument.id, 'Instrument');
  for (const h of [...nearest.values()].sort((a, b) => a.depth - b.depth || a.id.localeCompare(b.id))) {
    const node = refOf(described, h.id, 'Instrument');
    const chain = h.depth === 1 ? '' : ` (${h.depth} levels up)`;
    steps.push(
      step(
        'IMPLEMENTS',
        node,
        `${en(lower)} implements it${chain}${h.officialId ? `; ${h.officialId}` : ''}`,
        `《${zh(lower)}》据此制定${h.depth === 1 ? '' : `（上溯${h.depth}级）`}`,
        described,
      ),
    );
  }
  return steps;
}

// ---------------------------------------------------------------- law that changes law

const CHANGE_STEP: Record<string, ChainStep['kind']> = {
  REPEALED: 'REPEAL',
  AMENDED: 'AMENDMENT',
  HELD_INVALID: 'HOLDING',
  SUSPENDED: 'RESTRICTION',
  CONDITIONED: 'RESTRICTION',
};

/** The chain step of a repeal, amendment, holding of invalidity or restriction, with its citations. */
export function changeStep(limit: Limit, described: Map<string, DescribedNode>): ChainStep | null {
  const kind = CHANGE_STEP[limit.kind];
  if (!kind || !limit.by) return null;
  const by = refOf(described, limit.by, limit.by === limit.byInstrument ? 'Instrument' : 'Provision');
  const target = refOf(described, limit.target, limit.targetLabel);
  const when = limit.on ? onDate(limit.on, limit.onLast) : '';
  const whenZh = limit.on ? dateZh(limit.on, limit.onLast) : '';
  const evidence = citationEvidence(limit.citations, limit.unsourced, described);
  const texts: Record<string, [string, string]> = {
    REPEALED: [`${en(by)} repeals ${en(target)} ${when}`.trim(), `${whenZh}起，${zh(by)}废止${zh(target)}`],
    AMENDED: [
      `${en(by)} amends ${en(target)} ${when}; the amended text's grants end then`.trim(),
      `${whenZh}起，${zh(by)}修改${zh(target)}，原条文授权随之终止`,
    ],
    HELD_INVALID: [
      `${en(by)} holds ${en(target)} invalid ${when}${limit.retroactive ? ', void from the start' : ''}`.trim(),
      `${zh(by)}于${whenZh}认定${zh(target)}无效${limit.retroactive ? '，自始无效' : ''}`,
    ],
    SUSPENDED: [
      `${en(by)} suspends this grant while it is in force${limit.on ? ` (from ${dateValue(limit.on, limit.onLast)}${limit.to ? ` to ${limit.to}` : ''})` : ''}`,
      `${zh(by)}施行期间暂停该授权${limit.on ? `（自${whenZh}起${limit.to ? `，至${limit.to}` : ''}）` : ''}`,
    ],
    CONDITIONED: [
      `${en(by)} adds conditions to this grant while it is in force${limit.on ? ` (from ${dateValue(limit.on, limit.onLast)}${limit.to ? ` to ${limit.to}` : ''})` : ''}`,
      `${zh(by)}施行期间为该授权附加条件${limit.on ? `（自${whenZh}起${limit.to ? `，至${limit.to}` : ''}）` : ''}`,
    ],
  };
  const [text, textZh] = texts[limit.kind];
  return step(kind, by, text, textZh, described, evidence.length ? evidence : undefined);
}

const EVENT_WORDS: Record<string, [string, string]> = {
  GRANT_STARTS: ['The grant took effect', '该授权生效'],
  GRANT_ENDS: ['The grant ended', '该授权终止'],
  INSTRUMENT_STARTS: ['The instrument took effect', '该文件生效'],
  INSTRUMENT_ENDS: ['The instrument ceased to be in force', '该文件失效'],
  REPEALED: ['The repeal took effect', '废止生效'],
  AMENDED: ['The amendment took effect', '修改生效'],
  HELD_INVALID: ['The holding of invalidity was made', '无效认定作出'],
  SUSPENDED: ['The suspension took effect', '暂停生效'],
  CONDITIONED: ['The added conditions took effect', '附加条件生效'],
};

/** A sentence, in each language, on a comparison with an imprecise date that the day asked falls inside. */
export function uncertainSentence(event: [string, string], on: string, onLast: string | null | undefined, at: string): [string, string] {
  return [
    `${event[0]} ${onDate(on, onLast)}; the sources give no day, so whether that was by ${formatDate(at, 'en')} is uncertain.`,
    `${event[1]}的时间仅知为${dateZh(on, onLast)}，无法确定是否在${dateZh(at)}之前。`,
  ];
}

/** The uncertain comparisons of a holding: its limits of state 1, restrictions possibly in force, and successions. */
export function uncertaintiesOf(limits: Limit[], successions: SuccessionRow[], at: string): [string, string][] {
  const out: [string, string][] = [];
  for (const l of limits) {
    const unsure = l.state === 1 || (l.kind === 'CONDITIONED' && l.active === 1);
    if (unsure && l.on) out.push(uncertainSentence(EVENT_WORDS[l.kind] ?? ['It happened', '该事项发生'], l.on, l.onLast, at));
  }
  for (const s of successions) if (s.state === 1) out.push(uncertainSentence(['The succession took place', '机构承继'], s.on, s.onLast, at));
  return out;
}

// ---------------------------------------------------------------- holders

function holderOf(
  row: HoldingRow,
  context: ConditionContext | null | undefined,
  outcomes: Outcome[],
  described: Map<string, DescribedNode>,
  at: string,
): Holder {
  const body = refOf(described, row.bodyId, row.typeLevel ? 'BodyType' : 'Body');
  const chain: ChainStep[] = [];
  let note: string | null = null;
  let noteZh: string | null = null;
  const provisionRef = refOf(described, row.provision.id, 'Provision');
  const grantPlace = refOf(described, row.grantPlaceId, 'Place');

  if (row.typeLevel) {
    chain.push(
      step(
        'BODY_TYPE',
        body,
        `The rule names ${en(body)} within ${en(grantPlace)}; no body of this type is recorded in the case`,
        `规则授予${zh(grantPlace)}范围内的${zh(body)}；本案未记录此类机构`,
        described,
        [],
      ),
    );
    note = `The rule names ${en(body)}; no body of this type is recorded in the case`;
    noteZh = `规则授予${zh(body)}；本案未记录此类机构`;
  } else if (row.bodyTypeId) {
    const type = refOf(described, row.bodyTypeId, 'BodyType');
    const place = refOf(described, row.jurisdictionId ?? '', 'Place');
    chain.push(
      step(
        'BODY_TYPE',
        type,
        `${en(body)} is one of the ${en(type)}, serving ${en(place)}`,
        `${zh(body)}属于${zh(type)}，管辖${zh(place)}`,
        described,
        [],
      ),
    );
    note = `As one of the ${en(type)}, serving ${en(place)}`;
    noteZh = `作为${zh(type)}（管辖${zh(place)}）`;
  }
  if (row.successions.length) {
    // Nearest the body first: the last renaming, then the ones before it.
    for (const s of [...row.successions].reverse()) {
      const from = refOf(described, s.from, 'Body');
      const to = refOf(described, s.to, 'Body');
      const [how, howZh] = howOf(s.how);
      chain.push(
        step(
          'SUCCESSION',
          from,
          `${en(from)} was ${how} ${en(to)} ${onDate(s.on, s.onLast)}`,
          `${dateZh(s.on, s.onLast)}，${zh(from)}${howZh}${zh(to)}`,
          described,
          citationEvidence(s.citations, s.unsourced, described),
        ),
      );
    }
    const first = row.successions[0];
    const named = refOf(described, first.from, 'Body');
    const [how, howZh] = howOf(first.how);
    note = `As successor of ${en(named)} (${how} ${onDate(first.on, first.onLast)}), which the grant names`;
    noteZh = `作为${zh(named)}的继任机构（${dateZh(first.on, first.onLast)}${howZh}${zh(refOf(described, first.to, 'Body'))}），授权原授予该机构`;
  }
  chain.push(
    ...lawSteps(
      { id: row.grantId, modality: row.modality, note: row.note, powerId: row.powerId, placeId: row.grantPlaceId, basis: row.basis },
      row.provision,
      row.instrument,
      row.higher,
      described,
    ),
  );
  if (row.delegation) {
    const d = row.delegation;
    const issuer = refOf(described, d.issuerId, 'Body');
    const instrument = refOf(described, row.instrument.id, 'Instrument');
    const theirs = refOf(described, d.grantId, 'Grant');
    chain.push(
      step(
        'DELEGATION',
        issuer,
        `${en(issuer)}, which holds the power itself (${theirs.name ?? theirs.nameZh}), passed it down by issuing ${en(instrument)}`,
        `${zh(issuer)}本身享有该权力（${zh(theirs)}），通过发布《${zh(instrument)}》将其下放`,
        described,
        [],
      ),
    );
    chain.push(
      ...lawSteps(
        { id: d.grantId, modality: d.modality, note: d.note, powerId: d.powerId, placeId: d.placeId, basis: d.basis },
        d.provision,
        d.instrument,
        d.higher,
        described,
      ),
    );
    note = `Passed down by ${en(issuer)}, which holds the power itself, in ${en(provisionRef)}`;
    noteZh = `由本身享有该权力的${zh(issuer)}通过${zh(provisionRef)}下放`;
  }
  const limits = row.limits ?? [];
  for (const l of limits) {
    const change = changeStep(l, described);
    if (change) chain.push(change);
  }
  if (!note) {
    note = `Named in ${en(provisionRef)}`;
    noteZh = `${zh(provisionRef)}直接规定`;
  }
  const conditions = [
    ...parseConditions(row.conditions, row.grantId).map((c) => conditionOf(c, 'GRANT', context, outcomes, described)),
    ...limits
      .filter((l) => l.kind === 'CONDITIONED')
      .flatMap((l) => parseConditions(l.conditions, l.by).map((c) => conditionOf(c, 'RESTRICTION', context, outcomes, described))),
  ];
  const basis = weakest(chain.map((c) => c.basis));
  const words = basisWords(basis);
  const unsure = uncertaintiesOf(limits, row.successions, at);
  return {
    body,
    via: row.via,
    modality: row.modality,
    power: refOf(described, row.powerId, 'Power'),
    grantPlace,
    conditions,
    note: `${note}${words.en}`,
    noteZh: `${words.zh}${noteZh}`,
    chain,
    grantId: row.grantId,
    basis,
    typeLevel: row.typeLevel === true,
    dateUncertain: unsure.length > 0,
    uncertainty: unsure.length ? unsure.map((u) => u[0]).join(' ') : null,
    uncertaintyZh: unsure.length ? unsure.map((u) => u[1]).join('') : null,
  };
}

/** A body acting for a holder (ACTS_FOR): it holds what its principal holds, for judging its acts. */
function agentHolderOf(principal: Holder, agent: AgentRow, described: Map<string, DescribedNode>, at: string): Holder {
  const body = refOf(described, agent.id, 'Body');
  const basis = basisOf(agent.basis);
  const words = basisWords(basis);
  const relation = step(
    'ACTS_FOR',
    body,
    `${en(body)} acts for ${en(principal.body)}${words.en}; what it does is judged through that body`,
    `${words.zh}${zh(body)}代${zh(principal.body)}行事，其行为通过该机构判断`,
    described,
    citationEvidence(agent.citations, agent.unsourced, described),
    basis,
  );
  const unsure: [string, string][] = [];
  if (agent.covers === 1 && agent.from)
    unsure.push(uncertainSentence(['It began acting for that body', '代行关系开始'], agent.from, agent.fromLast, at));
  const chainBasis = weakest([basis, principal.basis]);
  const chainWords = basisWords(chainBasis);
  return {
    ...principal,
    body,
    via: 'ACTING_FOR',
    note: `Acts for ${en(principal.body)}, which holds it (${principal.note})${chainWords.en}; its acts are judged through that body`,
    noteZh: `${chainWords.zh}代${zh(principal.body)}行事，后者享有该权力（${principal.noteZh}），其行为通过该机构判断`,
    chain: [relation, ...principal.chain],
    basis: chainBasis,
    typeLevel: false,
    dateUncertain: principal.dateUncertain || unsure.length > 0 || agent.exists === 1,
    uncertainty: [principal.uncertainty, ...unsure.map((u) => u[0])].filter(Boolean).join(' ') || null,
    uncertaintyZh: [principal.uncertaintyZh, ...unsure.map((u) => u[1])].filter(Boolean).join('') || null,
  };
}

// ---------------------------------------------------------------- the analysis

/** Every id a holding row mentions, to describe them all in one query. */
export function idsOfHoldings(rows: HoldingRow[], outcomes: Outcome[] = []): string[] {
  const ids: string[] = [];
  for (const r of rows) {
    ids.push(r.bodyId, r.grantId, r.powerId, r.grantPlaceId, r.provision.id, r.instrument.id, ...r.higher.map((h) => h.id));
    if (r.bodyTypeId) ids.push(r.bodyTypeId);
    if (r.jurisdictionId) ids.push(r.jurisdictionId);
    for (const s of r.successions) ids.push(s.from, s.to, ...citationSourceIds(s.citations));
    for (const c of parseConditions(r.conditions)) if (c.body) ids.push(c.body);
    for (const l of r.limits ?? []) {
      ids.push(l.target, ...(l.by ? [l.by] : []), ...(l.byInstrument ? [l.byInstrument] : []), ...citationSourceIds(l.citations));
      for (const c of parseConditions(l.conditions)) if (c.body) ids.push(c.body);
    }
    for (const a of r.agents ?? []) ids.push(a.id, ...citationSourceIds(a.citations));
    for (const c of r.law?.changes ?? []) ids.push(c.target, c.by, ...(c.byInstrument ? [c.byInstrument] : []));
    const d = r.delegation;
    if (d) ids.push(d.issuerId, d.grantId, d.powerId, d.placeId, d.provision.id, d.instrument.id, ...d.higher.map((h) => h.id));
  }
  for (const o of outcomes) for (const e of o.evidence ?? []) if (typeof e?.source === 'string') ids.push(e.source);
  return ids;
}

/** An instrument as lawSteps shows it: its number and its dates from the law facts. */
function instrumentRowOf(instrument: { id: string; officialId: string | null }, law: LawFacts | undefined): InstrumentRow {
  if (!law) return { ...instrument, from: null, to: null };
  const start = instrumentStart(law.instrument);
  const i = law.instrument as Record<string, string | null>;
  return {
    ...instrument,
    effective: start.effective,
    from: start.on,
    fromLast: start.onLast,
    to: i.effectiveTo ?? null,
    toLast: i.effectiveToLast ?? null,
  };
}

/**
 * Keeps the candidate holdings in force on `at` by the shared rule (inForce.ts): the grant
 * in force (or uncertain), the body existing (or uncertain), the successions taken place by
 * then; the first delegation certainly in force; the agents acting for the body then. A
 * type-level row is kept only when no body of its type answers for that grant.
 */
export function judgeRows(rows: HoldingRow[], at: string, reading: Reading): HoldingRow[] {
  const kept: HoldingRow[] = [];
  for (const row of rows) {
    const limits = grantLimits(row.law, at, reading);
    const grantState = limitsState(limits);
    if (grantState === 0) continue;
    let state: Tri = row.typeLevel ? 2 : row.body ? bodyState(row.body, at) : 2;
    const successions = row.successions.map((s) => ({ ...s, state: started(s.on, s.onLast, at) }));
    for (const s of successions) if (s.state < state) state = s.state;
    if (state === 0) continue;
    const delegation =
      (row.delegations ?? []).find((d) => d.law && d.issuer && limitsState(grantLimits(d.law, at, reading)) === 2 && bodyState(d.issuer, at) === 2) ??
      null;
    const agents = (row.agents ?? [])
      .map((a) => ({ ...a, covers: coversState(a, at), exists: bodyState(a.body, at) }))
      .filter((a) => a.covers > 0 && a.exists > 0);
    kept.push({
      ...row,
      limits,
      grantState,
      bodyState: state,
      successions,
      agents,
      via: delegation ? 'BY_DELEGATION' : row.via,
      delegation: delegation ? { ...delegation, instrument: instrumentRowOf(delegation.instrument, delegation.law) } : null,
      instrument: instrumentRowOf(row.instrument, row.law),
    });
  }
  const typed = new Set(kept.filter((r) => r.via === 'BY_TYPE' && !r.typeLevel).map((r) => r.grantId));
  return kept.filter((r) => !r.typeLevel || !typed.has(r.grantId));
}

/** The raw holdings of whoCan.cypher; `capped` is true when the row cap was reached. */
export async function holdingRows(
  db: Database,
  params: { power: string; place?: string | null; at: string; reading?: Reading | null },
): Promise<{ rows: HoldingRow[]; capped: boolean }> {
  const rows = await runAnalysis<HoldingRow>(db, 'whoCan', { power: params.power, place: params.place ?? null, at: params.at, rowCap: ROW_CAP });
  return { rows: judgeRows(rows, params.at, params.reading ?? 'AS_IT_STOOD'), capped: rows.length >= ROW_CAP };
}

/** The outcomes recorded by the context's `action` (empty without one). */
export async function outcomesOf(db: Database, context: ConditionContext | null | undefined): Promise<Outcome[]> {
  const id = context?.action;
  if (typeof id !== 'string' || !id) return [];
  const rows = await db.query<{ met: string | null }>('MATCH (a:Action {id: $id}) RETURN a.conditionsMet AS met', { id });
  return rows.length ? parseOutcomes(rows[0].met) : [];
}

/**
 * Holders from rows, one per body + via + grant, conditions evaluated; split by whether the
 * context rules them out. Bodies acting for a holder follow it (via ACTING_FOR).
 */
export function holdersOf(
  rows: HoldingRow[],
  context: ConditionContext | null | undefined,
  described: Map<string, DescribedNode>,
  options: { outcomes?: Outcome[]; at?: string } = {},
): { holders: Holder[]; excluded: Holder[] } {
  const seen = new Set<string>();
  const holders: Holder[] = [];
  const excluded: Holder[] = [];
  const at = options.at ?? '';
  for (const row of rows) {
    const key = `${row.bodyId}|${row.via}|${row.grantId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const holder = holderOf(row, context, options.outcomes ?? [], described, at);
    if (row.bodyState === 1 && !holder.dateUncertain) {
      const b = row.body;
      const [text, textZh] =
        b?.validFrom && started(b.validFrom, b.validFromLast, at) === 1
          ? uncertainSentence(['The body was set up', '该机构设立'], b.validFrom, b.validFromLast, at)
          : b?.validTo
            ? uncertainSentence(['The body ceased to exist', '该机构撤销'], b.validTo, b.validToLast, at)
            : uncertainSentence(['The body was succeeded', '该机构被承继'], b?.successions?.[0]?.on ?? at, b?.successions?.[0]?.onLast, at);
      Object.assign(holder, { dateUncertain: true, uncertainty: text, uncertaintyZh: textZh });
    }
    // The law is honoured: a grant whose condition the caller's case does not meet confers nothing here
    // — unless the condition comes only from a restriction that may or may not be in force yet (uncertain).
    const unsure = new Set(
      (row.limits ?? [])
        .filter((l) => l.kind === 'CONDITIONED' && l.active === 1)
        .flatMap((l) => parseConditions(l.conditions, l.by).map((c) => c.id)),
    );
    const out = holder.conditions.some((c) => c.status === 'NOT_MET' && !(c.from === 'RESTRICTION' && unsure.has(c.id)));
    (out ? excluded : holders).push(holder);
    for (const agent of row.agents ?? []) {
      const agentKey = `${agent.id}|ACTING_FOR|${row.bodyId}|${row.grantId}`;
      if (seen.has(agentKey)) continue;
      seen.add(agentKey);
      (out ? excluded : holders).push(agentHolderOf(holder, agent, described, at));
    }
  }
  return { holders, excluded };
}

/** The holdings of a person, through the bodies of the positions held on `at`: the person is the holder, the body is `through`. */
function throughPositions(
  holders: Holder[],
  person: NodeRef,
  positions: HeldPosition[],
  described: Map<string, DescribedNode>,
  at: string,
): Holder[] {
  return holders.flatMap((h) =>
    positions
      .filter((p) => p.bodyId === h.body.id)
      .map((p) => {
        const office = positionWords(p, h.body);
        const startUnsure = p.from !== null && started(p.from, p.fromLast, at) === 1;
        const unsure: [string, string] | null =
          p.covers !== 1
            ? null
            : startUnsure
              ? uncertainSentence(['The person took up the position', '其就任该职务'], p.from!, p.fromLast, at)
              : uncertainSentence(['The person left the position', '其离任该职务'], p.to ?? at, p.toLast, at);
        return {
          ...h,
          body: person,
          through: h.body,
          chain: [positionStep(person, p, h.body, described, at), ...h.chain],
          note: `As ${office.en}: ${h.note ?? ''}`.trim(),
          noteZh: `以${office.zh}的身份：${h.noteZh ?? ''}`,
          dateUncertain: h.dateUncertain || unsure !== null,
          uncertainty: [h.uncertainty, unsure?.[0]].filter(Boolean).join(' ') || null,
          uncertaintyZh: [h.uncertaintyZh, unsure?.[1]].filter(Boolean).join('') || null,
        };
      }),
  );
}

export async function whoCan(db: Database, params: WhoCanParams): Promise<WhoCanAnswer> {
  const limit = params.limit ?? LIST_LIMIT;
  const reading: Reading = params.reading ?? 'AS_IT_STOOD';
  const asked = await describeNodes(db, [params.power, ...(params.place ? [params.place] : []), ...(params.holder ? [params.holder] : [])]);
  const power = requireNode(asked, 'Power', params.power);
  const place = params.place ? requireNode(asked, 'Place', params.place) : null;
  const subject = params.holder ? asked.get(params.holder)?.ref : null;
  if (params.holder && (!subject || (subject.label !== 'Body' && subject.label !== 'Person'))) throw new UnknownNodeError('Body', params.holder);
  const positions = subject?.label === 'Person' ? await positionsOn(db, subject.id, params.at) : [];

  const { rows, capped: rowCapped } = await holdingRows(db, { ...params, reading });
  const outcomes = await outcomesOf(db, params.context);
  const described = await describeNodes(db, [
    ...idsOfHoldings(rows, outcomes),
    ...positions.flatMap((p) => [p.bodyId, ...citationSourceIds(p.citations)]),
  ]);
  let { holders, excluded } = holdersOf(rows, params.context, described, { outcomes, at: params.at });
  let holderBodies: NodeRef[] = [];
  if (subject?.label === 'Person') {
    holderBodies = [...new Set(positions.map((p) => p.bodyId))].map((id) => refOf(described, id, 'Body'));
    holders = throughPositions(holders, subject, positions, described, params.at);
    excluded = throughPositions(excluded, subject, positions, described, params.at);
  } else if (subject) {
    holderBodies = [subject];
    holders = holders.filter((h) => h.body.id === subject.id);
    excluded = excluded.filter((h) => h.body.id === subject.id);
  }
  return {
    power,
    place,
    at: params.at,
    reading,
    context: params.context ?? null,
    holders: holders.slice(0, limit),
    excludedByContext: excluded.slice(0, limit),
    holder: subject ?? null,
    holderBodies,
    incomplete: rowCapped || holders.length > limit || excluded.length > limit,
  };
}
