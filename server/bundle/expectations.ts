// The `expect` section of a bundle: answers its author expects the analyses to give, like
// the assertions of SpiceDB's `zed validate`. Import and export ignore it; validation
// checks that each item asks one question with the fields that question takes and names
// ids the bundle has; `npm run check -- FILE` (server/cli/check.ts) asks the questions on
// the imported case and says which answers came out as expected.
//
//   expect:
//     - whoCan: { power: P, place: X, at: D, reading: AS_LATER_HELD, context: {...} }
//       holders: [B1]          # must be among the holders
//     - whoCan: { power: P, at: D, holder: PERSON }   # a person, through the positions held on D
//       holders: [PERSON]
//       notHolders: [B2]       # must not be
//     - explain: { body: B, power: P, place: X, at: D }
//       verdict: DOES_NOT_HOLD
//       missingLink: PARENT_ONLY
//     - findings: { about: ACTION_ID, at: D }
//       include: [PROHIBITED_ACTION]
//       exclude: [UNAUTHORIZED_ACTION]
import { GAP_KINDS } from '../analyses/gaps.js';
import type { ConditionContext } from '../analyses/types.js';
import type { BundleItem } from './bundleShape.js';
import { expectationSchema, ID_PATTERN } from './jsonSchema.js';
import type { ProblemCode } from './problem.js';
import { closest } from './spelling.js';
import type { ExistingIds } from './validate.js';

type Segments = (string | number)[];
type Report = (at: Segments, code: ProblemCode, message: string, lineAt?: Segments) => void;

export type Reading = 'AS_IT_STOOD' | 'AS_LATER_HELD';
const READINGS: readonly Reading[] = ['AS_IT_STOOD', 'AS_LATER_HELD'];
const VERDICTS = ['HOLDS', 'CONDITIONAL', 'DOES_NOT_HOLD', 'UNKNOWN'];

export interface Asked {
  at: string;
  place?: string;
  reading?: Reading;
  context?: ConditionContext;
}

export type Expectation = { index: number; note?: string } & (
  | { question: 'whoCan'; ask: Asked & { power: string; holder?: string }; holders: string[]; notHolders: string[] }
  | { question: 'explain'; ask: Asked & { body: string; power: string }; verdict?: string; missingLink?: string; via?: string }
  | { question: 'findings'; ask: { about: string; at?: string; reading?: Reading }; include: string[]; exclude: string[] }
);

const QUESTIONS = ['whoCan', 'explain', 'findings'] as const;
type Question = (typeof QUESTIONS)[number];
/** The fields of the answer each question may state. */
const ANSWERS: Record<Question, string[]> = {
  whoCan: ['holders', 'notHolders'],
  explain: ['verdict', 'missingLink', 'via'],
  findings: ['include', 'exclude'],
};
/** What each question's fields must point at; holders and subjects may be persons answered through their offices. */
const TARGETS: Record<string, string[]> = {
  power: ['Power'],
  place: ['Place'],
  body: ['Body', 'Person'],
  holder: ['Body', 'Person'],
  holders: ['Body', 'Person'],
  notHolders: ['Body', 'Person'],
};

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRealDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `text ("${value}")`;
  return String(value);
}

const schemaFields = (key: string): string[] => {
  const properties = expectationSchema().properties as Record<string, { properties?: Record<string, unknown> }>;
  return key ? Object.keys(properties[key]?.properties ?? {}) : Object.keys(properties);
};

// ---------------------------------------------------------------- validation

/**
 * Problems of the `expect` section, in the words of its fields (the JSON Schema gives
 * editors the same shape; validate.ts leaves these messages to this module).
 */
export function checkExpectations(data: unknown, items: BundleItem[], existing: ExistingIds | undefined, report: Report): void {
  if (!isMap(data) || data.expect === undefined) return;
  if (!Array.isArray(data.expect)) {
    report(['expect'], 'WRONG_TYPE', `expect must be a list of expected answers, not ${describe(data.expect)}.`);
    return;
  }
  const labels = new Map<string, string>();
  for (const { spec, item } of items) if (!labels.has(item.id as string)) labels.set(item.id as string, spec.label);
  const labelsOf = (id: string) => {
    const found = labels.has(id) ? [labels.get(id)!] : [];
    for (const [label, ids] of existing ?? []) if (ids.has(id) && !found.includes(label)) found.push(label);
    return found;
  };
  data.expect.forEach((entry, i) => checkExpectation(entry, ['expect', i], labelsOf, [...labels.keys()], report));
}

function checkExpectation(entry: unknown, at: Segments, labelsOf: (id: string) => string[], known: string[], report: Report) {
  if (!isMap(entry)) {
    report(at, 'WRONG_TYPE', `An expected answer must be a map such as { whoCan: { power, place, at }, holders: [...] }, not ${describe(entry)}.`);
    return;
  }
  const fields = schemaFields('');
  for (const key of Object.keys(entry)) {
    if (fields.includes(key)) continue;
    const guess = closest(key, fields);
    report(
      [...at, key],
      'UNKNOWN_FIELD',
      `An expected answer has no field ${key}. ${guess ? `Did you mean ${guess}?` : `Its fields are ${fields.join(', ')}.`}`,
    );
  }
  const asked = QUESTIONS.filter((q) => entry[q] !== undefined);
  if (asked.length !== 1) {
    report(
      at,
      'MISSING_FIELD',
      asked.length
        ? `This expected answer asks ${asked.join(' and ')}: ask one question per item (whoCan, explain or findings).`
        : 'This expected answer asks nothing: write whoCan: { power, place, at }, explain: { body, power, at } or findings: { about }.',
    );
    return;
  }
  const question = asked[0];
  const ask = entry[question];
  if (!isMap(ask)) {
    report(
      [...at, question],
      'WRONG_TYPE',
      `${question} must be a map of what is asked, such as ${question === 'findings' ? '{ about: ACTION_ID }' : '{ power: POWER_ID, at: 2020-01-31 }'}, not ${describe(ask)}.`,
    );
    return;
  }
  const askFields = schemaFields(question);
  for (const key of Object.keys(ask)) {
    if (askFields.includes(key)) continue;
    const guess = closest(key, askFields);
    report(
      [...at, question, key],
      'UNKNOWN_FIELD',
      `${question} takes no field ${key}. ${guess ? `Did you mean ${guess}?` : `It takes ${askFields.join(', ')}.`}`,
    );
  }
  const required = question === 'findings' ? ['about'] : question === 'explain' ? ['body', 'power', 'at'] : ['power', 'at'];
  for (const key of required) {
    if (ask[key] === undefined) report([...at, question, key], 'MISSING_FIELD', `${question} has no ${key}, which is required.`, [...at, question]);
  }
  for (const key of ['power', 'place', 'body', 'holder', 'about']) {
    const id = ask[key];
    if (id === undefined) continue;
    if (typeof id !== 'string' || !new RegExp(ID_PATTERN).test(id)) {
      report([...at, question, key], 'BAD_ID', `${key} must be an id, not ${describe(id)}.`);
      continue;
    }
    checkTarget(id, key, [...at, question, key], labelsOf, known, report);
  }
  if (ask.at !== undefined && !isRealDate(ask.at))
    report([...at, question, 'at'], 'BAD_DATE', `at is ${describe(ask.at)}, which is not a real calendar date written YYYY-MM-DD.`);
  if (ask.reading !== undefined && !READINGS.includes(ask.reading as Reading)) {
    report([...at, question, 'reading'], 'BAD_ENUM', `reading is ${describe(ask.reading)}, which is not one of ${READINGS.join(', ')}.`);
  }
  if (ask.context !== undefined && !isMap(ask.context))
    report(
      [...at, question, 'context'],
      'WRONG_TYPE',
      `context must be a map of facts (votesFor: 298, consents: [BODY_ID], action: ACTION_ID), not ${describe(ask.context)}.`,
    );

  const answers = ANSWERS[question];
  const stated = Object.keys(entry).filter((k) => Object.values(ANSWERS).flat().includes(k));
  for (const key of stated.filter((k) => !answers.includes(k))) {
    const owner = QUESTIONS.find((q) => ANSWERS[q].includes(key))!;
    report(
      [...at, key],
      'UNKNOWN_FIELD',
      `${key} is an answer to ${owner}, not to ${question}: ${question === 'explain' ? 'an' : 'a'} ${question} expectation states ${answers.join(', ')}.`,
    );
  }
  if (!stated.some((k) => answers.includes(k))) {
    report(at, 'MISSING_FIELD', `This expected answer asks ${question} but states no answer: write ${answers.join(' or ')}.`);
  }
  for (const key of ['holders', 'notHolders']) {
    const list = entry[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.length || list.some((v) => typeof v !== 'string')) {
      report([...at, key], 'WRONG_TYPE', `${key} must be a list of ids, not ${describe(list)}.`);
      continue;
    }
    list.forEach((id, j) => checkTarget(id as string, key, [...at, key, j], labelsOf, known, report));
  }
  for (const key of ['include', 'exclude']) {
    const list = entry[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.length || list.some((v) => typeof v !== 'string')) {
      report(
        [...at, key],
        'WRONG_TYPE',
        `${key} must be a list of kinds of finding (${GAP_KINDS.slice(0, 3).join(', ')}, ...), not ${describe(list)}.`,
      );
      continue;
    }
    list.forEach((kind, j) => {
      if ((GAP_KINDS as readonly string[]).includes(kind as string)) return;
      const guess = closest(kind as string, GAP_KINDS);
      report(
        [...at, key, j],
        'BAD_ENUM',
        `"${kind}" is not a kind of finding.${guess ? ` Did you mean ${guess}?` : ''} The kinds are ${GAP_KINDS.join(', ')}.`,
      );
    });
  }
  if (entry.verdict !== undefined && !VERDICTS.includes(entry.verdict as string)) {
    const guess = typeof entry.verdict === 'string' ? closest(entry.verdict, VERDICTS) : undefined;
    report(
      [...at, 'verdict'],
      'BAD_ENUM',
      `verdict is ${describe(entry.verdict)}, which is not one of ${VERDICTS.join(', ')}.${guess ? ` Did you mean ${guess}?` : ''}`,
    );
  }
  for (const key of ['missingLink', 'via', 'note']) {
    if (entry[key] !== undefined && (typeof entry[key] !== 'string' || entry[key] === ''))
      report([...at, key], 'WRONG_TYPE', `${key} must be text, not ${describe(entry[key])}.`);
  }
}

function checkTarget(id: string, key: string, at: Segments, labelsOf: (id: string) => string[], known: string[], report: Report) {
  const labels = labelsOf(id);
  const wanted = TARGETS[key];
  if (!labels.length) {
    const guess = closest(id, known);
    report(at, 'DANGLING_REFERENCE', `${key} names "${id}", which this bundle does not define or point at.${guess ? ` Did you mean ${guess}?` : ''}`);
  } else if (wanted && !labels.some((l) => wanted.includes(l))) {
    report(at, 'WRONG_TARGET_TYPE', `${key} names "${id}", which is a ${labels[0]}; it must be a ${wanted.join(' or a ')}.`);
  }
}

/** The expectations of a valid bundle, typed. */
export function expectationsOf(data: unknown): Expectation[] {
  if (!isMap(data) || !Array.isArray(data.expect)) return [];
  return data.expect.filter(isMap).map((entry, index) => {
    const note = typeof entry.note === 'string' ? entry.note : undefined;
    const list = (key: string) => (Array.isArray(entry[key]) ? (entry[key] as string[]) : []);
    if (entry.whoCan)
      return {
        index,
        note,
        question: 'whoCan',
        ask: entry.whoCan as Expectation['ask'] & { power: string; at: string },
        holders: list('holders'),
        notHolders: list('notHolders'),
      };
    if (entry.explain) {
      return {
        index,
        note,
        question: 'explain',
        ask: entry.explain as Asked & { body: string; power: string },
        verdict: entry.verdict as string | undefined,
        missingLink: entry.missingLink as string | undefined,
        via: entry.via as string | undefined,
      };
    }
    return { index, note, question: 'findings', ask: entry.findings as { about: string }, include: list('include'), exclude: list('exclude') };
  });
}
