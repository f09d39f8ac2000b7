// Where explain's chain breaks: the candidate grants a body could hold a power by, what
// stops each on the date (not yet or no longer in force, the wrong place, repealed, held
// invalid…), and the missing link said in words.
import { refOf, type DescribedNode } from './evidence.js';
import { bodyState, dateZh, grantLimits, limitsState, onDate, started, type BodyFacts, type LawFacts, type Limit, type Reading } from './inForce.js';
import { formatDate } from '../dates.js';
import { en, zh } from './names.js';
import type { ExplainParams } from './explain.js';
import type { ChainStep, Condition, Holder, MissingLink, NodeRef } from './types.js';
import { changeStep, lawSteps, type HoldingRow } from './whoCan.js';

export interface Candidate {
  grantId: string;
  route: 'DIRECT' | 'BY_TYPE' | 'BY_SUCCESSION';
  grantPlaceId: string;
  bodyTypeId: string | null;
  modality: string;
  note: string | null;
  basis: string | null;
  powerId: string;
  provision: HoldingRow['provision'];
  instrument: { id: string; officialId: string | null };
  higher: HoldingRow['higher'];
  law: LawFacts;
  instrumentId: string;
  placeOk: boolean;
  jurisdictionOk: boolean;
  successions: { on: string; onLast: string | null }[];
}

export interface SuccessorRow {
  id: string;
  body: BodyFacts;
  steps: { from: string; to: string; on: string; onLast: string | null; how: string; citations: string | null; unsourced: boolean }[];
}

export interface MissingLinkRow {
  bodyFacts: BodyFacts;
  validFrom: string | null;
  validFromLast: string | null;
  validTo: string | null;
  validToLast: string | null;
  successors: SuccessorRow[];
  candidates: Candidate[];
  prohibitions: { id: string; law: LawFacts }[];
  ancestors: { id: string; depth: number }[];
  grantedAnywhere: number;
  statements: { id: string; stance: string; saidByBody: boolean; namesBody: boolean }[];
}

export type Failure = 'NOT_YET_IN_FORCE' | 'NO_LONGER_IN_FORCE' | 'WRONG_PLACE' | 'REPEALED' | 'AMENDED' | 'HELD_INVALID' | 'SUSPENDED';

export const describeConditions = (conditions: Condition[], lang: 'en' | 'zh') =>
  conditions
    .map((c) => {
      const text = lang === 'zh' ? (c.descriptionZh ?? c.description) : (c.description ?? c.descriptionZh);
      // A description is a phrase in a list here: its own closing mark would double the separator.
      if (text) return text.trim().replace(/[.。;；]+$/, '');
      const who = c.body ? (lang === 'zh' ? zh(c.body) : en(c.body)) : null;
      const words: Record<string, [string, string]> = {
        THRESHOLD: ['a threshold', '数量门槛'],
        CONSENT: [`the consent of ${who ?? 'another body'}`, `${who ?? '其他机构'}同意`],
        APPROVAL: [`the approval of ${who ?? 'another body'}`, `${who ?? '其他机构'}批准`],
        PROCEDURE: ['a procedure', '规定程序'],
      };
      return (words[c.kind] ?? ['a condition', '一项条件'])[lang === 'zh' ? 1 : 0];
    })
    .join(lang === 'zh' ? '；' : '; ');

/** Fewer failing conditions first; certain before uncertain. */
export function rank(holder: Holder): number {
  return holder.conditions.filter((c) => c.status !== 'MET').length + (holder.dateUncertain ? 100 : 0);
}

export const LIMIT_FAILURE: Record<string, Failure> = {
  GRANT_STARTS: 'NOT_YET_IN_FORCE',
  INSTRUMENT_STARTS: 'NOT_YET_IN_FORCE',
  GRANT_ENDS: 'NO_LONGER_IN_FORCE',
  INSTRUMENT_ENDS: 'NO_LONGER_IN_FORCE',
  REPEALED: 'REPEALED',
  AMENDED: 'AMENDED',
  HELD_INVALID: 'HELD_INVALID',
  SUSPENDED: 'SUSPENDED',
};

/** How one grant that reaches the body fails at D and for the place, with the limits that end it. */
export function failuresOf(c: Candidate, at: string, reading: Reading): { failures: Failure[]; limits: Limit[] } {
  const limits = grantLimits(c.law, at, reading).filter((l) => l.state === 0);
  const failures = [...new Set(limits.map((l) => LIMIT_FAILURE[l.kind]).filter(Boolean))];
  if (c.successions.some((s) => started(s.on, s.onLast, at) === 0) && !failures.includes('NOT_YET_IN_FORCE')) failures.push('NOT_YET_IN_FORCE');
  if (!c.placeOk || !c.jurisdictionOk) failures.push('WRONG_PLACE');
  return { failures, limits };
}

export const LAW_CHANGE_WORDS: Record<string, [string, string]> = {
  REPEALED: ['was repealed', '已被废止'],
  AMENDED: ['was amended', '已被修改'],
  HELD_INVALID: ['was held invalid', '已被认定无效'],
  SUSPENDED: ['is suspended', '被暂停'],
};

export function missingLinkOf(
  row: MissingLinkRow,
  holders: Holder[],
  params: ExplainParams,
  reading: Reading,
  body: NodeRef,
  power: NodeRef,
  place: NodeRef | null,
  described: Map<string, DescribedNode>,
): { link: MissingLink; unknown: boolean; chain: ChainStep[] } {
  const at = params.at;
  const where = place ? ` for ${en(place)}` : '';
  const whereZh = place ? `在${zh(place)}` : '';
  const none: ChainStep[] = [];

  if (bodyState(row.bodyFacts, at) === 0) {
    const span = `${row.validFrom ? onDate(row.validFrom, row.validFromLast).replace(/^(on|in) /, '') : '…'} – ${row.validTo ? onDate(row.validTo, row.validToLast).replace(/^(on|in) /, '') : '…'}`;
    const spanZh = `${row.validFrom ? dateZh(row.validFrom, row.validFromLast) : '…'}至${row.validTo ? dateZh(row.validTo, row.validToLast) : '…'}`;
    return {
      unknown: false,
      chain: none,
      link: {
        kind: 'BODY_NOT_EXISTING',
        nodeIds: [body.id],
        explanation: `${en(body)} did not exist on ${formatDate(at, 'en')} (it existed ${span}).`,
        explanationZh: `${zh(body)}在${dateZh(at)}并不存在（存续期间：${spanZh}）。`,
      },
    };
  }

  // A grant that reaches the body but fails on fewer counts is nearer than one failing on more.
  const nearest = row.candidates
    .map((c) => ({ c, ...failuresOf(c, at, reading) }))
    .filter((x) => x.failures.length > 0)
    .sort((x, y) => x.failures.length - y.failures.length || x.c.grantId.localeCompare(y.c.grantId))[0];
  if (nearest) {
    const { c, limits } = nearest;
    const grant = refOf(described, c.grantId, 'Grant');
    const grantPlace = refOf(described, c.grantPlaceId, 'Place');
    const nodeIds = [c.grantId, c.instrumentId, ...(c.bodyTypeId ? [c.bodyTypeId] : [])];
    const kind = nearest.failures[0];
    const chainOf = (extra: Limit[]) => [
      ...lawSteps(
        { id: c.grantId, modality: c.modality, note: c.note, powerId: c.powerId, placeId: c.grantPlaceId, basis: c.basis },
        c.provision,
        { ...c.instrument, from: null, to: null },
        c.higher,
        described,
      ).filter((s) => s.kind !== 'INSTRUMENT'),
      ...extra.map((l) => changeStep(l, described)).filter((s): s is ChainStep => s !== null),
    ];
    if (kind === 'NOT_YET_IN_FORCE') {
      const l = limits.find((x) => x.kind.endsWith('_STARTS'));
      const s = c.successions.find((x) => started(x.on, x.onLast, at) === 0);
      const from = l?.on ? onDate(l.on, l.onLast) : s ? onDate(s.on, s.onLast) : 'later';
      const fromZh = l?.on ? dateZh(l.on, l.onLast) : s ? dateZh(s.on, s.onLast) : '此后';
      return {
        unknown: false,
        chain: none,
        link: {
          kind,
          nodeIds,
          explanation: `A grant reaches ${en(body)} (${en(grant)}), but it only takes effect ${from}, after ${formatDate(at, 'en')}.`,
          explanationZh: `${zh(body)}确有授权依据（${zh(grant)}），但自${fromZh}起才生效，晚于${dateZh(at)}。`,
        },
      };
    }
    if (kind === 'NO_LONGER_IN_FORCE') {
      const l = limits.find((x) => x.kind.endsWith('_ENDS'))!;
      return {
        unknown: false,
        chain: none,
        link: {
          kind,
          nodeIds,
          explanation: `A grant reached ${en(body)} (${en(grant)}), but it ended ${onDate(l.on!, l.onLast)}, before ${formatDate(at, 'en')}.`,
          explanationZh: `${zh(body)}曾有授权依据（${zh(grant)}），但已于${dateZh(l.on!, l.onLast)}失效，早于${dateZh(at)}。`,
        },
      };
    }
    if (kind !== 'WRONG_PLACE') {
      // Law that changed the law: the chain shows the grant and the step that ended it, with its evidence.
      const l = limits.find((x) => LIMIT_FAILURE[x.kind] === kind)!;
      const by = refOf(described, l.by ?? '', 'Instrument');
      const target = refOf(described, l.target, l.targetLabel);
      const [word, wordZh] = LAW_CHANGE_WORDS[l.kind];
      const when = l.kind === 'SUSPENDED' ? `while ${en(refOf(described, l.byInstrument ?? '', 'Instrument'))} is in force` : onDate(l.on!, l.onLast);
      const whenZh =
        l.kind === 'SUSPENDED' ? `在《${zh(refOf(described, l.byInstrument ?? '', 'Instrument'))}》施行期间` : `于${dateZh(l.on!, l.onLast)}`;
      const retro = l.kind === 'HELD_INVALID' && l.retroactive && reading === 'AS_LATER_HELD' && l.on && l.on > at;
      return {
        unknown: false,
        chain: chainOf([l]),
        link: {
          kind,
          nodeIds: [...nodeIds, ...(l.by ? [l.by] : [])],
          explanation: `A grant reaches ${en(body)} (${en(grant)}), but ${en(target)} ${word} by ${en(by)} ${when}${retro ? ', void from the start as later held' : ''}.`,
          explanationZh: `${zh(body)}确有授权依据（${zh(grant)}），但${zh(target)}${whenZh}由${zh(by)}${wordZh.replace(/^已/, '')}${retro ? '（依其后认定，自始无效）' : ''}。`,
        },
      };
    }
    const typeRef = c.bodyTypeId ? refOf(described, c.bodyTypeId, 'BodyType') : null;
    return {
      unknown: false,
      chain: none,
      link: {
        kind,
        nodeIds: [...nodeIds, c.grantPlaceId],
        explanation:
          typeRef && c.placeOk
            ? `The power is granted to ${en(typeRef)} within ${en(grantPlace)}${place ? ` and ${en(place)}` : ''}, but ${en(body)} does not serve a place there.`
            : `A grant reaches ${en(body)} (${en(grant)}), but for ${en(grantPlace)}${where ? `, not${where}` : ''}.`,
        explanationZh:
          typeRef && c.placeOk
            ? `该权力授予${zh(grantPlace)}${place ? `、${zh(place)}` : ''}范围内的${zh(typeRef)}，但${zh(body)}的管辖范围不在其中。`
            : `${zh(body)}的授权依据（${zh(grant)}）仅适用于${zh(grantPlace)}${whereZh ? `，不适用于${zh(place)}` : ''}。`,
      },
    };
  }

  // Only a body it is part of holds it, and nothing passes it down.
  const ancestors = [...row.ancestors].sort((a, b) => a.depth - b.depth);
  const parentHolder = ancestors.map((a) => holders.find((h) => h.body.id === a.id)).find((h): h is Holder => h !== undefined);
  if (parentHolder) {
    const parent = parentHolder.body;
    return {
      unknown: false,
      chain: none,
      link: {
        kind: 'PARENT_ONLY',
        nodeIds: [body.id, parent.id, parentHolder.grantId],
        explanation: `${en(body)} is part of ${en(parent)}, which holds the power${where} (${parentHolder.note ?? ''}); no grant passes it down to ${en(body)}.`,
        explanationZh: `${zh(body)}隶属于${zh(parent)}，后者${whereZh}享有该权力（${parentHolder.noteZh ?? ''}），但没有任何授权将其下放给${zh(body)}。`,
      },
    };
  }

  const forbidden = row.prohibitions.filter((p) => limitsState(grantLimits(p.law, at, reading)) > 0).map((p) => refOf(described, p.id, 'Grant'));
  const forbiddenEn = forbidden.length ? ` The ${forbidden.map((g) => g.name ?? g.nameZh).join('; ')} forbids it.` : '';
  const forbiddenZh = forbidden.length ? `另有禁止性规定：${forbidden.map(zh).join('；')}。` : '';
  if (row.grantedAnywhere > 0 || forbidden.length) {
    return {
      unknown: false,
      chain: none,
      link: {
        kind: 'NO_GRANT',
        nodeIds: [body.id, power.id, ...forbidden.map((f) => f.id)],
        explanation: `No grant of ${en(power)} names ${en(body)}, a type it belongs to, or a body it succeeded.${forbiddenEn}`,
        explanationZh: `没有任何授权将${zh(power)}授予${zh(body)}、其所属类型或其前身机构。${forbiddenZh}`,
      },
    };
  }

  // The data grant the power to no one: only what was said can decide.
  const denies = row.statements.filter((s) => s.saidByBody && s.stance === 'DENIES_SELF');
  if (denies.length) {
    return {
      unknown: false,
      chain: none,
      link: {
        kind: 'NO_GRANT',
        nodeIds: [body.id, power.id, ...denies.map((s) => s.id)],
        explanation: `No grant of ${en(power)} is in the data, and ${en(body)} itself said it does not hold it.`,
        explanationZh: `数据中没有关于${zh(power)}的授权，${zh(body)}本身也表示不享有该权力。`,
      },
    };
  }
  const said = row.statements.filter((s) => s.stance === 'CLAIMS_SELF' || s.stance === 'ATTRIBUTES');
  return {
    unknown: true,
    chain: none,
    link: {
      kind: 'NO_INFORMATION',
      nodeIds: [body.id, power.id, ...said.map((s) => s.id)],
      explanation:
        `The sources do not say: no grant of ${en(power)} to anyone is in the data.` +
        (said.length ? ` Statements claim or attribute it to ${en(body)}, but no rule is recorded.` : ' No statement says either way.'),
      explanationZh:
        `来源未有定论：数据中没有任何关于${zh(power)}的授权。` +
        (said.length ? `有表态称${zh(body)}享有该权力，但未见规则依据。` : '也没有任何表态。'),
    },
  };
}
