// GraphQL type definitions of the entity API, generated from the model so that the
// database, the bundle format and the API use one vocabulary.
import { CITATION, NODES, RELATIONS, type PropertySpec, type RelationSpec } from './model.js';

const pascal = (s: string) => s.replace(/(^|[_\s-])(\w)/g, (_m, _p, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase());
const doc = (text: string, indent = '') => `${indent}"""${text.replace(/"""/g, "'''")}"""\n`;

/** Name of the GraphQL enum for a property that has one, shared by properties with the same values. */
function enumName(owner: string, field: string, spec: PropertySpec): string | undefined {
  // An open vocabulary is text: a case may declare values of its own (Term).
  if (!spec.enum || spec.vocabulary) return undefined;
  const shared: Record<string, string> = {
    modality: 'Modality',
    stance: 'Stance',
    role: 'ActorRole',
    how: 'SuccessionKind',
    level: `${owner}Level`,
    basis: 'Basis',
    stanceBasis: 'Basis',
    purposeBasis: 'Basis',
    capacity: 'Capacity',
    effect: 'RestrictionEffect',
  };
  return shared[field] ?? `${owner}${pascal(field)}`;
}

function scalar(owner: string, field: string, spec: PropertySpec): string {
  const named = enumName(owner, field, spec);
  const base =
    named ??
    { string: 'String', text: 'String', int: 'Int', float: 'Float', boolean: 'Boolean', date: 'Date', json: 'String', 'string[]': '[String!]' }[
      spec.kind
    ];
  return spec.required ? `${base}!` : base;
}

function propertyLines(owner: string, properties: Record<string, PropertySpec>): string {
  return Object.entries(properties)
    .map(([field, spec]) => {
      const type = field === 'id' ? 'ID!' : scalar(owner, field, spec);
      const note = spec.kind === 'json' ? `${spec.description} (JSON text)` : spec.description;
      return `${doc(note, '  ')}  ${field}: ${type}`;
    })
    .join('\n');
}

function relationPropertiesName(rel: RelationSpec): string | undefined {
  if (!rel.properties && !rel.cited) return undefined;
  return `${pascal(rel.from)}${pascal(rel.field)}Properties`;
}

function targetType(rel: RelationSpec): string {
  return rel.to.length === 1 ? rel.to[0] : rel.to.join('Or');
}

function relationLine(rel: RelationSpec): string {
  const props = relationPropertiesName(rel);
  const args = [`type: "${rel.type}"`, 'direction: OUT', props ? `properties: "${props}"` : undefined].filter(Boolean).join(', ');
  return `${doc(rel.description, '  ')}  ${rel.field}: [${targetType(rel)}!]! @relationship(${args})`;
}

const CITATIONS_FIELD: Record<string, PropertySpec> = {
  citations: { kind: 'json', description: 'The evidence for this relation: a list of {source, quoteZh, quote, locator}.' },
  sourceIds: { kind: 'string[]', description: 'Ids of the sources cited for this relation.' },
  unsourced: { kind: 'boolean', description: 'True when an editor asserts this relation without a source.' },
};

/** Page sizes of the entity API: what a list returns without `limit`, and the most it returns with one. */
export const PAGE_SIZE = { default: 50, max: 200 } as const;

export function entityTypeDefs(): string {
  const parts: string[] = [];
  const enums = new Map<string, readonly string[]>();
  const collectEnums = (owner: string, properties: Record<string, PropertySpec>) => {
    for (const [field, spec] of Object.entries(properties)) {
      const name = enumName(owner, field, spec);
      if (name && spec.enum) enums.set(name, spec.enum);
    }
  };

  for (const node of NODES) {
    collectEnums(node.label, node.properties);
    const relations = RELATIONS.filter((r) => r.from === node.label || (r.from === '*' && !['Case', 'Source'].includes(node.label)));
    const lines = [propertyLines(node.label, node.properties), ...relations.map(relationLine)];
    if (node.cited) {
      lines.push(
        `${doc('The sources that evidence this, each with its quote and locator.', '  ')}  evidence: [Source!]! @relationship(type: "EVIDENCED_BY", direction: OUT, properties: "Citation")`,
      );
    }
    parts.push(
      `${doc(`${node.description} ${node.descriptionZh}`)}type ${node.label} @node @limit(default: ${PAGE_SIZE.default}, max: ${PAGE_SIZE.max}) {\n${lines.join('\n')}\n}`,
    );
  }

  for (const rel of RELATIONS) {
    if (rel.to.length > 1) {
      const name = targetType(rel);
      if (!parts.some((p) => p.startsWith(`union ${name} `))) parts.push(`union ${name} = ${rel.to.join(' | ')}`);
    }
    const props = relationPropertiesName(rel);
    if (props) {
      const owner = pascal(rel.from);
      collectEnums(owner, rel.properties ?? {});
      const properties = { ...(rel.properties ?? {}), ...(rel.cited ? CITATIONS_FIELD : {}) };
      parts.push(
        `${doc(`Properties of ${rel.type} (${rel.from}.${rel.field}).`)}type ${props} @relationshipProperties {\n${propertyLines(owner, properties)}\n}`,
      );
    }
  }
  parts.push(
    `${doc('Where a source supports a fact: the quote and where it is found.')}type Citation @relationshipProperties {\n${propertyLines('Citation', CITATION)}\n}`,
  );
  for (const [name, values] of enums) parts.push(`enum ${name} {\n  ${values.join('\n  ')}\n}`);
  return parts.join('\n\n');
}
