// Every problem with a bundle at once, each with its line and a sentence that says what
// to fix. The JSON Schema catches shape, types, enums and dates; the rest are checks a
// schema cannot express: ids, references, sources, private data, date order.
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { BUILT_IN_TERMS, NODES, type NodeSpec, type PropertySpec, type RelationSpec, type Vocabulary } from '../model/model.js';
import { bundleJsonSchema, needsObjectForm } from './jsonSchema.js';
import { LISTED_NODES, SHARED_VOCABULARY, bundleRelations, itemsOf, referencesOf, type BundleItem, type Citation } from './bundleShape.js';
import type { ParsedBundle } from './parse.js';
import { pathText, type Problem, type ProblemCode } from './problem.js';
import { PRIVATE_DATA_NAMES, findPrivateData } from './privateData.js';
import { closest } from './spelling.js';
import { checkConditions } from './conditions.js';
import { checkExpectations } from './expectations.js';
import { checkIntegrity } from './integrity.js';
import { parsePartialDate } from '../dates.js';

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

type Segments = (string | number)[];

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats: typeof addFormatsModule.default = addFormatsModule.default ?? (addFormatsModule as unknown as typeof addFormatsModule.default);

let compiled: ReturnType<Ajv2020['compile']> | undefined;
function schemaValidator() {
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
  checkPrivateData(bundle.data, [], report);
  checkIntegrity(bundle.data, items, report);
  return sortProblems(problems);
}

type Report = (at: Segments, code: ProblemCode, message: string, lineAt?: Segments) => void;

function sortProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.line}|${p.path}|${p.message}`;
      return !seen.has(key) && Boolean(seen.add(key));
    })
    .sort((a, b) => a.line - b.line || a.path.localeCompare(b.path));
}

// ---------------------------------------------------------------- schema

/** What a place in the bundle is, so schema errors can be worded in the model's terms. */
interface Place {
  node?: NodeSpec;
  relation?: RelationSpec;
  /** The place is one reference of a relation field. */
  isReference: boolean;
  isCitation: boolean;
  /** The node's id, to name it in messages. */
  nodeId?: string;
}

function placeOf(data: unknown, segments: Segments): Place {
  const place: Place = { isReference: false, isCitation: false };
  const [top, index, field, ...rest] = segments;
  if (top === 'case') place.node = NODES.find((n) => n.label === 'Case');
  else place.node = LISTED_NODES.find((n) => n.plural === top);
  const item = top === 'case' ? valueAt(data, ['case']) : typeof index === 'number' ? valueAt(data, [top, index]) : undefined;
  if (item && typeof (item as { id?: unknown }).id === 'string') place.nodeId = (item as { id: string }).id;
  const inNode = top === 'case' ? [index, field, ...rest] : [field, ...rest];
  const relation = place.node && place.node.label !== 'Case' ? bundleRelations(place.node.label).find((r) => r.field === inNode[0]) : undefined;
  if (relation) {
    place.relation = relation;
    const after = relation.many ? inNode.slice(2) : inNode.slice(1);
    place.isReference = after.length === 0 && (!relation.many || inNode.length === 2);
    place.isCitation = after[0] === 'evidence' && after.length === 2;
  } else {
    place.isCitation = inNode[0] === 'evidence' && inNode.length === 2;
  }
  return place;
}

function valueAt(data: unknown, segments: Segments): unknown {
  let value = data;
  for (const s of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[s];
  }
  return value;
}

function segmentsOf(instancePath: string): Segments {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function thingName(place: Place): string {
  if (!place.node) return 'The bundle';
  return place.nodeId ? `${place.node.label} "${place.nodeId}"` : place.node.label;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map of fields',
  'object,array': 'a map or a list',
};

function typeOfValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'empty';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `text ("${value}")`;
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : `the number ${value}`;
  return String(value);
}

function schemaProblems(data: unknown, report: Report) {
  const validate = schemaValidator();
  if (validate(data)) return;
  for (const error of validate.errors ?? []) {
    // anyOf branches and if/then wrappers only restate the error reported beside them.
    if (error.schemaPath.includes('/anyOf/') || error.keyword === 'if') continue;
    // The expect section's problems are worded by expectations.ts.
    if (error.instancePath.startsWith('/expect')) continue;
    const at = segmentsOf(error.instancePath);
    const problem = schemaProblem(error, at, placeOf(data, at));
    if (problem) report(problem.at, problem.code, problem.message, problem.lineAt ?? problem.at);
  }
}

interface SchemaProblem {
  at: Segments;
  code: ProblemCode;
  message: string;
  lineAt?: Segments;
}

function schemaProblem(error: ErrorObject, at: Segments, place: Place): SchemaProblem | undefined {
  const here = fieldName(at);
  const properties = (error.parentSchema as { properties?: Record<string, { description?: string }> })?.properties ?? {};
  if (isDateSchema(error.parentSchema)) return { at, code: 'BAD_DATE', message: badDateMessage(here, error.data) };
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      const about = properties[missing]?.description;
      const whose =
        place.isReference && place.relation ? `This ${place.relation.type} reference` : place.isCitation ? 'This citation' : thingName(place);
      return {
        at: [...at, missing],
        lineAt: at,
        code: 'MISSING_FIELD',
        message: `${whose} has no ${missing}, which is required${about ? `: ${lowerFirst(about)}` : '.'}`,
      };
    }
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys(properties);
      const hint =
        extra === 'pinyin'
          ? 'pinyin is computed on import from the Chinese name; remove it.'
          : closest(extra, known)
            ? `Did you mean ${closest(extra, known)}?`
            : `Known fields: ${known.join(', ')}.`;
      const whose =
        place.isReference && place.relation
          ? `A ${place.relation.type} reference`
          : place.isCitation
            ? 'A citation'
            : place.node
              ? `A ${place.node.label}`
              : 'The bundle';
      return { at: [...at, extra], code: 'UNKNOWN_FIELD', message: `${whose} has no field ${extra}. ${hint}` };
    }
    case 'type': {
      const expected = String((error.params as { type: string | string[] }).type);
      if (place.isReference && place.relation) return referenceTypeProblem(at, place.relation, error.data);
      return { at, code: 'WRONG_TYPE', message: `${here} must be ${TYPE_WORDS[expected] ?? expected}, not ${typeOfValue(error.data)}.` };
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: string[] }).allowedValues;
      return { at, code: 'BAD_ENUM', message: `${here} is "${String(error.data)}", which is not one of ${allowed.join(', ')}.` };
    }
    case 'pattern':
      return {
        at,
        code: 'BAD_ID',
        message: `${here} "${String(error.data)}" is not a valid id: use lowercase letters and digits in words joined by dots or hyphens (e.g. cn-henan-zhengzhou).`,
      };
    case 'const':
      return {
        at,
        code: 'BAD_FORMAT',
        message: `${here} must be "${String((error.params as { allowedValue: unknown }).allowedValue)}", not ${typeOfValue(error.data)}.`,
      };
    case 'minItems':
      return { at, code: 'EMPTY_LIST', message: `${here} is an empty list: give at least one citation, or remove it and write unsourced: true.` };
    case 'minLength':
      return { at, code: 'WRONG_TYPE', message: `${here} is empty: write a value or remove the field.` };
    case 'anyOf':
      if (place.isCitation)
        return {
          at,
          code: 'CITATION_WITHOUT_QUOTE',
          message: `This citation of "${String((error.data as Citation).source)}" quotes nothing: add quoteZh (the passage in Chinese, verbatim) or quote (in English).`,
        };
      if (place.isReference && place.relation)
        return {
          at,
          code: 'MISSING_EVIDENCE',
          message: `${place.relation.type} states a fact and cites no evidence: add evidence: [{ source, quoteZh }] or unsourced: true.`,
        };
      return {
        at,
        code: 'MISSING_EVIDENCE',
        message: `${thingName(place)} states a fact and cites no evidence: add evidence: [{ source, quoteZh }] or unsourced: true.`,
      };
    default:
      return { at, code: 'WRONG_TYPE', message: `${here} ${error.message ?? 'is not valid'}.` };
  }
}

function referenceTypeProblem(at: Segments, relation: RelationSpec, value: unknown): SchemaProblem {
  if (typeof value === 'string' && needsObjectForm(relation)) {
    const requiredProps = Object.entries(relation.properties ?? {})
      .filter(([, p]) => p.required)
      .map(([k]) => k);
    const fields = [`id: ${value}`, ...requiredProps.map((k) => `${k}: ...`), ...(relation.cited ? ['evidence: [...]'] : [])].join(', ');
    const why = [
      requiredProps.length ? `needs ${requiredProps.join(' and ')}` : '',
      relation.cited ? 'states a fact and must cite evidence (or say unsourced: true)' : '',
    ]
      .filter(Boolean)
      .join(' and ');
    return {
      at,
      code: relation.cited ? 'MISSING_EVIDENCE' : 'MISSING_FIELD',
      message: `${relation.type} ${why}: write { ${fields} } instead of the bare id.`,
    };
  }
  const form = needsObjectForm(relation) ? '{ id: ... }' : 'an id or { id: ... }';
  return { at, code: 'WRONG_TYPE', message: `${fieldName(at)} must be ${form}, not ${typeOfValue(value)}.` };
}

/** The field a path ends in, as an editor calls it: `validFrom`, `evidence[0]`. */
function fieldName(at: Segments): string {
  const last = at.findLastIndex((s) => typeof s === 'string');
  return last < 0 ? 'The bundle' : pathText(at.slice(last));
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
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
function isDateSchema(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && (schema as { format?: string }).format === 'partial-date';
}

function badDateMessage(here: string, value: unknown): string {
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

function checkPrivateData(value: unknown, at: Segments, report: Report) {
  if (typeof value === 'string') {
    for (const finding of findPrivateData(value)) {
      report(
        at,
        'PRIVATE_DATA',
        `${fieldName(at)} contains what looks like ${PRIVATE_DATA_NAMES[finding.kind]} (${finding.masked}); private individuals' data must not be stored: remove it.`,
      );
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => checkPrivateData(v, [...at, i], report));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkPrivateData(v, [...at, k], report);
  }
}
