// whoCan (whoCan.cypher): the de jure holders of a power in a place at a date, each with
// the chain that justifies it and its conditions evaluated against the caller's context.
import type { Database } from '../neo4j/database.js';
import { citationEvidence, citationSourceIds, describeNodes, refOf, requireNode, type DescribedNode } from './evidence.js';
import { LIST_LIMIT, runAnalysis, storedJson } from './run.js';
import type {
  ChainStep, Condition, ConditionContext, ConditionStatus, Holder, HoldingVia, Modality, NodeRef, WhoCanAnswer,
} from './types.js';

export interface WhoCanParams {
  power: string;
  place?: string | null;
  /** YYYY-MM-DD */
  at: string;
  context?: ConditionContext | null;
  limit?: number;
}

interface InstrumentRow { id: string; officialId: string | null; from: string | null; to: string | null }
interface HigherRow { id: string; depth: number; officialId: string | null }
interface ProvisionRow { id: string; text: string | null; textZh: string | null }
interface SuccessionRow { from: string; to: string; on: string; how: string; citations: string | null; unsourced: boolean }
interface DelegationRow {
  issuerId: string; grantId: string; modality: string; powerId: string; placeId: string; note: string | null;
  provision: ProvisionRow; instrument: InstrumentRow; higher: HigherRow[];
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
  delegation: DelegationRow | null;
}

/** A condition as stored in Grant.conditions (model.ts). */
interface StoredCondition {
  kind: string;
  id?: string;
  param?: string;
  min?: number;
  max?: number;
  body?: string;
  description?: string;
  descriptionZh?: string;
}

const ROW_CAP = 10_000;

// ---------------------------------------------------------------- conditions

function parseConditions(json: string | null | undefined): StoredCondition[] {
  const parsed = storedJson(json);
  const list = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' ? [parsed] : [];
  return list.filter((c): c is StoredCondition => typeof c?.kind === 'string');
}

const LISTED_IN: Record<string, keyof ConditionContext> = { CONSENT: 'consents', APPROVAL: 'approvals', PROCEDURE: 'procedures' };

/**
 * Whether the caller's context meets a condition. A threshold compares the context's value
 * of its param with min/max; a consent, approval or procedure is met only when the context
 * lists it (by body, param, id or description). Anything the context does not say is UNKNOWN.
 */
export function conditionStatus(condition: StoredCondition, context: ConditionContext | null | undefined): ConditionStatus {
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

function conditionsOf(json: string | null | undefined, context: ConditionContext | null | undefined, described: Map<string, DescribedNode>): Condition[] {
  return parseConditions(json).map((c) => ({
    kind: c.kind,
    param: c.param ?? null,
    min: c.min ?? null,
    max: c.max ?? null,
    body: c.body ? refOf(described, c.body, 'Body') : null,
    description: c.description ?? null,
    descriptionZh: c.descriptionZh ?? null,
    status: conditionStatus(c, context),
  }));
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

function step(kind: ChainStep['kind'], node: NodeRef, text: string | null, textZh: string | null, described: Map<string, DescribedNode>, evidence?: ChainStep['evidence']): ChainStep {
  return { kind, node, text, textZh, evidence: evidence ?? described.get(node.id)?.evidence ?? [] };
}

function inForceText(instrument: InstrumentRow): [string, string] {
  const number = instrument.officialId ? `${instrument.officialId}; ` : '';
  const en = `${number}in force ${instrument.from ? `from ${instrument.from}` : '(start not recorded)'}${instrument.to ? ` to ${instrument.to}` : ''}`;
  const zh = `${number}${instrument.from ? `${instrument.from}起施行` : '施行日期未记录'}${instrument.to ? `，${instrument.to}止` : ''}`;
  return [en, zh];
}

/** GRANT, PROVISION, INSTRUMENT and the IMPLEMENTS steps above it, nearest first. */
function lawSteps(
  grant: { id: string; modality: string; note: string | null; powerId: string; placeId: string },
  provision: ProvisionRow, instrument: InstrumentRow, higher: HigherRow[], described: Map<string, DescribedNode>,
): ChainStep[] {
  const power = refOf(described, grant.powerId, 'Power');
  const place = refOf(described, grant.placeId, 'Place');
  const [word, wordZh] = MODALITY_WORDS[grant.modality] ?? [grant.modality, grant.modality];
  const steps: ChainStep[] = [
    step('GRANT', refOf(described, grant.id, 'Grant'),
      `${word} ${power.name ?? power.id} within ${place.name ?? place.id}${grant.note ? `. ${grant.note}` : ''}`,
      `在${place.nameZh ?? place.id}范围内${wordZh}${power.nameZh ?? power.id}`, described),
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
    steps.push(step('IMPLEMENTS', node,
      `${lower.name ?? lower.id} implements it${chain}${h.officialId ? `; ${h.officialId}` : ''}`,
      `《${lower.nameZh ?? lower.id}》据此制定${h.depth === 1 ? '' : `（上溯${h.depth}级）`}`, described));
  }
  return steps;
}

function holderOf(row: HoldingRow, context: ConditionContext | null | undefined, described: Map<string, DescribedNode>): Holder {
  const body = refOf(described, row.bodyId, 'Body');
  const chain: ChainStep[] = [];
  let note: string | null = null;
  let noteZh: string | null = null;
  const provisionRef = refOf(described, row.provision.id, 'Provision');

  if (row.bodyTypeId) {
    const type = refOf(described, row.bodyTypeId, 'BodyType');
    const place = refOf(described, row.jurisdictionId ?? '', 'Place');
    chain.push(step('BODY_TYPE', type,
      `${body.name ?? body.id} is one of the ${type.name ?? type.id}, serving ${place.name ?? place.id}`,
      `${body.nameZh ?? body.id}属于${type.nameZh ?? type.id}，管辖${place.nameZh ?? place.id}`, described, []));
    note = `As one of the ${type.name ?? type.id} (${type.nameZh ?? ''}), serving ${place.name ?? place.id}`;
    noteZh = `作为${type.nameZh ?? type.id}（管辖${place.nameZh ?? place.id}）`;
  }
  if (row.successions.length) {
    // Nearest the body first: the last renaming, then the ones before it.
    for (const s of [...row.successions].reverse()) {
      const from = refOf(described, s.from, 'Body');
      const to = refOf(described, s.to, 'Body');
      const [how, howZh] = HOW_WORDS[s.how] ?? [s.how.toLowerCase(), s.how];
      chain.push(step('SUCCESSION', from,
        `${from.name ?? from.id} (${from.nameZh ?? ''}) was ${how} ${to.name ?? to.id} on ${s.on}`,
        `${s.on}，${from.nameZh ?? from.id}${howZh}${to.nameZh ?? to.id}`, described,
        citationEvidence(s.citations, s.unsourced, described)));
    }
    const first = row.successions[0];
    const named = refOf(described, first.from, 'Body');
    const [how, howZh] = HOW_WORDS[first.how] ?? [first.how.toLowerCase(), first.how];
    note = `As successor of ${named.nameZh ?? named.name ?? named.id} (${named.name ?? ''}; ${how} on ${first.on}), which the grant names`;
    noteZh = `作为${named.nameZh ?? named.id}的继任机构（${first.on}${howZh}${refOf(described, first.to, 'Body').nameZh ?? ''}），授权原授予该机构`;
  }
  chain.push(...lawSteps(
    { id: row.grantId, modality: row.modality, note: row.note, powerId: row.powerId, placeId: row.grantPlaceId },
    row.provision, row.instrument, row.higher, described,
  ));
  if (row.delegation) {
    const d = row.delegation;
    const issuer = refOf(described, d.issuerId, 'Body');
    const instrument = refOf(described, row.instrument.id, 'Instrument');
    const theirs = refOf(described, d.grantId, 'Grant');
    chain.push(step('DELEGATION', issuer,
      `${issuer.name ?? issuer.id}, which holds the power itself (${theirs.name ?? theirs.id}), passed it down by issuing ${instrument.name ?? instrument.id}`,
      `${issuer.nameZh ?? issuer.id}本身享有该权力（${theirs.nameZh ?? theirs.id}），通过发布《${instrument.nameZh ?? instrument.id}》将其下放`,
      described, []));
    chain.push(...lawSteps({ id: d.grantId, modality: d.modality, note: d.note, powerId: d.powerId, placeId: d.placeId }, d.provision, d.instrument, d.higher, described));
    note = `Passed down by ${issuer.nameZh ?? issuer.name ?? issuer.id} (${issuer.name ?? ''}), which holds the power itself, in ${provisionRef.name ?? provisionRef.id}`;
    noteZh = `由本身享有该权力的${issuer.nameZh ?? issuer.id}通过${provisionRef.nameZh ?? provisionRef.id}下放`;
  }
  if (!note) {
    note = `Named in ${provisionRef.name ?? provisionRef.id}`;
    noteZh = `${provisionRef.nameZh ?? provisionRef.id}直接规定`;
  }
  return {
    body,
    via: row.via,
    modality: row.modality,
    power: refOf(described, row.powerId, 'Power'),
    grantPlace: refOf(described, row.grantPlaceId, 'Place'),
    conditions: conditionsOf(row.conditions, context, described),
    note,
    noteZh,
    chain,
    grantId: row.grantId,
  };
}

// ---------------------------------------------------------------- the analysis

/** Every id a holding row mentions, to describe them all in one query. */
export function idsOfHoldings(rows: HoldingRow[]): string[] {
  const ids: string[] = [];
  for (const r of rows) {
    ids.push(r.bodyId, r.grantId, r.powerId, r.grantPlaceId, r.provision.id, r.instrument.id, ...r.higher.map((h) => h.id));
    if (r.bodyTypeId) ids.push(r.bodyTypeId);
    if (r.jurisdictionId) ids.push(r.jurisdictionId);
    for (const s of r.successions) ids.push(s.from, s.to, ...citationSourceIds(s.citations));
    for (const c of parseConditions(r.conditions)) if (c.body) ids.push(c.body);
    const d = r.delegation;
    if (d) ids.push(d.issuerId, d.grantId, d.powerId, d.placeId, d.provision.id, d.instrument.id, ...d.higher.map((h) => h.id));
  }
  return ids;
}

/** The raw holdings of whoCan.cypher; `capped` is true when the row cap was reached. */
export async function holdingRows(db: Database, params: { power: string; place?: string | null; at: string }): Promise<{ rows: HoldingRow[]; capped: boolean }> {
  const rows = await runAnalysis<HoldingRow>(db, 'whoCan', { power: params.power, place: params.place ?? null, at: params.at, rowCap: ROW_CAP });
  return { rows, capped: rows.length >= ROW_CAP };
}

/** Holders from rows, one per body + via + grant, conditions evaluated; split by whether the context rules them out. */
export function holdersOf(rows: HoldingRow[], context: ConditionContext | null | undefined, described: Map<string, DescribedNode>): { holders: Holder[]; excluded: Holder[] } {
  const seen = new Set<string>();
  const holders: Holder[] = [];
  const excluded: Holder[] = [];
  for (const row of rows) {
    const key = `${row.bodyId}|${row.via}|${row.grantId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const holder = holderOf(row, context, described);
    // The law is honoured: a grant whose condition the caller's case does not meet confers nothing here.
    (holder.conditions.some((c) => c.status === 'NOT_MET') ? excluded : holders).push(holder);
  }
  return { holders, excluded };
}

export async function whoCan(db: Database, params: WhoCanParams): Promise<WhoCanAnswer> {
  const limit = params.limit ?? LIST_LIMIT;
  const asked = await describeNodes(db, [params.power, ...(params.place ? [params.place] : [])]);
  const power = requireNode(asked, 'Power', params.power);
  const place = params.place ? requireNode(asked, 'Place', params.place) : null;

  const { rows, capped: rowCapped } = await holdingRows(db, params);
  const described = await describeNodes(db, idsOfHoldings(rows));
  const { holders, excluded } = holdersOf(rows, params.context, described);
  return {
    power,
    place,
    at: params.at,
    context: params.context ?? null,
    holders: holders.slice(0, limit),
    excludedByContext: excluded.slice(0, limit),
    incomplete: rowCapped || holders.length > limit || excluded.length > limit,
  };
}
