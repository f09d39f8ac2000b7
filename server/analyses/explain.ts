// explain: does a body (or a person, through the bodies of their positions) hold a power at a
// date, and why — the chain when it does (whoCan), or the nearest missing link when it does
// not (explainMissingLink.cypher). Dates are judged by the shared rule of inForce.ts.
//
// Verdicts: HOLDS (a holding whose conditions are all met, or has none); CONDITIONAL (it
// holds only under a condition the context does not show met); DOES_NOT_HOLD (with the
// missing link); UNKNOWN (the data grant the power to no one and no statement says
// either way, or the answer turns on an imprecise date).
import type { Database } from '../neo4j/database.js';
import { citationEvidence, citationSourceIds, describeNodes, refOf, UnknownNodeError, type DescribedNode } from './evidence.js';
import { bodyState, dateZh, grantLimits, limitsState, onDate, started, type BodyFacts, type LawFacts, type Limit, type Reading } from './inForce.js';
import { formatDate } from '../dates.js';
import { en, zh } from './names.js';
import { runAnalysis } from './run.js';
import { positionsOn, positionStep, positionWords } from './positions.js';
import type { Basis, ChainStep, Condition, ConditionContext, ExplainAnswer, Holder, MissingLink, NodeRef } from './types.js';
import { basisWords, changeStep, holdersOf, holdingRows, idsOfHoldings, lawSteps, outcomesOf, step, weakest, type HoldingRow } from './whoCan.js';

export interface ExplainParams {
  /** A Body id, or a Person id (answered through the bodies of the person's positions on the date). */
  body: string;
  power: string;
  /** Place the body must hold the power for; anywhere when absent. */
  place?: string | null;
  /** YYYY-MM-DD */
  at: string;
  context?: ConditionContext | null;
  /** AS_IT_STOOD (default) or AS_LATER_HELD. */
  reading?: Reading | null;
}

interface Candidate {
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

interface SuccessorRow {
  id: string;
  body: BodyFacts;
  steps: { from: string; to: string; on: string; onLast: string | null; how: string; citations: string | null; unsourced: boolean }[];
}

interface MissingLinkRow {
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

type Failure = 'NOT_YET_IN_FORCE' | 'NO_LONGER_IN_FORCE' | 'WRONG_PLACE' | 'REPEALED' | 'AMENDED' | 'HELD_INVALID' | 'SUSPENDED';

const describeConditions = (conditions: Condition[], lang: 'en' | 'zh') =>
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
function rank(holder: Holder): number {
  return holder.conditions.filter((c) => c.status !== 'MET').length + (holder.dateUncertain ? 100 : 0);
}

const LIMIT_FAILURE: Record<string, Failure> = {
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
function failuresOf(c: Candidate, at: string, reading: Reading): { failures: Failure[]; limits: Limit[] } {
  const limits = grantLimits(c.law, at, reading).filter((l) => l.state === 0);
  const failures = [...new Set(limits.map((l) => LIMIT_FAILURE[l.kind]).filter(Boolean))];
  if (c.successions.some((s) => started(s.on, s.onLast, at) === 0) && !failures.includes('NOT_YET_IN_FORCE')) failures.push('NOT_YET_IN_FORCE');
  if (!c.placeOk || !c.jurisdictionOk) failures.push('WRONG_PLACE');
  return { failures, limits };
}

const LAW_CHANGE_WORDS: Record<string, [string, string]> = {
  REPEALED: ['was repealed', '已被废止'],
  AMENDED: ['was amended', '已被修改'],
  HELD_INVALID: ['was held invalid', '已被认定无效'],
  SUSPENDED: ['is suspended', '被暂停'],
};

function missingLinkOf(
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

const HOW_WORDS: Record<string, [string, string]> = {
  RENAMED: ['renamed', '更名为'],
  MERGED: ['merged into', '并入'],
  REPLACED: ['replaced by', '由其取代：'],
};

type Answer = ExplainAnswer;

/** The answer for a body. */
async function explainBody(
  db: Database,
  params: ExplainParams,
  body: NodeRef,
  power: NodeRef,
  place: NodeRef | null,
  reading: Reading,
): Promise<Answer> {
  const at = params.at;
  const { rows, capped } = await holdingRows(db, { power: params.power, place: params.place, at, reading });
  const outcomes = await outcomesOf(db, params.context);
  const [linkRow] = await runAnalysis<MissingLinkRow>(db, 'explainMissingLink', {
    body: body.id,
    power: params.power,
    place: params.place ?? null,
    at,
  });
  const described = await describeNodes(db, [
    ...idsOfHoldings(rows, outcomes),
    ...linkRow.successors.flatMap((s) => [s.id, ...s.steps.flatMap((x) => [x.from, x.to, ...citationSourceIds(x.citations)])]),
    ...linkRow.candidates.flatMap((c) => [
      c.grantId,
      c.grantPlaceId,
      c.powerId,
      c.provision.id,
      c.instrumentId,
      ...c.higher.map((h) => h.id),
      ...(c.bodyTypeId ? [c.bodyTypeId] : []),
      ...c.law.changes.flatMap((x) => [x.by, x.target, ...(x.byInstrument ? [x.byInstrument] : []), ...citationSourceIds(x.citations)]),
      ...c.law.restrictions.flatMap((x) => [x.by, x.instrument.id, ...citationSourceIds(x.citations)]),
    ]),
    ...linkRow.prohibitions.map((p) => p.id),
  ]);
  const { holders, excluded } = holdersOf(rows, params.context, described, { outcomes, at });
  const mine = holders.filter((h) => h.body.id === body.id).sort((a, b) => rank(a) - rank(b));
  const base = { body, power, place, at, reading, incomplete: capped, through: null as NodeRef | null };
  const onDay = `on ${formatDate(at, 'en')}${place ? ` in ${en(place)}` : ''}`;
  const onDayZh = `${dateZh(at)}${place ? `在${zh(place)}` : ''}`;
  const sure = { dateUncertain: false, uncertainty: null, uncertaintyZh: null };

  const best = mine[0];
  if (best) {
    const pending = best.conditions.filter((c) => c.status !== 'MET');
    const words = basisWords(best.basis);
    const found = {
      via: best.via,
      chain: best.chain,
      conditions: best.conditions,
      basis: best.basis,
      dateUncertain: best.dateUncertain,
      uncertainty: best.uncertainty,
      uncertaintyZh: best.uncertaintyZh,
    };
    if (best.dateUncertain) {
      const link: MissingLink = {
        kind: 'DATE_UNCERTAIN',
        nodeIds: [best.grantId],
        explanation: best.uncertainty ?? '',
        explanationZh: best.uncertaintyZh ?? '',
      };
      return {
        ...base,
        ...found,
        verdict: 'UNKNOWN',
        holds: false,
        missingLink: link,
        reason: `Whether ${en(body)} holds ${en(power)} ${onDay} turns on an imprecise date: ${best.uncertainty}`,
        reasonZh: `${zh(body)}${onDayZh}是否享有${zh(power)}取决于一个不精确的日期：${best.uncertaintyZh}`,
      };
    }
    if (!pending.length) {
      return {
        ...base,
        ...found,
        verdict: 'HOLDS',
        holds: true,
        missingLink: null,
        reason: `${en(body)} holds ${en(power)} ${onDay}: ${best.note}${words.en && !best.note?.endsWith(words.en) ? words.en : ''}.`,
        reasonZh: `${best.noteZh?.startsWith(words.zh) ? '' : words.zh}${zh(body)}${onDayZh}享有${zh(power)}：${best.noteZh}。`,
      };
    }
    return {
      ...base,
      ...found,
      verdict: 'CONDITIONAL',
      holds: false,
      missingLink: null,
      reason: `${en(body)} holds ${en(power)} ${onDay} only if: ${describeConditions(pending, 'en')} (${best.note}). Supply the facts as context to decide.`,
      reasonZh: `${zh(body)}${onDayZh}仅在满足以下条件时享有${zh(power)}：${describeConditions(pending, 'zh')}（${best.noteZh}）。`,
    };
  }

  const ruledOut = excluded.find((h) => h.body.id === body.id);
  if (ruledOut) {
    const failing = ruledOut.conditions.filter((c) => c.status === 'NOT_MET');
    // A recorded outcome (consent refused, a vote short of the threshold) is quoted with its evidence.
    const recorded = failing.find((c) => c.outcomeNote || c.outcomeNoteZh || c.evidence.length);
    const quote = recorded?.evidence[0];
    const quoted = quote ? (quote.quoteEn ?? quote.quote ?? quote.quoteZh) : null;
    const quotedZh = quote ? (quote.quoteZh ?? quote.quote) : null;
    const outcomeEn = recorded
      ? ` The record says it was not met${recorded.outcomeNote ? `: ${recorded.outcomeNote}` : ''}${quoted ? ` (“${quoted}”, ${quote!.source.outlet})` : ''}.`
      : '';
    const outcomeZh = recorded
      ? `记录显示该条件未满足${recorded.outcomeNoteZh ? `：${recorded.outcomeNoteZh}` : ''}${quotedZh ? `（“${quotedZh}”）` : ''}。`
      : '';
    const link: MissingLink = {
      kind: 'CONDITION_UNMET',
      nodeIds: [ruledOut.grantId, ...failing.flatMap((c) => (c.body ? [c.body.id] : []))],
      explanation: `${en(body)} holds ${en(power)} only if: ${describeConditions(failing, 'en')}; ${recorded ? 'that condition was not met.' : 'the context given does not meet it.'}${outcomeEn}`,
      explanationZh: `${zh(body)}仅在满足以下条件时享有${zh(power)}：${describeConditions(failing, 'zh')}；${recorded ? '该条件未满足。' : '所给情形不满足。'}${outcomeZh}`,
    };
    return {
      ...base,
      ...sure,
      verdict: 'DOES_NOT_HOLD',
      holds: false,
      via: ruledOut.via,
      chain: ruledOut.chain,
      conditions: ruledOut.conditions,
      missingLink: link,
      basis: ruledOut.basis,
      reason: `${en(body)} does not hold ${en(power)} ${onDay} in this case: ${link.explanation}`,
      reasonZh: `${zh(body)}${onDayZh}在此情形下不享有${zh(power)}：${link.explanationZh}`,
    };
  }

  // A body renamed, merged or replaced by D: the answer is its successor's, said so (issue: succession followed everywhere).
  if (bodyState(linkRow.bodyFacts, at) === 0) {
    const successor = [...linkRow.successors]
      .reverse()
      .find((s) => s.steps.every((x) => started(x.on, x.onLast, at) > 0) && bodyState(s.body, at) > 0);
    if (successor) {
      const next = refOf(described, successor.id, 'Body');
      const theirs = await explainBody(db, params, next, power, place, reading);
      const steps: ChainStep[] = successor.steps.map((x) => {
        const from = refOf(described, x.from, 'Body');
        const to = refOf(described, x.to, 'Body');
        const [how, howZh] = HOW_WORDS[x.how] ?? ['succeeded by', '由其承继：'];
        return step(
          'SUCCESSION',
          from,
          `${en(from)} was ${how} ${en(to)} ${onDate(x.on, x.onLast)}`,
          `${dateZh(x.on, x.onLast)}，${zh(from)}${howZh}${zh(to)}`,
          described,
          citationEvidence(x.citations, x.unsourced, described),
        );
      });
      const last = successor.steps[successor.steps.length - 1];
      const [how, howZh] = HOW_WORDS[last.how] ?? ['succeeded by', '由其承继：'];
      const basis = weakest([theirs.basis, ...steps.map((s) => s.basis)]);
      const renamed = `${en(body)} was ${how} ${en(next)} ${onDate(last.on, last.onLast)}`;
      const renamedZh = `${zh(body)}已于${dateZh(last.on, last.onLast)}${howZh}${zh(next)}`;
      // "renamed in April 2022 to …, which holds it on …: how"; otherwise the successor's own answer follows.
      const holdsPrefix = `${en(next)} holds ${en(power)} ${onDay}: `;
      const holdsPrefixZh = `${zh(next)}${onDayZh}享有${zh(power)}：`;
      const reason =
        theirs.verdict === 'HOLDS' && theirs.reason.startsWith(holdsPrefix)
          ? `${renamed}, which holds ${en(power)} ${onDay}: ${theirs.reason.slice(holdsPrefix.length)}`
          : `${renamed}. ${theirs.reason}`;
      const reasonZh =
        theirs.verdict === 'HOLDS' && theirs.reasonZh.includes(holdsPrefixZh)
          ? `${renamedZh}，后者${onDayZh}享有${zh(power)}：${theirs.reasonZh.slice(theirs.reasonZh.indexOf(holdsPrefixZh) + holdsPrefixZh.length)}`
          : `${renamedZh}。${theirs.reasonZh}`;
      return { ...theirs, body, through: next, basis, chain: [...steps, ...theirs.chain], reason, reasonZh };
    }
  }

  const { link, unknown, chain } = missingLinkOf(linkRow, holders, params, reading, body, power, place, described);
  return {
    ...base,
    ...sure,
    verdict: unknown ? 'UNKNOWN' : 'DOES_NOT_HOLD',
    holds: false,
    via: null,
    chain,
    conditions: [],
    missingLink: link,
    basis: 'INFERRED',
    reason: unknown ? link.explanation : `${en(body)} does not hold ${en(power)} ${onDay}: ${link.explanation}`,
    reasonZh: unknown ? link.explanationZh : `${zh(body)}${onDayZh}不享有${zh(power)}：${link.explanationZh}`,
  };
}

const VERDICT_ORDER = ['HOLDS', 'CONDITIONAL', 'UNKNOWN', 'DOES_NOT_HOLD'];

/** The answer for a person: through each body the person held a position in on the date, the best one. */
async function explainPerson(
  db: Database,
  params: ExplainParams,
  person: NodeRef,
  power: NodeRef,
  place: NodeRef | null,
  reading: Reading,
): Promise<Answer> {
  const at = params.at;
  const positions = await positionsOn(db, person.id, at);
  if (!positions.length) {
    const link: MissingLink = {
      kind: 'NO_POSITION',
      nodeIds: [person.id],
      explanation: `${en(person)} held no recorded position in any body on ${formatDate(at, 'en')}.`,
      explanationZh: `${zh(person)}在${dateZh(at)}未在任何机构担任有记录的职务。`,
    };
    return {
      body: person,
      power,
      place,
      at,
      reading,
      through: null,
      incomplete: false,
      verdict: 'DOES_NOT_HOLD',
      holds: false,
      via: null,
      chain: [],
      conditions: [],
      missingLink: link,
      basis: 'INFERRED',
      dateUncertain: false,
      uncertainty: null,
      uncertaintyZh: null,
      reason: `${en(person)} does not hold ${en(power)} on ${formatDate(at, 'en')}: ${link.explanation}`,
      reasonZh: `${zh(person)}在${dateZh(at)}不享有${zh(power)}：${link.explanationZh}`,
    };
  }
  const described = await describeNodes(db, [...positions.map((p) => p.bodyId), ...positions.flatMap((p) => citationSourceIds(p.citations))]);
  const answers = await Promise.all(
    positions.map(async (p) => ({ p, answer: await explainBody(db, params, refOf(described, p.bodyId, 'Body'), power, place, reading) })),
  );
  answers.sort((a, b) => VERDICT_ORDER.indexOf(a.answer.verdict) - VERDICT_ORDER.indexOf(b.answer.verdict));
  const { p, answer } = answers[0];
  const body = refOf(described, p.bodyId, 'Body');
  const office = positionWords(p, body);
  const position = positionStep(person, p, body, described, at);
  const uncertain = p.covers === 1;
  const basis: Basis = weakest([answer.basis]);
  return {
    ...answer,
    body: person,
    through: body,
    basis,
    chain: [position, ...answer.chain],
    dateUncertain: answer.dateUncertain || uncertain,
    reason: `As ${office.en}, ${en(person)} answers through that body: ${answer.reason}`,
    reasonZh: `${zh(person)}以${office.zh}的身份，通过该机构作答：${answer.reasonZh}`,
  };
}

export async function explain(db: Database, params: ExplainParams): Promise<ExplainAnswer> {
  const reading: Reading = params.reading ?? 'AS_IT_STOOD';
  const asked = await describeNodes(db, [params.body, params.power, ...(params.place ? [params.place] : [])]);
  const subject = asked.get(params.body)?.ref;
  if (!subject || (subject.label !== 'Body' && subject.label !== 'Person')) throw new UnknownNodeError('Body', params.body);
  const power = asked.get(params.power)?.ref;
  if (!power || power.label !== 'Power') throw new UnknownNodeError('Power', params.power);
  const place = params.place ? (asked.get(params.place)?.ref ?? null) : null;
  if (params.place && (!place || place.label !== 'Place')) throw new UnknownNodeError('Place', params.place);
  return subject.label === 'Person'
    ? explainPerson(db, params, subject, power, place, reading)
    : explainBody(db, params, subject, power, place, reading);
}
