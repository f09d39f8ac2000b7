// explain: does a body hold a power at a date, and why — the chain when it does (whoCan),
// or the nearest missing link when it does not (explainMissingLink.cypher).
//
// Verdicts: HOLDS (a holding whose conditions are all met, or has none); CONDITIONAL (it
// holds only under a condition the context does not show met); DOES_NOT_HOLD (with the
// missing link); UNKNOWN (the data grant the power to no one and no statement says
// either way: the sources do not say).
import type { Database } from '../neo4j/database.js';
import { describeNodes, refOf, requireNode, type DescribedNode } from './evidence.js';
import { runAnalysis } from './run.js';
import type { Condition, ConditionContext, ExplainAnswer, Holder, MissingLink, NodeRef } from './types.js';
import { holdersOf, holdingRows, idsOfHoldings } from './whoCan.js';

export interface ExplainParams {
  body: string;
  power: string;
  /** Place the body must hold the power for; anywhere when absent. */
  place?: string | null;
  /** YYYY-MM-DD */
  at: string;
  context?: ConditionContext | null;
}

interface Candidate {
  grantId: string;
  route: 'DIRECT' | 'BY_TYPE' | 'BY_SUCCESSION';
  grantPlaceId: string;
  bodyTypeId: string | null;
  grantFrom: string | null;
  grantTo: string | null;
  instrumentId: string;
  instrumentFrom: string | null;
  instrumentTo: string | null;
  placeOk: boolean;
  jurisdictionOk: boolean;
  successionOn: string | null;
}

interface MissingLinkRow {
  exists: boolean;
  validFrom: string | null;
  validTo: string | null;
  successor: { id: string; on: string; how: string } | null;
  candidates: Candidate[];
  prohibitions: string[];
  ancestors: { id: string; depth: number }[];
  grantedAnywhere: number;
  statements: { id: string; stance: string; saidByBody: boolean; namesBody: boolean }[];
}

const en = (n: NodeRef) => (n.name && n.nameZh ? `${n.nameZh} (${n.name})` : n.nameZh ?? n.name ?? n.id);
const zh = (n: NodeRef) => n.nameZh ?? n.name ?? n.id;
const describeConditions = (conditions: Condition[], lang: 'en' | 'zh') =>
  conditions.map((c) => (lang === 'zh' ? c.descriptionZh ?? c.description : c.description ?? c.descriptionZh) ?? `${c.kind}${c.param ? ` ${c.param}` : ''}`).join('; ');

/** Fewer failing conditions first; among equals, unconditional before conditional. */
function unmet(holder: Holder): number {
  return holder.conditions.filter((c) => c.status !== 'MET').length;
}

/** How one grant that reaches the body fails at D and for the place, nearest first. */
function failuresOf(c: Candidate, at: string): ('NOT_YET_IN_FORCE' | 'NO_LONGER_IN_FORCE' | 'WRONG_PLACE')[] {
  const failures: ('NOT_YET_IN_FORCE' | 'NO_LONGER_IN_FORCE' | 'WRONG_PLACE')[] = [];
  const later = [c.grantFrom, c.instrumentFrom, c.successionOn].some((from) => from !== null && from > at);
  const ended = [c.grantTo, c.instrumentTo].some((to) => to !== null && to < at);
  if (later) failures.push('NOT_YET_IN_FORCE');
  if (ended) failures.push('NO_LONGER_IN_FORCE');
  if (!c.placeOk || !c.jurisdictionOk) failures.push('WRONG_PLACE');
  return failures;
}

function missingLinkOf(
  row: MissingLinkRow, holders: Holder[], params: ExplainParams,
  body: NodeRef, power: NodeRef, place: NodeRef | null, described: Map<string, DescribedNode>,
): { link: MissingLink; unknown: boolean } {
  const at = params.at;
  const where = place ? ` for ${en(place)}` : '';
  const whereZh = place ? `在${zh(place)}` : '';

  if (!row.exists) {
    const successor = row.successor ? refOf(described, row.successor.id, 'Body') : null;
    const span = `${row.validFrom ?? '…'} – ${row.validTo ?? '…'}`;
    return {
      unknown: false,
      link: {
        kind: 'BODY_NOT_EXISTING',
        explanation: `${en(body)} did not exist on ${at} (it existed ${span}).` +
          (successor ? ` Its successor then was ${en(successor)} (${row.successor!.how.toLowerCase()} on ${row.successor!.on}); ask about that body.` : ''),
        explanationZh: `${zh(body)}在${at}并不存在（存续期间：${span}）。` +
          (successor ? `其继任机构为${zh(successor)}（${row.successor!.on}），请查询该机构。` : ''),
        nodeIds: [body.id, ...(successor ? [successor.id] : [])],
      },
    };
  }

  // A grant that reaches the body but fails on fewer counts is nearer than one failing on more.
  const nearest = row.candidates
    .map((c) => ({ c, failures: failuresOf(c, at) }))
    .filter((x) => x.failures.length > 0)
    .sort((x, y) => x.failures.length - y.failures.length || x.c.grantId.localeCompare(y.c.grantId))[0];
  if (nearest) {
    const { c } = nearest;
    const grant = refOf(described, c.grantId, 'Grant');
    const grantPlace = refOf(described, c.grantPlaceId, 'Place');
    const nodeIds = [c.grantId, c.instrumentId, ...(c.bodyTypeId ? [c.bodyTypeId] : [])];
    const kind = nearest.failures[0];
    if (kind === 'NOT_YET_IN_FORCE') {
      const from = [c.grantFrom, c.instrumentFrom, c.successionOn].filter((x): x is string => x !== null && x > at).sort().pop()!;
      return { unknown: false, link: { kind, nodeIds,
        explanation: `A grant reaches ${en(body)} (${grant.name}), but it only takes effect on ${from}, after ${at}.`,
        explanationZh: `${zh(body)}确有授权依据（${grant.nameZh}），但自${from}起才生效，晚于${at}。` } };
    }
    if (kind === 'NO_LONGER_IN_FORCE') {
      const to = [c.grantTo, c.instrumentTo].filter((x): x is string => x !== null && x < at).sort()[0];
      return { unknown: false, link: { kind, nodeIds,
        explanation: `A grant reached ${en(body)} (${grant.name}), but it ended on ${to}, before ${at}.`,
        explanationZh: `${zh(body)}曾有授权依据（${grant.nameZh}），但已于${to}失效，早于${at}。` } };
    }
    const typeRef = c.bodyTypeId ? refOf(described, c.bodyTypeId, 'BodyType') : null;
    return { unknown: false, link: { kind, nodeIds: [...nodeIds, c.grantPlaceId],
      explanation: typeRef && c.placeOk
        ? `The power is granted to ${en(typeRef)} within ${en(grantPlace)}${place ? ` and ${en(place)}` : ''}, but ${en(body)} does not serve a place there.`
        : `A grant reaches ${en(body)} (${grant.name}), but for ${en(grantPlace)}${where ? `, not${where}` : ''}.`,
      explanationZh: typeRef && c.placeOk
        ? `该权力授予${zh(grantPlace)}${place ? `、${zh(place)}` : ''}范围内的${zh(typeRef)}，但${zh(body)}的管辖范围不在其中。`
        : `${zh(body)}的授权依据（${grant.nameZh}）仅适用于${zh(grantPlace)}${whereZh ? `，不适用于${zh(place!)}` : ''}。` } };
  }

  // Only a body it is part of holds it, and nothing passes it down.
  const ancestors = [...row.ancestors].sort((a, b) => a.depth - b.depth);
  const parentHolder = ancestors.map((a) => holders.find((h) => h.body.id === a.id)).find((h): h is Holder => h !== undefined);
  if (parentHolder) {
    const parent = parentHolder.body;
    return { unknown: false, link: { kind: 'PARENT_ONLY', nodeIds: [body.id, parent.id, parentHolder.grantId],
      explanation: `${en(body)} is part of ${en(parent)}, which holds the power${where} (${parentHolder.note ?? parentHolder.via}); no grant passes it down to ${en(body)}.`,
      explanationZh: `${zh(body)}隶属于${zh(parent)}，后者${whereZh}享有该权力（${parentHolder.noteZh ?? parentHolder.via}），但没有任何授权将其下放给${zh(body)}。` } };
  }

  const forbidden = row.prohibitions.map((id) => refOf(described, id, 'Grant'));
  const forbiddenEn = forbidden.length ? ` ${forbidden.map((g) => g.name).join('; ')} forbids it.` : '';
  const forbiddenZh = forbidden.length ? `另有禁止性规定：${forbidden.map((g) => g.nameZh).join('；')}。` : '';
  if (row.grantedAnywhere > 0 || forbidden.length) {
    return { unknown: false, link: { kind: 'NO_GRANT', nodeIds: [body.id, power.id, ...row.prohibitions],
      explanation: `No grant of ${en(power)} names ${en(body)}, a type it belongs to, or a body it succeeded.${forbiddenEn}`,
      explanationZh: `没有任何授权将${zh(power)}授予${zh(body)}、其所属类型或其前身机构。${forbiddenZh}` } };
  }

  // The data grant the power to no one: only what was said can decide.
  const denies = row.statements.filter((s) => s.saidByBody && s.stance === 'DENIES_SELF');
  if (denies.length) {
    return { unknown: false, link: { kind: 'NO_GRANT', nodeIds: [body.id, power.id, ...denies.map((s) => s.id)],
      explanation: `No grant of ${en(power)} is in the data, and ${en(body)} itself said it does not hold it.`,
      explanationZh: `数据中没有关于${zh(power)}的授权，${zh(body)}本身也表示不享有该权力。` } };
  }
  const said = row.statements.filter((s) => s.stance === 'CLAIMS_SELF' || s.stance === 'ATTRIBUTES');
  return { unknown: true, link: { kind: 'NO_INFORMATION', nodeIds: [body.id, power.id, ...said.map((s) => s.id)],
    explanation: `The sources do not say: no grant of ${en(power)} to anyone is in the data.` +
      (said.length ? ` Statements claim or attribute it to ${en(body)}, but no rule is recorded.` : ' No statement says either way.'),
    explanationZh: `来源未有定论：数据中没有任何关于${zh(power)}的授权。` +
      (said.length ? `有表态称${zh(body)}享有该权力，但未见规则依据。` : '也没有任何表态。') } };
}

export async function explain(db: Database, params: ExplainParams): Promise<ExplainAnswer> {
  const asked = await describeNodes(db, [params.body, params.power, ...(params.place ? [params.place] : [])]);
  const body = requireNode(asked, 'Body', params.body);
  const power = requireNode(asked, 'Power', params.power);
  const place = params.place ? requireNode(asked, 'Place', params.place) : null;
  const at = params.at;

  const { rows, capped } = await holdingRows(db, { power: params.power, place: params.place, at });
  const [linkRow] = await runAnalysis<MissingLinkRow>(db, 'explainMissingLink', {
    body: params.body, power: params.power, place: params.place ?? null, at,
  });
  const described = await describeNodes(db, [
    ...idsOfHoldings(rows),
    ...(linkRow.successor ? [linkRow.successor.id] : []),
    ...linkRow.candidates.flatMap((c) => [c.grantId, c.grantPlaceId, ...(c.bodyTypeId ? [c.bodyTypeId] : [])]),
    ...linkRow.prohibitions,
  ]);
  const { holders, excluded } = holdersOf(rows, params.context, described);
  const mine = holders.filter((h) => h.body.id === body.id).sort((a, b) => unmet(a) - unmet(b));
  const base = { body, power, place, at, incomplete: capped };
  const onDate = `on ${at}${place ? ` in ${en(place)}` : ''}`;
  const onDateZh = `${at}${place ? `在${zh(place)}` : ''}`;

  const best = mine[0];
  if (best) {
    const pending = best.conditions.filter((c) => c.status !== 'MET');
    const how = best.note ?? best.via;
    if (!pending.length) {
      return { ...base, verdict: 'HOLDS', holds: true, via: best.via, chain: best.chain, conditions: best.conditions, missingLink: null,
        reason: `${en(body)} holds ${en(power)} ${onDate}: ${how}.`,
        reasonZh: `${zh(body)}${onDateZh}享有${zh(power)}：${best.noteZh ?? best.via}。` };
    }
    return { ...base, verdict: 'CONDITIONAL', holds: false, via: best.via, chain: best.chain, conditions: best.conditions, missingLink: null,
      reason: `${en(body)} holds ${en(power)} ${onDate} only if: ${describeConditions(pending, 'en')} (${how}). Supply the facts as context to decide.`,
      reasonZh: `${zh(body)}${onDateZh}仅在满足以下条件时享有${zh(power)}：${describeConditions(pending, 'zh')}（${best.noteZh ?? best.via}）。` };
  }

  const ruledOut = excluded.find((h) => h.body.id === body.id);
  if (ruledOut) {
    const failing = ruledOut.conditions.filter((c) => c.status === 'NOT_MET');
    const link: MissingLink = {
      kind: 'CONDITION_UNMET',
      nodeIds: [ruledOut.grantId, ...failing.flatMap((c) => (c.body ? [c.body.id] : []))],
      explanation: `${en(body)} holds ${en(power)} only if: ${describeConditions(failing, 'en')}; the context given does not meet it.`,
      explanationZh: `${zh(body)}仅在满足以下条件时享有${zh(power)}：${describeConditions(failing, 'zh')}；所给情形不满足。`,
    };
    return { ...base, verdict: 'DOES_NOT_HOLD', holds: false, via: ruledOut.via, chain: ruledOut.chain, conditions: ruledOut.conditions, missingLink: link,
      reason: `${en(body)} does not hold ${en(power)} ${onDate} in this case: ${link.explanation}`,
      reasonZh: `${zh(body)}${onDateZh}在此情形下不享有${zh(power)}：${link.explanationZh}` };
  }

  const { link, unknown } = missingLinkOf(linkRow, holders, params, body, power, place, described);
  return { ...base, verdict: unknown ? 'UNKNOWN' : 'DOES_NOT_HOLD', holds: false, via: null, chain: [], conditions: [], missingLink: link,
    reason: unknown ? link.explanation : `${en(body)} does not hold ${en(power)} ${onDate}: ${link.explanation}`,
    reasonZh: unknown ? link.explanationZh : `${zh(body)}${onDateZh}不享有${zh(power)}：${link.explanationZh}` };
}
