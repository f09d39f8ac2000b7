// explain: does a body (or a person, through the bodies of their positions) hold a power at a
// date, and why — the chain when it does (whoCan), or the nearest missing link when it does
// not (explainMissingLink.cypher). Dates are judged by the shared rule of inForce.ts.
//
// Verdicts: HOLDS (a holding whose conditions are all met, or has none); CONDITIONAL (it
// holds only under a condition the context does not show met); DOES_NOT_HOLD (with the
// missing link); UNKNOWN (the data grant the power to no one and no statement says
// either way, or the answer turns on an imprecise date).
import type { Database } from '../neo4j/database.js';
import { citationEvidence, citationSourceIds, describeNodes, refOf, UnknownNodeError } from './evidence.js';
import { bodyState, dateZh, onDate, started, type Reading } from './inForce.js';
import { formatDate } from '../dates.js';
import { en, zh } from './names.js';
import { runAnalysis } from './run.js';
import { positionsOn, positionStep, positionWords } from './positions.js';
import type { Basis, ChainStep, ConditionContext, ExplainAnswer, MissingLink, NodeRef } from './types.js';
import { basisWords, holdersOn, holdingRows, outcomesOf, step, weakest, type HoldingSource } from './whoCan.js';

import { describeConditions, rank, missingLinkOf, type MissingLinkRow } from './missingLink.js';
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

const HOW_WORDS: Record<string, [string, string]> = {
  RENAMED: ['renamed', '更名为'],
  MERGED: ['merged into', '并入'],
  REPLACED: ['replaced by', '由其取代：'],
};

type Answer = ExplainAnswer;

const missingLinkRead = (db: Database, params: ExplainParams, body: string) =>
  runAnalysis<MissingLinkRow>(db, 'explainMissingLink', { body, power: params.power, place: params.place ?? null });

/**
 * The holdings read once for the whole question: every body explain asks about (the one named,
 * its successor, a person's bodies) reads the same holdings of the power and place on the date.
 */
function holdingsReadOnce(source: HoldingSource): HoldingSource {
  const read = new Map<string, ReturnType<HoldingSource>>();
  return (db, question) => {
    if (question.page) return source(db, question);
    // Keyed on the whole question, so a read that asks anything else is its own.
    const key = JSON.stringify([question.power, question.place ?? null, question.at, question.reading ?? null]);
    let pending = read.get(key);
    if (!pending) read.set(key, (pending = source(db, question)));
    return pending;
  };
}

/** The answer for a body. */
async function explainBody(
  db: Database,
  params: ExplainParams,
  body: NodeRef,
  power: NodeRef,
  place: NodeRef | null,
  reading: Reading,
  source: HoldingSource,
  /** The missing-link read for this body, when explain started it already. */
  linkRead?: Promise<MissingLinkRow[]>,
): Promise<Answer> {
  const at = params.at;
  // Three reads that do not depend on each other, at once.
  const [{ rows, capped }, outcomes, [linkRow]] = await Promise.all([
    source(db, { power: params.power, place: params.place, at, reading }),
    outcomesOf(db, params.context),
    linkRead ?? missingLinkRead(db, params, body.id),
  ]);
  // The missing link's nodes are described with the holdings', in one query.
  const linkIds = [
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
  ];
  const { holders, excluded, described } = await holdersOn(rows, { at, context: params.context, outcomes }, (ids) =>
    describeNodes(db, [...ids, ...linkIds]),
  );
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
      const theirs = await explainBody(db, params, next, power, place, reading, source);
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
  source: HoldingSource,
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
  const described = await describeNodes(db, [], {
    Body: positions.map((p) => p.bodyId),
    Source: positions.flatMap((p) => citationSourceIds(p.citations)),
  });
  const answers = await Promise.all(
    positions.map(async (p) => ({ p, answer: await explainBody(db, params, refOf(described, p.bodyId, 'Body'), power, place, reading, source) })),
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

/** `source`: where the holdings come from, the derived layer unless the differential test asks the live derivation. */
export async function explain(db: Database, params: ExplainParams, source: HoldingSource = holdingRows): Promise<ExplainAnswer> {
  const reading: Reading = params.reading ?? 'AS_IT_STOOD';
  const holdings = holdingsReadOnce(source);
  // The holdings and the named body's missing link are read with the asked nodes, in one round:
  // they need only the question's ids (a Person's missing-link read finds no Body and is not used).
  const question = { power: params.power, place: params.place, at: params.at, reading };
  const [asked, linkRows] = await Promise.all([
    describeNodes(db, [], {
      Body: [params.body],
      Person: [params.body],
      Power: [params.power],
      Place: params.place ? [params.place] : [],
    }),
    missingLinkRead(db, params, params.body),
    holdings(db, question),
  ]);
  const subject = asked.get(params.body)?.ref;
  if (!subject || (subject.label !== 'Body' && subject.label !== 'Person')) throw new UnknownNodeError('Body', params.body);
  const power = asked.get(params.power)?.ref;
  if (!power || power.label !== 'Power') throw new UnknownNodeError('Power', params.power);
  const place = params.place ? (asked.get(params.place)?.ref ?? null) : null;
  if (params.place && (!place || place.label !== 'Place')) throw new UnknownNodeError('Place', params.place);
  return subject.label === 'Person'
    ? explainPerson(db, params, subject, power, place, reading, holdings)
    : explainBody(db, params, subject, power, place, reading, holdings, Promise.resolve(linkRows));
}
