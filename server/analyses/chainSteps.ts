// The steps of a holder's chain in words: the grant, its provision and instrument, the law
// that changed it, and how its basis and uncertain dates are said.
import { citationEvidence, refOf, type DescribedNode } from './evidence.js';
import { dateValue, dateZh, onDate, type Limit } from './inForce.js';
import { formatDate } from '../dates.js';
import { en, zh } from './names.js';
import type { Basis, ChainStep, NodeRef } from './types.js';

import type { HigherRow, InstrumentRow, ProvisionRow, SuccessionRow } from './holdingRows.js';

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
export const howOf = (how: string): [string, string] => HOW_WORDS[how] ?? ['succeeded by', '由其承继：'];

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
  const from = instrument.from ? formatDate(dateValue(instrument.from, instrument.fromLast), 'en') : null;
  const to = instrument.to ? ` to ${formatDate(dateValue(instrument.to, instrument.toLast), 'en')}` : '';
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
      `${en(by)} suspends this grant while it is in force${limit.on ? ` (from ${formatDate(dateValue(limit.on, limit.onLast), 'en')}${limit.to ? ` to ${formatDate(limit.to, 'en')}` : ''})` : ''}`,
      `${zh(by)}施行期间暂停该授权${limit.on ? `（自${whenZh}起${limit.to ? `，至${formatDate(limit.to, 'zh')}` : ''}）` : ''}`,
    ],
    CONDITIONED: [
      `${en(by)} adds conditions to this grant while it is in force${limit.on ? ` (from ${formatDate(dateValue(limit.on, limit.onLast), 'en')}${limit.to ? ` to ${formatDate(limit.to, 'en')}` : ''})` : ''}`,
      `${zh(by)}施行期间为该授权附加条件${limit.on ? `（自${whenZh}起${limit.to ? `，至${formatDate(limit.to, 'zh')}` : ''}）` : ''}`,
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
