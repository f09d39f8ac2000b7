// The bundle's JSON Schema (draft 2020-12), built from the model so the two cannot drift.
// Editors can point their YAML tooling at docs/bundle.schema.json; validate.ts runs the
// same schema and then the checks a schema cannot express (references, private data...).
import { CITATION, NODES, type NodeSpec, type PropertySpec, type RelationSpec } from '../model/model.js';
import { PARTIAL_DATE_PATTERN } from '../dates.js';
import { BUNDLE_FORMAT, LISTED_NODES, bundleRelations, writtenProperties } from './bundleShape.js';

export type JsonSchema = Record<string, unknown>;

/** Lowercase words joined by dots or hyphens, as model.ts describes ids. */
export const ID_PATTERN = '^[a-z0-9]+([.-][a-z0-9]+)*$';

function propertySchema(spec: PropertySpec): JsonSchema {
  const base: JsonSchema = { description: spec.description };
  switch (spec.kind) {
    case 'string':
    case 'text':
      Object.assign(base, { type: 'string', minLength: 1 });
      break;
    case 'int':
      Object.assign(base, { type: 'integer' });
      break;
    case 'float':
      Object.assign(base, { type: 'number' });
      break;
    case 'boolean':
      Object.assign(base, { type: 'boolean' });
      break;
    case 'date':
      // 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', as precise as the source. YAML 1.2 reads 2022-07-08
      // and 2022-07 as text but an unquoted 1689 as a number, so a year alone is quoted.
      // `pattern` is the shape for any tool; `format` (checked by validate.ts) a real month or day.
      Object.assign(base, { type: 'string', pattern: PARTIAL_DATE_PATTERN, format: 'partial-date' });
      break;
    case 'string[]':
      Object.assign(base, { type: 'array', items: { type: 'string', minLength: 1 } });
      break;
    case 'json':
      Object.assign(base, { type: ['object', 'array'] });
      break;
  }
  // An open vocabulary's values are checked by validate.ts against the built-in values and the bundle's Terms.
  if (spec.enum && !spec.vocabulary) base.enum = [...spec.enum];
  return base;
}

/** A cited thing must carry evidence, or say plainly that it has none. */
const evidenceOrUnsourced: JsonSchema[] = [{ required: ['evidence'] }, { required: ['unsourced'], properties: { unsourced: { const: true } } }];

function nodeSchema(spec: NodeSpec): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, prop] of writtenProperties(spec)) {
    properties[key] = key === 'id' ? { $ref: '#/$defs/id', description: prop.description } : propertySchema(prop);
    if (prop.required) required.push(key);
  }
  if (spec.label !== 'Case') {
    for (const relation of bundleRelations(spec.label)) {
      properties[relation.field] = relationFieldSchema(relation);
      if (relation.required) required.push(relation.field);
    }
  }
  if (spec.cited) properties.evidence = { $ref: '#/$defs/evidence' };
  const schema: JsonSchema = {
    type: 'object',
    title: spec.label,
    description: `${spec.description} ${spec.descriptionZh}`,
    properties,
    required,
    additionalProperties: false,
  };
  if (spec.cited) schema.anyOf = evidenceOrUnsourced;
  return schema;
}

/** Name of the $defs entry for a relation's object form. */
export function referenceDefName(relation: RelationSpec): string {
  return `${relation.from}.${relation.field}`;
}

function referenceObjectSchema(relation: RelationSpec): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    id: { $ref: '#/$defs/id', description: `Id of the ${relation.to.join(' or ')} this points to.` },
  };
  const required = ['id'];
  for (const [key, prop] of Object.entries(relation.properties ?? {})) {
    properties[key] = propertySchema(prop);
    if (prop.required) required.push(key);
  }
  if (relation.cited) {
    properties.evidence = { $ref: '#/$defs/evidence' };
    properties.unsourced = { type: 'boolean', description: 'True when an editor asserts this relation without a source.' };
  }
  const schema: JsonSchema = {
    type: 'object',
    description: `${relation.type}: ${relation.description}`,
    properties,
    required,
    additionalProperties: false,
  };
  if (relation.cited) schema.anyOf = evidenceOrUnsourced;
  return schema;
}

/** True when a bare id cannot say everything the relation needs. */
export function needsObjectForm(relation: RelationSpec): boolean {
  return Boolean(relation.cited) || Object.values(relation.properties ?? {}).some((p) => p.required);
}

function relationFieldSchema(relation: RelationSpec): JsonSchema {
  const object = { $ref: `#/$defs/${referenceDefName(relation)}` };
  const one: JsonSchema = needsObjectForm(relation) ? object : { if: { type: 'string' }, then: { $ref: '#/$defs/id' }, else: object };
  const description = `${relation.type} → ${relation.to.join(' | ')}: ${relation.description}`;
  return relation.many ? { description, type: 'array', items: one } : { description, ...one };
}

// ---------------------------------------------------------------- expected answers

const DATE: JsonSchema = { type: 'string', format: 'date', description: 'The day asked about, YYYY-MM-DD.' };
const READING: JsonSchema = {
  enum: ['AS_IT_STOOD', 'AS_LATER_HELD'],
  description: 'AS_IT_STOOD (the default): the law as it stood on the day; AS_LATER_HELD: with every later court holding applied.',
};
const CONTEXT: JsonSchema = {
  type: 'object',
  description:
    'Facts the conditions are judged by, as whoCan and explain take them (docs/bundle-format.md, "Expected answers"): a THRESHOLD param (votesFor: 298), consents/approvals/procedures lists, action: ACTION_ID.',
};
const IDS = (description: string): JsonSchema => ({ type: 'array', minItems: 1, items: { $ref: '#/$defs/id' }, description });
const KINDS = (description: string): JsonSchema => ({
  type: 'array',
  minItems: 1,
  items: { type: 'string', pattern: '^[A-Z][A-Z_]*$' },
  description,
});

/**
 * The `expect` section: answers the author expects the analyses to give on this case
 * (`npm run check -- FILE`). Import and export ignore it. Each item asks one question
 * (whoCan, explain or findings) and states what the answer must say; which fields go with
 * which question is checked by server/bundle/expectations.ts, with messages in its words.
 */
export function expectationSchema(): JsonSchema {
  return {
    type: 'object',
    title: 'Expectation',
    description: 'One question about the case and the answer it must get.',
    properties: {
      whoCan: {
        type: 'object',
        description: 'Ask who holds a power on a day (and in a place).',
        properties: {
          power: { $ref: '#/$defs/id', description: 'The power asked about.' },
          place: { $ref: '#/$defs/id', description: 'The place it must be held for; anywhere when absent.' },
          at: DATE,
          reading: READING,
          context: CONTEXT,
          holder: {
            $ref: '#/$defs/id',
            description:
              'Ask only about this holder: a body, or a person answered through the positions held on the day (holders then lists the person).',
          },
        },
        required: ['power', 'at'],
        additionalProperties: false,
      },
      explain: {
        type: 'object',
        description: 'Ask whether one body (or person) holds a power on a day, and why not.',
        properties: {
          body: { $ref: '#/$defs/id', description: 'The body (or person) asked about.' },
          power: { $ref: '#/$defs/id', description: 'The power asked about.' },
          place: { $ref: '#/$defs/id', description: 'The place it must be held for; anywhere when absent.' },
          at: DATE,
          reading: READING,
          context: CONTEXT,
        },
        required: ['body', 'power', 'at'],
        additionalProperties: false,
      },
      findings: {
        type: 'object',
        description: 'Ask for the findings of the case about one action (or body, or statement).',
        properties: {
          about: { $ref: '#/$defs/id', description: 'The action (or other node) the findings must concern.' },
          at: { ...DATE, description: 'Consider only what had happened by this day; everything when absent.' },
          reading: READING,
        },
        required: ['about'],
        additionalProperties: false,
      },
      holders: IDS('whoCan: bodies (or, asked about a person, that person) that must be among the holders.'),
      notHolders: IDS('whoCan: bodies that must not be among the holders.'),
      verdict: { enum: ['HOLDS', 'CONDITIONAL', 'DOES_NOT_HOLD', 'UNKNOWN'], description: 'explain: the verdict it must give.' },
      missingLink: {
        type: 'string',
        pattern: '^[A-Z][A-Z_]*$',
        description: 'explain: the kind of missing link it must name (NO_GRANT, PARENT_ONLY, CONDITION_UNMET, ...).',
      },
      via: {
        type: 'string',
        pattern: '^[A-Z][A-Z_]*$',
        description: 'explain: how the body must hold it (DIRECT, BY_TYPE, BY_SUCCESSION, BY_DELEGATION).',
      },
      include: KINDS('findings: kinds of finding that must be among those about it.'),
      exclude: KINDS('findings: kinds of finding that must not be among those about it.'),
      note: { type: 'string', minLength: 1, description: 'Why the author expects this answer; printed when it fails.' },
    },
    additionalProperties: false,
  };
}

export function bundleJsonSchema(): JsonSchema {
  const defs: Record<string, JsonSchema> = {
    id: { type: 'string', pattern: ID_PATTERN, description: 'Stable identifier, lowercase words joined by dots or hyphens.' },
    citation: {
      type: 'object',
      description: 'Where a fact is evidenced: a Source and the passage that says it (quoteZh or quote, or both).',
      properties: {
        source: { $ref: '#/$defs/id', description: 'Id of a Source defined in this bundle.' },
        ...Object.fromEntries(Object.entries(CITATION).map(([key, prop]) => [key, propertySchema(prop)])),
      },
      required: ['source'],
      additionalProperties: false,
      anyOf: [{ required: ['quoteZh'] }, { required: ['quote'] }],
    },
    evidence: { type: 'array', minItems: 1, items: { $ref: '#/$defs/citation' }, description: 'Citations that evidence this.' },
  };
  const caseSpec = NODES.find((n) => n.label === 'Case')!;
  defs.Case = nodeSchema(caseSpec);
  defs.Expectation = expectationSchema();
  const lists: Record<string, JsonSchema> = {};
  for (const spec of LISTED_NODES) {
    defs[spec.label] = nodeSchema(spec);
    lists[spec.plural] = { type: 'array', items: { $ref: `#/$defs/${spec.label}` }, description: spec.description };
    for (const relation of bundleRelations(spec.label)) defs[referenceDefName(relation)] = referenceObjectSchema(relation);
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Quanze case bundle',
    description:
      'One case of Quanze (权责): its sources, places, bodies, persons, instruments, grants, actions and statements. Generated from server/model/model.ts by server/bundle/writeSchema.ts; do not edit.',
    type: 'object',
    required: ['format', 'case'],
    properties: {
      format: { const: BUNDLE_FORMAT, description: 'Bundle format and version.' },
      case: { $ref: '#/$defs/Case' },
      ...lists,
      expect: {
        type: 'array',
        items: { $ref: '#/$defs/Expectation' },
        description: 'Answers the author expects on this case, checked by `npm run check -- FILE`; import and export ignore them.',
      },
    },
    additionalProperties: false,
    $defs: defs,
  };
}
