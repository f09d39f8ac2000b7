// The model of Quanze, declared once. The GraphQL type definitions, the bundle's JSON
// Schema, the database constraints and the client's captions are all derived from this
// file (see typeDefs.ts, ../bundle/jsonSchema.ts, ../neo4j/migrations.ts); a test checks
// that they agree. The declarations live in specs.ts (shapes and vocabularies), nodes.ts and
// relations.ts; this module gathers them, and everything imports the model from here.

import { NODES } from './nodes.js';
import { RELATIONS } from './relations.js';
import type { NodeSpec, PropertySpec, RelationSpec } from './specs.js';

export * from './specs.js';
export { NODES } from './nodes.js';
export { RELATIONS } from './relations.js';

/** Citation properties on EVIDENCED_BY, and on the `citations` of cited relations. */
export const CITATION: Record<string, PropertySpec> = {
  quoteZh: { kind: 'text', description: 'The passage in Chinese, verbatim.' },
  quote: { kind: 'text', description: 'The passage in English (verbatim for an English source, a gist otherwise).' },
  locator: { kind: 'string', description: 'Where in the source: paragraph, article, page.' },
};

export function nodeSpec(label: string): NodeSpec {
  const spec = NODES.find((n) => n.label === label);
  if (!spec) throw new Error(`Unknown node type ${label}`);
  return spec;
}

export function relationsFrom(label: string): RelationSpec[] {
  return RELATIONS.filter((r) => r.from === label || (r.from === '*' && label !== 'Case' && label !== 'Source'));
}
