// Problems the bundle's JSON Schema finds, said the way an author reads them: which item, which field, what was expected, and the nearest known name.
import { type ErrorObject } from 'ajv/dist/2020.js';
import { NODES, type NodeSpec, type RelationSpec } from '../model/model.js';
import { needsObjectForm } from './jsonSchema.js';
import { LISTED_NODES, bundleRelations, type Citation } from './bundleShape.js';
import { pathText, type ProblemCode } from './problem.js';
import { closest } from './spelling.js';

import { badDateMessage, isDateSchema, schemaValidator, type Report, type Segments } from './validate.js';

/** What a place in the bundle is, so schema errors can be worded in the model's terms. */
export interface Place {
  node?: NodeSpec;
  relation?: RelationSpec;
  /** The place is one reference of a relation field. */
  isReference: boolean;
  isCitation: boolean;
  /** The node's id, to name it in messages. */
  nodeId?: string;
}

export function placeOf(data: unknown, segments: Segments): Place {
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

export function valueAt(data: unknown, segments: Segments): unknown {
  let value = data;
  for (const s of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[s];
  }
  return value;
}

export function segmentsOf(instancePath: string): Segments {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function thingName(place: Place): string {
  if (!place.node) return 'The bundle';
  return place.nodeId ? `${place.node.label} "${place.nodeId}"` : place.node.label;
}

export const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map of fields',
  'object,array': 'a map or a list',
};

export function typeOfValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'empty';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `text ("${value}")`;
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : `the number ${value}`;
  return String(value);
}

export function schemaProblems(data: unknown, report: Report) {
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

export interface SchemaProblem {
  at: Segments;
  code: ProblemCode;
  message: string;
  lineAt?: Segments;
}

export function schemaProblem(error: ErrorObject, at: Segments, place: Place): SchemaProblem | undefined {
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

export function referenceTypeProblem(at: Segments, relation: RelationSpec, value: unknown): SchemaProblem {
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
export function fieldName(at: Segments): string {
  const last = at.findLastIndex((s) => typeof s === 'string');
  return last < 0 ? 'The bundle' : pathText(at.slice(last));
}

export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
