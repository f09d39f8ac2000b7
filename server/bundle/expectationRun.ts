// Asks a bundle's expected answers of the real analyses and says, for each, whether it passed and what was answered.
import type { Database } from '../neo4j/database.js';
import { whoCan, type WhoCanParams } from '../analyses/whoCan.js';
import { explain, type ExplainParams } from '../analyses/explain.js';
import { gaps, type Finding, type GapsQuestion } from '../analyses/gaps.js';

import { Reading, Asked, Expectation } from './expectations.js';

export interface ExpectationResult {
  expectation: Expectation;
  passed: boolean;
  /** The question in words: `whoCan fx-permit in fx-town on 2024-02-12`. */
  question: string;
  /** What was expected, in words. */
  expected: string;
  /** What the analysis answered, in words. */
  actual: string;
}

export function askedText(ask: Asked): string {
  return [
    ask.place ? `in ${ask.place}` : '',
    ask.at ? `on ${ask.at}` : '',
    ask.reading && ask.reading !== 'AS_IT_STOOD' ? `(${ask.reading})` : '',
    ask.context ? `with context ${JSON.stringify(ask.context)}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Options the analyses take beyond their current parameters (a reading), passed through as written. */
export function withOptions<T extends object>(params: T, ask: { reading?: Reading }): T {
  return ask.reading ? { ...params, reading: ask.reading } : params;
}

/** Asks each expectation's question of the case in `db` and compares the answer. */
export async function runExpectations(db: Database, caseId: string, expectations: Expectation[]): Promise<ExpectationResult[]> {
  const findingsCache = new Map<string, Promise<Finding[]>>();
  const findingsOf = (ask: { at?: string; reading?: Reading }) => {
    const key = `${ask.at ?? ''}|${ask.reading ?? ''}`;
    if (!findingsCache.has(key)) {
      const question: GapsQuestion = withOptions({ case: caseId, at: ask.at ?? null, limit: 100_000 }, ask);
      findingsCache.set(
        key,
        gaps(db, question).then((answer) => answer.findings),
      );
    }
    return findingsCache.get(key)!;
  };
  const results: ExpectationResult[] = [];
  for (const e of expectations) {
    try {
      results.push(await askOne(db, e, findingsOf));
    } catch (error) {
      // A question the analysis cannot answer fails that expectation; the others are still asked.
      results.push({
        expectation: e,
        passed: false,
        question: `${e.question} ${JSON.stringify(e.ask)}`,
        expected: 'an answer',
        actual: `the analysis failed: ${(error as Error).message.split('\n')[0]}`,
      });
    }
  }
  return results;
}

export async function askOne(
  db: Database,
  e: Expectation,
  findingsOf: (ask: { at?: string; reading?: Reading }) => Promise<Finding[]>,
): Promise<ExpectationResult> {
  if (e.question === 'whoCan') {
    const params: WhoCanParams = withOptions(
      { power: e.ask.power, place: e.ask.place ?? null, at: e.ask.at, context: e.ask.context ?? null, holder: e.ask.holder ?? null, limit: 100_000 },
      e.ask,
    );
    const answer = await whoCan(db, params);
    const holders = [...new Set(answer.holders.map((h) => h.body.id))];
    const excluded = [...new Set(answer.excludedByContext.map((h) => h.body.id))].filter((id) => !holders.includes(id));
    const missing = e.holders.filter((id) => !holders.includes(id));
    const wrong = e.notHolders.filter((id) => holders.includes(id));
    return {
      expectation: e,
      passed: !missing.length && !wrong.length,
      question: `whoCan ${e.ask.power}${e.ask.holder ? ` for ${e.ask.holder}` : ''} ${askedText(e.ask)}`.trim(),
      expected: [e.holders.length ? `holders include ${e.holders.join(', ')}` : '', e.notHolders.length ? `not ${e.notHolders.join(', ')}` : '']
        .filter(Boolean)
        .join('; '),
      actual:
        `holders: ${holders.join(', ') || 'none'}${excluded.length ? `; ruled out by the context: ${excluded.join(', ')}` : ''}` +
        (missing.length ? `. Missing: ${missing.join(', ')}` : '') +
        (wrong.length ? `. Should not hold it: ${wrong.join(', ')}` : ''),
    };
  } else if (e.question === 'explain') {
    const params: ExplainParams = withOptions(
      { body: e.ask.body, power: e.ask.power, place: e.ask.place ?? null, at: e.ask.at, context: e.ask.context ?? null },
      e.ask,
    );
    const answer = await explain(db, params);
    const link = answer.missingLink?.kind ?? null;
    const passed =
      (e.verdict === undefined || e.verdict === answer.verdict) &&
      (e.missingLink === undefined || e.missingLink === link) &&
      (e.via === undefined || e.via === answer.via);
    return {
      expectation: e,
      passed,
      question: `explain ${e.ask.body} ${e.ask.power} ${askedText(e.ask)}`.trim(),
      expected: [e.verdict && `verdict ${e.verdict}`, e.missingLink && `missing link ${e.missingLink}`, e.via && `via ${e.via}`]
        .filter(Boolean)
        .join(', '),
      actual: `verdict ${answer.verdict}${link ? `, missing link ${link}` : ''}${answer.via ? `, via ${answer.via}` : ''}: ${answer.reason}`,
    };
  } else {
    const about = (await findingsOf(e.ask)).filter((f) => f.nodeIds.includes(e.ask.about));
    const kinds = [...new Set(about.map((f) => f.kind as string))];
    const missing = e.include.filter((k) => !kinds.includes(k));
    const wrong = e.exclude.filter((k) => kinds.includes(k));
    return {
      expectation: e,
      passed: !missing.length && !wrong.length,
      question: `findings about ${e.ask.about}${e.ask.at ? ` by ${e.ask.at}` : ''}${e.ask.reading && e.ask.reading !== 'AS_IT_STOOD' ? ` (${e.ask.reading})` : ''}`,
      expected: [e.include.length ? `include ${e.include.join(', ')}` : '', e.exclude.length ? `not ${e.exclude.join(', ')}` : '']
        .filter(Boolean)
        .join('; '),
      actual: about.length ? about.map((f) => `${f.kind} (${f.title})`).join('; ') : 'no findings about it',
    };
  }
}
