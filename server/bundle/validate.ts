// Every problem with a bundle at once, each with its line and a sentence that says what
// to fix. The JSON Schema catches shape, types, enums and dates; the rest are checks a
// schema cannot express: ids, references, sources, private data, date order.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { BUILT_IN_TERMS, type NodeSpec, type PropertySpec, type Vocabulary } from '../model/model.js';
import { bundleJsonSchema } from './jsonSchema.js';
import { SHARED_VOCABULARY, bundleRelations, itemsOf, referencesOf, type BundleItem, type Citation } from './bundleShape.js';
import type { ParsedBundle } from './parse.js';
import { pathText, type Problem, type ProblemCode } from './problem.js';
import { PRIVATE_DATA_NAMES, findPrivateData, privateNames } from './privateData.js';
import { closest } from './spelling.js';
import { checkConditions } from './conditions.js';
import { checkExpectations } from './expectations.js';
import { checkIntegrity } from './integrity.js';
import { parsePartialDate } from '../dates.js';

import { fieldName, schemaProblems, typeOfValue } from './schemaProblems.js';

/** Ids already in the database, by label; lets a bundle point at shared vocabulary it does not define. */
export type ExistingIds = ReadonlyMap<string, ReadonlySet<string>>;

export interface ValidateOptions {
  existing?: ExistingIds;
  /**
   * Ids defined in other parts of the same bundle, with their labels: a streamed bundle
   * (NDJSON) is validated one line at a time, and its references may point across lines.
   */
  elsewhere?: ReadonlyMap<string, string>;
}

/** Where an id is defined, for reference checks. */
type Definitions = Pick<Map<string, Definition>, 'get'>;

export type Segments = (string | number)[];

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats: typeof addFormatsModule.default = addFormatsModule.default ?? (addFormatsModule as unknown as typeof addFormatsModule.default);

let compiled: ReturnType<Ajv2020['compile']> | undefined;
export function schemaValidator() {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true });
    addFormats(ajv, ['date']);
    ajv.addFormat('partial-date', { type: 'string', validate: (text: string) => parsePartialDate(text) !== null });
    compiled = ajv.compile(bundleJsonSchema());
  }
  return compiled;
}

export function validateBundle(bundle: ParsedBundle, options: ValidateOptions = {}): Problem[] {
  const problems: Problem[] = [...bundle.problems];
  if (bundle.data === undefined || bundle.data === null) {
    if (!problems.length) problems.push({ file: bundle.file, line: 0, path: '', message: 'The bundle is empty.', code: 'MISSING_FIELD' });
    return problems;
  }
  const report = (at: Segments, code: ProblemCode, message: string, lineAt: Segments = at) =>
    problems.push({ file: bundle.file, line: bundle.lineOf(lineAt), path: pathText(at), message, code });

  schemaProblems(bundle.data, report);
  const items = itemsOf(bundle.data);
  const own = definedIds(items, report);
  const elsewhere = options.elsewhere;
  const defined: Definitions = elsewhere
    ? { get: (id) => own.get(id) ?? (elsewhere.has(id) ? { label: elsewhere.get(id)!, at: [] } : undefined) }
    : own;
  checkIdsAgainstDatabase(items, options.existing, report);
  const terms = declaredTerms(items, report);
  for (const entry of items) {
    checkOneOf(entry, report);
    checkVocabularies(entry, terms, report);
    checkReferences(entry, defined, options.existing, report);
    checkCitations(entry, defined, report);
    checkDateOrder(entry, report);
    if (entry.spec.label === 'Person') checkPositions(entry, report);
  }
  checkConditions(items, options.existing, report);
  checkExpectations(bundle.data, items, options.existing, report);
  // The reviewers' list of names is looked up once per bundle part, not once per text.
  checkPrivateData(bundle.data, [], report, privateNames());
  checkIntegrity(bundle.data, items, report);
  return sortProblems(problems);
}

export type Report = (at: Segments, code: ProblemCode, message: string, lineAt?: Segments) => void;

function sortProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.line}|${p.path}|${p.message}`;
      return !seen.has(key) && Boolean(seen.add(key));
    })
    .sort((a, b) => a.line - b.line || a.path.localeCompare(b.path));
}

// ---------------------------------------------------------------- ids and references

interface Definition {
  label: string;
  at: Segments;
}

function definedIds(items: BundleItem[], report: Report): Map<string, Definition> {
  const defined = new Map<string, Definition>();
  for (const { spec, item, at } of items) {
    const id = item.id as string;
    const first = defined.get(id);
    if (first) {
      report(
        [...at, 'id'],
        'DUPLICATE_ID',
        `The id "${id}" is already used by ${pathText(first.at)} (a ${first.label}); ids must be unique across the bundle.`,
      );
    } else {
      defined.set(id, { label: spec.label, at });
    }
  }
  return defined;
}

function existingLabelsOf(existing: ExistingIds | undefined, id: string): string[] {
  if (!existing) return [];
  return [...existing].filter(([, ids]) => ids.has(id)).map(([label]) => label);
}

function checkIdsAgainstDatabase(items: BundleItem[], existing: ExistingIds | undefined, report: Report) {
  for (const { spec, item, at } of items) {
    const others = existingLabelsOf(existing, item.id as string).filter((label) => label !== spec.label);
    if (others.length)
      report(
        [...at, 'id'],
        'ID_TAKEN',
        `The id "${item.id}" already belongs to a ${others.join(' and a ')} in the database; choose another id for this ${spec.label}.`,
      );
  }
}

function article(label: string): string {
  return /^[AEIOU]/.test(label) ? `an ${label}` : `a ${label}`;
}

function checkReferences(entry: BundleItem, defined: Definitions, existing: ExistingIds | undefined, report: Report) {
  if (entry.spec.label === 'Case') return;
  for (const relation of bundleRelations(entry.spec.label)) {
    const wanted = relation.to.map(article).join(' or ');
    for (const ref of referencesOf(entry.item, relation)) {
      const at = [...entry.at, ...ref.at];
      const target = defined.get(ref.id);
      if (target) {
        if (!relation.to.includes(target.label)) {
          report(
            at,
            'WRONG_TARGET_TYPE',
            `${relation.field} points at "${ref.id}", which is ${article(target.label)}; ${relation.type} must point at ${wanted}.`,
          );
        }
        continue;
      }
      const inDatabase = existingLabelsOf(existing, ref.id);
      const usable = inDatabase.filter((label) => relation.to.includes(label));
      if (usable.some((label) => SHARED_VOCABULARY.includes(label))) continue;
      if (usable.length) {
        report(
          at,
          'DANGLING_REFERENCE',
          `${relation.field} points at "${ref.id}", ${article(usable[0])} of another case: define it in this bundle too (only places, powers and body types are shared).`,
        );
      } else if (inDatabase.length) {
        report(
          at,
          'WRONG_TARGET_TYPE',
          `${relation.field} points at "${ref.id}", which is ${article(inDatabase[0])} in the database; ${relation.type} must point at ${wanted}.`,
        );
      } else {
        report(
          at,
          'DANGLING_REFERENCE',
          `${relation.field} points at "${ref.id}", but no ${relation.to.join(' or ')} has that id in this bundle${existing ? ' or the database' : ''}.`,
        );
      }
    }
  }
}

function checkCitations(entry: BundleItem, defined: Definitions, report: Report) {
  const lists: [Segments, unknown][] = [[[...entry.at, 'evidence'], entry.item.evidence]];
  if (entry.spec.label !== 'Case') {
    for (const relation of bundleRelations(entry.spec.label)) {
      for (const ref of referencesOf(entry.item, relation)) lists.push([[...entry.at, ...ref.at, 'evidence'], ref.evidence]);
    }
  }
  for (const [at, evidence] of lists) {
    if (!Array.isArray(evidence)) continue;
    evidence.forEach((citation: Citation, i) => {
      if (typeof citation?.source !== 'string') return;
      const source = defined.get(citation.source);
      if (!source)
        report(
          [...at, i, 'source'],
          'UNKNOWN_SOURCE',
          `The citation names source "${citation.source}", which this bundle does not define: add it under sources.`,
        );
      else if (source.label !== 'Source')
        report([...at, i, 'source'], 'UNKNOWN_SOURCE', `The citation names "${citation.source}", which is ${article(source.label)}, not a Source.`);
    });
  }
}

function checkPositions(entry: BundleItem, report: Report) {
  const positions = entry.item.positions;
  if (Array.isArray(positions) && positions.length > 0) return;
  report(
    entry.at,
    'PERSON_WITHOUT_POSITION',
    `Person "${entry.item.id}" holds no public position: a person is recorded only as a public office holder, so add positions: [{ id: BODY_ID, title, titleZh, evidence }].`,
  );
}

// ---------------------------------------------------------------- languages and vocabularies

function checkOneOfPairs(values: Record<string, unknown>, pairs: NodeSpec['oneOf'], at: Segments, whose: string, report: Report) {
  for (const [a, b] of pairs ?? []) {
    if (values[a] === undefined && values[b] === undefined) {
      report(at, 'MISSING_FIELD', `${whose} has neither ${a} nor ${b}: write at least one (a text in either language is enough).`);
    }
  }
}

function checkOneOf(entry: BundleItem, report: Report) {
  checkOneOfPairs(entry.item, entry.spec.oneOf, entry.at, `${entry.spec.label} "${entry.item.id}"`, report);
  if (entry.spec.label === 'Case') return;
  for (const relation of bundleRelations(entry.spec.label)) {
    if (!relation.oneOf) continue;
    for (const ref of referencesOf(entry.item, relation)) {
      checkOneOfPairs(ref.properties, relation.oneOf, [...entry.at, ...ref.at], `This ${relation.type} reference`, report);
    }
  }
}

type DeclaredTerms = Map<Vocabulary, Set<string>>;

/** The values each open vocabulary takes in this bundle: the built-in ones and the bundle's own Terms. */
function declaredTerms(items: BundleItem[], report: Report): DeclaredTerms {
  const terms: DeclaredTerms = new Map(Object.entries(BUILT_IN_TERMS).map(([v, values]) => [v as Vocabulary, new Set(values)]));
  for (const { spec, item, at } of items) {
    if (spec.label !== 'Term' || typeof item.value !== 'string' || typeof item.vocabulary !== 'string') continue;
    const values = terms.get(item.vocabulary as Vocabulary);
    if (!values) continue; // the schema reports an unknown vocabulary
    const pattern = item.vocabulary === 'PURPOSE' ? /^[a-z0-9]+([.-][a-z0-9]+)*$/ : /^[A-Z][A-Z0-9_]*$/;
    if (!pattern.test(item.value)) {
      const form =
        item.vocabulary === 'PURPOSE' ? 'lowercase words joined by hyphens (stop-petition)' : 'capitals joined by underscores (PRIVY_COUNCIL)';
      report([...at, 'value'], 'BAD_ENUM', `Term "${item.id}" has the value "${item.value}": write a ${item.vocabulary} value as ${form}.`);
    }
    values.add(item.value);
  }
  return terms;
}

function checkVocabularyValue(value: unknown, spec: PropertySpec, at: Segments, terms: DeclaredTerms, report: Report) {
  if (!spec.vocabulary || typeof value !== 'string') return;
  const known = terms.get(spec.vocabulary)!;
  // Purposes were free text before Terms existed: an undeclared purpose stays valid, and readers are told the case does not describe it.
  if (spec.vocabulary === 'PURPOSE' || known.has(value)) return;
  const hint = closest(value, [...known]);
  report(
    at,
    'BAD_ENUM',
    `${fieldName(at)} is "${value}", which is not one of ${[...known].join(', ')}.${hint ? ` Did you mean ${hint}?` : ''} A case may add its own: terms: [{ id, vocabulary: ${spec.vocabulary}, value: ${value}, label }].`,
  );
}

function checkVocabularies(entry: BundleItem, terms: DeclaredTerms, report: Report) {
  for (const [key, spec] of Object.entries(entry.spec.properties)) {
    const value = entry.item[key];
    if (Array.isArray(value)) value.forEach((v, i) => checkVocabularyValue(v, spec, [...entry.at, key, i], terms, report));
    else checkVocabularyValue(value, spec, [...entry.at, key], terms, report);
  }
}

// ---------------------------------------------------------------- dates and private data

/** Pairs of dates where the first may not fall after the second, wherever both appear. */
const DATE_PAIRS: [string, string][] = [
  ['validFrom', 'validTo'],
  ['effectiveFrom', 'effectiveTo'],
  ['issuedOn', 'effectiveTo'],
  ['startedAt', 'endedAt'],
  ['from', 'to'],
];

/** A date field's schema (jsonSchema.ts marks it with the `partial-date` format). */
export function isDateSchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && (schema as { format?: string }).format === 'partial-date';
}

export function badDateMessage(here: string, value: unknown): string {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1000 && value <= 9999) {
    return `${here} is the number ${value}: write a year alone in quotes, "${value}" (YAML reads an unquoted ${value} as a number).`;
  }
  return `${here} is ${typeof value === 'string' ? `"${value}"` : typeOfValue(value)}, which is not a real calendar date: write YYYY-MM-DD, or YYYY-MM or "YYYY" when the source gives only the month or the year.`;
}

/**
 * Dates are intervals ('2022-04' is 1–30 April): the first of a pair is out of order only when
 * it certainly falls after the second, i.e. its first day is after the second's last day.
 */
function checkDatePairs(values: Record<string, unknown>, properties: Record<string, PropertySpec>, at: Segments, report: Report) {
  for (const [first, last] of DATE_PAIRS) {
    if (properties[first]?.kind !== 'date' || properties[last]?.kind !== 'date') continue;
    const a = parsePartialDate(values[first]);
    const b = parsePartialDate(values[last]);
    if (a && b && a.first > b.last)
      report([...at, last], 'DATE_ORDER', `${last} (${String(values[last])}) is before ${first} (${String(values[first])}).`);
  }
}

function checkDateOrder(entry: BundleItem, report: Report) {
  checkDatePairs(entry.item, entry.spec.properties, entry.at, report);
  if (entry.spec.label === 'Case') return;
  for (const relation of bundleRelations(entry.spec.label)) {
    if (!relation.properties) continue;
    for (const ref of referencesOf(entry.item, relation)) checkDatePairs(ref.properties, relation.properties, [...entry.at, ...ref.at], report);
  }
}

function checkPrivateData(value: unknown, at: Segments, report: Report, names: readonly string[]) {
  if (typeof value === 'string') {
    // `at` is the walk's own path, changed as it goes: a problem keeps a copy.
    for (const finding of findPrivateData(value, names)) {
      report(
        [...at],
        'PRIVATE_DATA',
        `${fieldName(at)} contains what looks like ${PRIVATE_DATA_NAMES[finding.kind]} (${finding.masked}); private individuals' data must not be stored: remove it.`,
      );
    }
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      at.push(i);
      checkPrivateData(value[i], at, report, names);
      at.pop();
    }
  } else if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      at.push(key);
      checkPrivateData((value as Record<string, unknown>)[key], at, report, names);
      at.pop();
    }
  }
}
